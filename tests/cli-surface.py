#!/usr/bin/env python3
"""The command line's surface, from its one option table per command: the
man page's synopsis is the one `policyctl help --synopsis` prints, every
command's --help describes each option it parses with a default or a
meaning, the completion scripts name every option and parse in their
shell, and the parsing faults stay fixed (one message for an unknown
option, whole numbers only, no usage line for a failure that is not a
usage error).
Usage: cli-surface.py POLICYCTL SOURCE_ROOT"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

results = []


def check(name, ok, why=""):
    results.append(ok)
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + why))


EMPTY = tempfile.mkdtemp(prefix="cli-surface-")


def run(binary, *args, stdin=None):
    # in an empty directory: a flag alone must not act on a repository here
    p = subprocess.run([binary, *args], capture_output=True, text=True, input=stdin, cwd=EMPTY,
                       stdin=subprocess.DEVNULL if stdin is None else None)
    return p.returncode, p.stdout, p.stderr


def commands(binary):
    rc, out, _ = run(binary, "--help")
    return [m.group(1) for m in re.finditer(r"^  ([a-z]+) ", out, re.M)]


def options_of(binary, command):
    rc, out, _ = run(binary, command, "--help")
    return rc, out, re.findall(r"^  (?:-\w, )?\s*--([a-z-]+)", out, re.M)


def main():
    binary, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    man = open(os.path.join(root, "docs", "policyctl.1"), encoding="utf-8").read()
    synopsis = man.split(".SH SYNOPSIS\n", 1)[1].split(".PP\n", 1)[0]
    rc, printed, _ = run(binary, "help", "--synopsis")
    check("the man page's synopsis is the option tables'", rc == 0 and printed == synopsis,
          "regenerate it: policyctl help --synopsis (docs/policyctl.1)")

    names = commands(binary)
    check("policyctl --help lists the commands", len(names) >= 15 and "new" in names, str(names))
    scripts = {shell: run(binary, "completion", shell)[1] for shell in ("bash", "zsh", "fish")}
    for command in names:
        rc, out, opts = options_of(binary, command)
        check(f"{command} --help: options, exit status and an example",
              rc == 0 and "help" in opts and "exit status:" in out and "example:\n  policyctl " + command in out,
              out[:200])
        check(f"{command} is in the man page's commands", f"\n.B {command}" in man.split(".SH COMMANDS", 1)[1])
        for o in opts:
            check(f"{command} --{o} is in every completion script",
                  all(f"--{o}" in s or f"-l {o}" in s for s in scripts.values()))
        # every option the table lists is one the command's own switch
        # takes (the table drives getopt; a switch that forgot one refuses it)
        for o in opts:
            if o == "help":
                continue
            rc2, _, err = run(binary, command, f"--{o}")
            check(f"{command} --{o} is an option it takes",
                  "unknown option" not in err and "does not apply" not in err, err[:120])
    rc, _, err = run(binary, "diff", "--bogus", "a", "b")
    check("an unknown option: one message, exit 2",
          rc == 2 and err.count("policyctl diff:") == 1 and "unrecognized" not in err, err)
    rc, _, err = run(binary, "serve", "--threads", "4x")
    check("--threads 4x is refused", rc == 2 and "whole number" in err, err)
    rc, _, err = run(binary, "serve", "--max-connections", "0")
    check("--max-connections 0 is refused", rc == 2, err)
    rc, _, err = run(binary, "diff", "-f")
    check("a missing value names the option", rc == 2 and "-f needs a value" in err, err)
    rc, out, err = run(binary, "completion", "tcsh")
    check("a shell it has no script for: exit 2, nothing printed", rc == 2 and out == "" and "tcsh" in err, err)
    rc, _, err = run(binary, "render", "--json", "x.md")
    check("an option of another command is unknown", rc == 2 and "--json" in err, err)

    if shutil.which("bash"):
        p = subprocess.run(["bash", "-n"], input=scripts["bash"], capture_output=True, text=True)
        check("the bash script parses", p.returncode == 0, p.stderr)
        p = subprocess.run(["bash", "-c", scripts["bash"] +
                            "\nCOMP_WORDS=(policyctl diff --fo); COMP_CWORD=2; _policyctl; echo ${COMPREPLY[@]}\n"
                            "COMP_WORDS=(policyctl diff --format ''); COMP_CWORD=3; _policyctl; echo ${COMPREPLY[@]}\n"
                            "COMP_WORDS=(policyctl ne); COMP_CWORD=1; _policyctl; echo ${COMPREPLY[@]}\n"],
                           capture_output=True, text=True)
        lines = p.stdout.splitlines()
        check("bash completes options, their values and commands",
              len(lines) == 3 and lines[0] == "--format" and lines[1] == "text html markdown json"
              and lines[2] == "new", p.stdout + p.stderr)
    for shell in ("zsh", "fish"):
        if shutil.which(shell):
            p = subprocess.run([shell, "-n"], input=scripts[shell], capture_output=True, text=True)
            check(f"the {shell} script parses", p.returncode == 0, p.stderr)
    check("zsh's script declares its command", scripts["zsh"].startswith("#compdef policyctl"))
    check("fish's script completes each command", all(f"-a {c} " in scripts["fish"] for c in names))

    shutil.rmtree(EMPTY, ignore_errors=True)
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


sys.exit(main())
