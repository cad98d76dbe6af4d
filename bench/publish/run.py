#!/usr/bin/env python3
"""The publish benchmark (see bench/publish/run).
Usage: run.py POLICYCTL CORPUS_DIR VERSIONS RUNS"""
import glob
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(cmd, **kw):
    """Wall time (s) and peak RSS (MB) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, **kw)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench/publish: {cmd[:3]} failed")
    return elapsed, usage.ru_maxrss / 1024


def main():
    policyctl, corpus, versions, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    repo, sources = os.path.join(corpus, "repo"), os.path.join(corpus, "sources")
    if not os.path.isdir(repo):
        subprocess.run([sys.executable, os.path.join(HERE, "gen-repo.py"), repo, sources,
                        str(versions)], check=True)
    files = sorted(glob.glob(os.path.join(sources, "*.md")))[:2 * versions]
    site = os.path.join(corpus, "site")
    publish = [policyctl, "publish", "--repo", repo, "--out", site, "--now", "2030-01-01"]
    loop = ["sh", "-c", 'for f in "$@"; do cmark "$f"; done >/dev/null', "loop"] + files
    full, ref, peak = [], [], 0.0
    cache = os.path.join(corpus, ".site.cache")
    for _ in range(runs):
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(os.path.join(corpus, ".site.spare"), ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)  # from nothing: no cached bundle parts
        subprocess.run(["sync"], check=True)  # the removals on disk: not publish's to flush
        t, rss = timed(publish)
        full.append(t)
        peak = max(peak, rss)
        ref.append(timed(loop)[0])
    f, r = statistics.median(full), statistics.median(ref)
    print(f"{versions} versions x 2 locales ({len(files)} sources):")
    print(f"  policyctl publish (empty site)   median {f * 1000:8.1f} ms  (min {min(full) * 1000:.1f},"
          f" {runs} runs)  peak RSS {peak:.1f} MB")
    print(f"  loop of cmark over the sources   median {r * 1000:8.1f} ms  (min {min(ref) * 1000:.1f},"
          f" {runs} runs)")
    print(f"  ratio publish / cmark loop: {f / r:.2f}  (target <= 2.0)")

    # One more version, published over the full site as a publish finds
    # it: with the site before it kept as .site.spare (here the same
    # versions as the live site; in use, all but the newest).
    nxt = os.path.join(corpus, "repo-next")
    saved = os.path.join(corpus, "site-full")
    spare, saved_spare = os.path.join(corpus, ".site.spare"), os.path.join(corpus, "spare-full")
    shutil.rmtree(nxt, ignore_errors=True)
    for d in (saved, saved_spare):
        shutil.rmtree(d, ignore_errors=True)
    shutil.copytree(repo, nxt, symlinks=True)
    subprocess.run([sys.executable, os.path.join(HERE, "gen-repo.py"), nxt, os.path.join(corpus, "next"),
                    str(versions), "--next"], check=True)
    timed(publish)  # leaves the site before as the spare
    os.rename(site, saved)
    os.rename(spare, saved_spare)
    # the repository as the publish before left it: its packed tags and
    # its tag cache, restored after each run's tags are deleted (a cache
    # holding the deleted tags would be written anew, which no publish
    # after another pays)
    git_dir = os.path.join(nxt, ".git")
    kept = {}
    for name in ("packed-refs", "policyctl-tags"):
        path = os.path.join(git_dir, name)
        if os.path.exists(path):
            with open(path, "rb") as saved_file:
                kept[path] = saved_file.read()
    again, peak = [], 0.0
    for _ in range(runs):
        for d in (site, spare):
            shutil.rmtree(d, ignore_errors=True)
        # hard links: publish never writes a file in place
        subprocess.run(["cp", "-al", saved, site], check=True)
        subprocess.run(["cp", "-al", saved_spare, spare], check=True)
        subprocess.run(["git", "-C", nxt, "tag", "-d", f"privacy/en/1.{versions}",
                        f"privacy/zh-CN/1.{versions}"], capture_output=True)
        for path, data in kept.items():
            with open(path, "wb") as restored:
                restored.write(data)
        # the copies above on disk first: publish syncs the file system
        # before its swap, and should not pay for this script's writes
        subprocess.run(["sync"], check=True)
        t, rss = timed([policyctl, "publish", "--repo", nxt, "--out", site, "--now", "2030-01-01"])
        again.append(t)
        peak = max(peak, rss)
    a = statistics.median(again)
    print(f"  publish again after one version  median {a * 1000:8.1f} ms  (min {min(again) * 1000:.1f},"
          f" {runs} runs)  peak RSS {peak:.1f} MB")
    print(f"  share of the full publish: {100 * a / f:.1f}%  (target <= 5%)")


main()
