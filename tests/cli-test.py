#!/usr/bin/env python3
"""Command-line tests against golden files.

Each directory under tests/data/cli/ is one case:
  args     the arguments, shell-quoted; {tmp} is a fresh temporary directory
  status   the expected exit code
  stdout   the expected standard output (optional)
  stderr   the expected standard error (optional)
  absent   paths that must not exist afterwards, one a line (optional)
  present  paths that must exist afterwards, one a line (optional)
  setup    a shell script run first in {tmp}, with POLICYCTL and ROOT set
           (optional): to make a policy repository, say
Commands run with the source tree as the working directory, so paths in
messages are stable; the temporary directory's path reads {tmp} in the
output compared. POLICY_UPDATE_GOLDEN=1 rewrites the stdout and stderr
files a case has (create an empty one to start).
Usage: cli-test.py POLICYCTL SOURCE_ROOT [CASE...]"""
import difflib
import os
import shlex
import subprocess
import sys
import tempfile


def read(path):
    with open(path, "rb") as f:
        return f.read()


def compare_golden(golden, got):
    """Problems of `got` against the golden file: a unified diff, with what
    came written to golden.got beside it; none when equal (any stale .got
    removed). POLICY_UPDATE_GOLDEN=1 writes the golden file instead. Every
    case has both golden files: a missing one is a problem too."""
    got_path = golden + ".got"
    if os.environ.get("POLICY_UPDATE_GOLDEN"):
        with open(golden, "wb") as f:
            f.write(got)
    if not os.path.exists(golden):
        with open(got_path, "wb") as f:
            f.write(got)
        return [f"no golden file {golden} (POLICY_UPDATE_GOLDEN=1 writes it; "
                f"what came is in {got_path})"]
    want = read(golden)
    if want == got:
        if os.path.exists(got_path):
            os.unlink(got_path)
        return []
    with open(got_path, "wb") as f:
        f.write(got)
    diff = difflib.unified_diff(
        want.decode(errors="replace").splitlines(keepends=True),
        got.decode(errors="replace").splitlines(keepends=True),
        fromfile=golden, tofile=got_path)
    text = "".join(diff)
    if len(text) > 6000:
        text = text[:6000] + "\n... (the rest: diff " + golden + " " + got_path + ")\n"
    return [f"{os.path.basename(golden)} differs from its golden file "
            f"(POLICY_UPDATE_GOLDEN=1 rewrites it):\n{text}"]


def run_case(binary, root, case_dir):
    name = os.path.basename(case_dir)
    with tempfile.TemporaryDirectory() as tmp:
        def expand(s):
            return s.replace("{tmp}", tmp)

        env = dict(os.environ, LC_ALL="C.UTF-8", NO_COLOR="1", POLICYCTL=binary, ROOT=root)
        problems = []
        setup = os.path.join(case_dir, "setup")
        if os.path.exists(setup):
            s = subprocess.run(["sh", setup], cwd=tmp, capture_output=True, timeout=120, env=env)
            if s.returncode != 0:
                return name, [f"setup failed: {s.stderr.decode(errors='replace')[:2000]}"]
        args = [expand(a) for a in shlex.split(read(os.path.join(case_dir, "args")).decode())]
        p = subprocess.run([binary] + args, cwd=root, capture_output=True, timeout=60, env=env)
        p.stdout = p.stdout.replace(tmp.encode(), b"{tmp}")
        p.stderr = p.stderr.replace(tmp.encode(), b"{tmp}")
        want_status = int(read(os.path.join(case_dir, "status")))
        if p.returncode != want_status:
            problems.append(f"exit {p.returncode}, want {want_status}")
        for stream, got in (("stdout", p.stdout), ("stderr", p.stderr)):
            golden = os.path.join(case_dir, stream)
            problems += compare_golden(golden, got)
        for kind, want in (("absent", False), ("present", True)):
            path = os.path.join(case_dir, kind)
            if os.path.exists(path):
                for line in read(path).decode().split():
                    if os.path.exists(expand(line)) != want:
                        problems.append(f"{line} should be {kind}")
                if not want and not os.path.exists(os.path.join(case_dir, "setup")) and os.listdir(tmp):
                    problems.append(f"left behind in the output directory: {os.listdir(tmp)}")
    return name, problems


def main():
    binary, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    base = os.path.join(root, "tests", "data", "cli")
    cases = sys.argv[3:] or sorted(os.listdir(base))
    failed = 0
    for case in cases:
        name, problems = run_case(binary, root, os.path.join(base, case))
        if problems:
            failed += 1
            print(f"FAIL {name}")
            for p in problems:
                print("    " + p)
        else:
            print(f"PASS {name}")
    print(f"{len(cases) - failed} passed, {failed} failed")
    return 1 if failed else 0


sys.exit(main())
