#!/usr/bin/env python3
"""Crash test of publish: `policyctl publish` is killed with SIGKILL at
many random moments while it replaces a site, and after each kill the
site directory must be exactly the old site or exactly the new one.
Usage: publish-crash.py POLICYCTL [ROUNDS]"""
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

SECTION = """## {n}. Section {n} {{#s{n}}}

{text}
"""


def source(version, day):
    body = "".join(SECTION.format(n=n, text=("Words of section %d, version %s. " % (n, version)) * 12)
                   for n in range(1, 30))
    return ("---\npolicy: privacy\nlocale: en\ntitle: Crash\nversion: \"%s\"\nreleased: %s\n"
            "effective: %s\n---\n# Crash\n\n%s" % (version, day, day, body))


def git(repo, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   cwd=repo, check=True, capture_output=True)


def digest(path):
    """Names and bytes of every file under path; None when it is absent."""
    if not os.path.exists(path):
        return None
    h = hashlib.sha256()
    for top, dirs, files in sorted(os.walk(path)):
        dirs.sort()
        for name in sorted(files):
            full = os.path.join(top, name)
            h.update(os.path.relpath(full, path).encode() + b"\0")
            with open(full, "rb") as f:
                h.update(f.read())
    return h.hexdigest()


def publish(binary, repo, out, check=True):
    return subprocess.run([binary, "publish", "--repo", repo, "--out", out, "--now", "2025-01-01"],
                          check=check, capture_output=True)


def main():
    binary = os.path.abspath(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    random.seed(int(os.environ.get("CRASH_SEED", "1")))
    with tempfile.TemporaryDirectory() as tmp:
        repo = os.path.join(tmp, "repo")
        os.makedirs(os.path.join(repo, "policies", "privacy"))
        git(repo, "init", "-q", ".")
        site = os.path.join(tmp, "site")
        versions = 24
        for i in range(versions):
            with open(os.path.join(repo, "policies", "privacy", "en.md"), "w") as f:
                f.write(source("1.%d" % i, "2024-01-%02d" % (i + 1)))
            git(repo, "add", "-A")
            git(repo, "commit", "-q", "-m", "v%d" % i)
            if i < versions - 1:
                publish(binary, repo, site)
        old = digest(site)
        saved = os.path.join(tmp, "old")
        shutil.copytree(site, saved)
        # The new version is tagged here; the reference site is written elsewhere.
        publish(binary, repo, os.path.join(tmp, "reference"))
        new = digest(os.path.join(tmp, "reference"))
        start = time.monotonic()
        publish(binary, repo, os.path.join(tmp, "timing"))
        full = time.monotonic() - start
        failures = 0
        outcomes = {"old": 0, "new": 0, "absent": 0}
        for r in range(rounds):
            fresh = r % 4 == 3  # sometimes from no site at all
            shutil.rmtree(site, ignore_errors=True)
            if not fresh:
                shutil.copytree(saved, site)
            p = subprocess.Popen([binary, "publish", "--repo", repo, "--out", site, "--now", "2025-01-01"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(random.uniform(0, full * 1.2))
            p.kill()
            p.wait()
            got = digest(site)
            if got == new:
                outcomes["new"] += 1
            elif got is None and fresh:
                outcomes["absent"] += 1
            elif got == old and not fresh:
                outcomes["old"] += 1
            else:
                failures += 1
                print("FAIL round %d: the site is neither the old nor the new one" % r)
        # A publish after all those kills finishes and leaves nothing behind.
        publish(binary, repo, site)
        if digest(site) != new:
            failures += 1
            print("FAIL: the publish after the kills did not write the new site")
        left = [n for n in os.listdir(tmp) if n.startswith(".site.new-")]
        if left:
            failures += 1
            print("FAIL: left behind: %s" % left)
        print("%d kills within %.0f ms of start: old %d, new %d, absent %d"
              % (rounds, full * 1200, outcomes["old"], outcomes["new"], outcomes["absent"]))
        print("%d passed, %d failed" % (rounds + 2 - failures, failures))
        return 1 if failures else 0


sys.exit(main())
