#!/usr/bin/env python3
"""Load test of `policyctl serve` on loopback, bounded in time: twice the
connection limit held open, then 300 slowloris connections (a header line
every half second), then a FIFO placed in the site. Throughout and right
after, /healthz must answer within 1 s, and the server's memory must stay
bounded.
Usage: serve-load.py POLICYCTL SOURCE_ROOT"""
import os
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time

LIMIT = 64
SLOW = 300
results = []


def check(name, ok, why=""):
    results.append(ok)
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + why))


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def healthz(port):
    """Seconds /healthz took, or None when it got no 200 within 1 s.

    Under a flood of silent connections a newcomer may push out one that
    has just connected and not yet sent its request (the server closes
    it at once, with nothing said); the probe then connects again, as a
    health checker does, within the same second."""
    start = time.monotonic()
    while time.monotonic() - start < 1:
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=1)
            s.settimeout(max(0.01, 1 - (time.monotonic() - start)))
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
            s.close()
            if data.startswith(b"HTTP/1.1 200"):
                return time.monotonic() - start
            if os.environ.get("VERBOSE"):
                print("healthz got", data[:40])
            if data:
                return None  # an answer, and not a 200
        except OSError as e:
            if os.environ.get("VERBOSE"):
                print("healthz error", e)
            if not isinstance(e, ConnectionResetError):
                return None
    return None


class Prober(threading.Thread):
    """/healthz ten times a second until stopped; records the worst."""

    def __init__(self, port):
        super().__init__(daemon=True)
        self.port, self.worst, self.failures, self.count = port, 0.0, 0, 0
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            t = healthz(self.port)
            self.count += 1
            if t is None:
                self.failures += 1
            else:
                self.worst = max(self.worst, t)
            time.sleep(0.1)


def open_many(port, n):
    socks = []
    for _ in range(n):
        try:
            socks.append(socket.create_connection(("127.0.0.1", port), timeout=2))
        except OSError:
            pass
    return socks


def close_all(socks):
    for s in socks:
        try:
            s.close()
        except OSError:
            pass


def phase(name, port, pid, work):
    p = Prober(port)
    p.start()
    base = rss_kb(pid)
    work()
    p.stopping.set()
    p.join()
    grown = rss_kb(pid) - base
    check(f"{name}: /healthz answered within 1 s ({p.count} probes, worst {p.worst * 1000:.0f} ms)",
          p.failures == 0 and p.count >= 5, f"{p.failures} of {p.count} unanswered")
    check(f"{name}: memory bounded (grew {grown} KiB)", grown < 64 * 1024, f"{grown} KiB")


def slow_readers(binary, tmp, site):
    """Six slow downloads of an 8 MB bundle, each begun on a site that is
    then replaced: every old snapshot stays alive while its reader is,
    so the server must not hold the bundles' bytes in memory."""
    import shutil
    os.unlink(os.path.join(site, "privacy", "en", "trap.html"))
    live = os.path.join(tmp, "live")
    shutil.copytree(site, live)
    big = os.path.join("archive", "privacy-en.zip")
    with open(os.path.join(live, big), "wb") as f:
        f.write(os.urandom(8 << 20))
    proc = subprocess.Popen([binary, "serve", "--site", live, "--listen", "127.0.0.1:0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    port = int(proc.stdout.readline().rstrip().rstrip("/").rsplit(":", 1)[1])
    readers = []
    try:
        base = rss_kb(proc.pid)
        for k in range(6):
            s = socket.create_connection(("127.0.0.1", port), timeout=10)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            s.sendall(f"GET /{big} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            head = s.recv(4096)
            readers.append(s)
            if not head.startswith(b"HTTP/1.1 200"):
                break
            # A publish: a new site with another bundle swapped in.
            nxt = os.path.join(tmp, f"next{k}")
            shutil.copytree(live, nxt)
            with open(os.path.join(nxt, big), "wb") as f:
                f.write(os.urandom(8 << 20))
            old = os.path.join(tmp, f"old{k}")
            os.rename(live, old)
            os.rename(nxt, live)
            time.sleep(0.2)
        grown = rss_kb(proc.pid) - base
        check(f"six slow readers across six publishes: memory bounded (grew {grown} KiB)",
              len(readers) == 6 and grown < 16 * 1024, f"{grown} KiB, {len(readers)} readers")
        check("a health check meanwhile", healthz(port) is not None)
    finally:
        close_all(readers)
        proc.terminate()
        proc.wait(timeout=10)


def main():
    binary, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192), hard))
    with tempfile.TemporaryDirectory() as tmp:
        repo = os.path.join(tmp, "repo")
        subprocess.run([os.path.join(root, ".ci", "replay"), binary, repo], check=True, capture_output=True)
        subprocess.run([binary, "publish", "--repo", repo], check=True, capture_output=True)
        site = os.path.join(repo, "site")
        os.mkfifo(os.path.join(site, "privacy", "en", "trap.html"))
        proc = subprocess.Popen([binary, "serve", "--site", site, "--listen", "127.0.0.1:0",
                                 "--max-connections", str(LIMIT)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        port = int(proc.stdout.readline().rstrip().rstrip("/").rsplit(":", 1)[1])
        try:
            held = []

            def idle():
                # Twice the limit, connected and silent.
                held.extend(open_many(port, 2 * LIMIT))
                time.sleep(2)

            phase("2x the connection limit", port, proc.pid, idle)

            def slowloris():
                slow = open_many(port, SLOW)
                for s in slow:
                    try:
                        s.sendall(b"GET /privacy/en/current HTTP/1.1\r\nHost: x\r\n")
                    except OSError:
                        pass
                for _ in range(8):
                    time.sleep(0.5)
                    for s in slow:
                        try:
                            s.sendall(b"X-Slow: 1\r\n")
                        except OSError:
                            pass
                held.extend(slow)

            phase(f"{SLOW} slowloris connections", port, proc.pid, slowloris)
            close_all(held)
            t = healthz(port)
            check("after the load: /healthz within 1 s", t is not None, "no answer")

            def fifo():
                # Each request for the FIFO, on every worker, at once.
                answers = []

                def get():
                    s = socket.create_connection(("127.0.0.1", port), timeout=3)
                    s.sendall(b"GET /privacy/en/trap.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    try:
                        answers.append(s.recv(64))
                    except OSError:
                        answers.append(b"")
                    s.close()

                threads = [threading.Thread(target=get) for _ in range(8)]
                for th in threads:
                    th.start()
                for th in threads:
                    th.join()
                check("a FIFO in the site is not found, at once",
                      all(a.startswith(b"HTTP/1.1 404") for a in answers), repr(answers[:2]))
                time.sleep(1)

            phase("a FIFO in the site", port, proc.pid, fifo)
        finally:
            proc.terminate()
            check("stops on SIGTERM", proc.wait(timeout=10) == 0)
        slow_readers(binary, tmp, site)
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


sys.exit(main())
