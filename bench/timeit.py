#!/usr/bin/env python3
"""Times commands alternately in one run and prints each one's median wall
time and the ratio of the first to the second. Machines here are noisy, so
only the ratio is comparable across runs.
Usage: timeit.py RUNS NAME1 CMD1 NAME2 CMD2"""
import resource
import shlex
import statistics
import subprocess
import sys
import time


def once(cmd):
    start = time.perf_counter()
    subprocess.run(shlex.split(cmd), stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main():
    runs = int(sys.argv[1])
    names, cmds = sys.argv[2::2], sys.argv[3::2]
    times = [[] for _ in cmds]
    for c in cmds:  # warm the page cache
        once(c)
    for _ in range(runs):
        for i, c in enumerate(cmds):
            times[i].append(once(c))
    med = [statistics.median(t) for t in times]
    for n, m, t in zip(names, med, times):
        print(f"{n:40s} median {m * 1000:8.1f} ms  (min {min(t) * 1000:.1f}, {runs} runs)")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"ratio {names[0]} / {names[1]}: {med[0] / med[1]:.2f}")
    print(f"peak RSS of any child: {peak:.1f} MB")


main()
