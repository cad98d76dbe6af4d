#!/usr/bin/env python3
"""Times commands alternately in one run and prints each one's median wall
time, its peak memory, and the ratio of the first to the second (and of
their fastest runs, beside it). Machines here are noisy, so only the
ratio is comparable across runs. Exit status 1
counts as success (diff tools use it for "different").
Usage: timeit.py RUNS NAME1 CMD1 NAME2 CMD2 [NAME CMD ...]"""
import os
import shlex
import statistics
import subprocess
import sys
import time


def once(cmd):
    """Wall time in seconds and peak RSS in MB of one run of cmd."""
    start = time.perf_counter()
    proc = subprocess.Popen(shlex.split(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"timeit: `{cmd}` exited with {code}")
    return elapsed, usage.ru_maxrss / 1024


def main():
    runs = int(sys.argv[1])
    names, cmds = sys.argv[2::2], sys.argv[3::2]
    times = [[] for _ in cmds]
    peaks = [0.0 for _ in cmds]
    for c in cmds:  # warm the page cache
        once(c)
    for _ in range(runs):
        for i, c in enumerate(cmds):
            t, rss = once(c)
            times[i].append(t)
            peaks[i] = max(peaks[i], rss)
    med = [statistics.median(t) for t in times]
    for n, m, t, p in zip(names, med, times, peaks):
        print(f"{n:44s} median {m * 1000:8.1f} ms  (min {min(t) * 1000:.1f}, {runs} runs)"
              f"  peak RSS {p:.1f} MB")
    # the medians' ratio is the figure; the fastest runs' ratio says how
    # much of it the machine's noise may be
    print(f"ratio {names[0]} / {names[1]}: {med[0] / med[1]:.2f}"
          f"  (fastest runs: {min(times[0]) / min(times[1]):.2f})")


main()
