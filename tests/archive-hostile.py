#!/usr/bin/env python3
"""`policyctl archive verify` against hostile bundles: entries that are not
regular files (a symbolic link in place of a version's source, hard links,
devices, FIFOs), duplicate and escaping names, decompression bombs as
tar.gz and zip, a tar.gz whose pax header announces a gigabyte, 40,000
entries, and files with the magic of formats libarchive would hand to an
external program. Each must be refused (exit 1, a named problem), within
64 MB of memory, with no program run; the time is printed for the record
(docs/robustness.md) and bounded only loosely, against hangs.
Usage: archive-hostile.py POLICYCTL SOURCE_ROOT"""
import gzip
import io
import os
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
import zlib

results = []


def check(name, ok, why=""):
    results.append(ok)
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + why))


def verify(binary, path, env=None):
    """exit code, stderr+stdout, seconds, peak KiB of the child."""
    code = ("import resource, subprocess, sys, time\n"
            "t = time.monotonic()\n"
            "p = subprocess.run(sys.argv[1:], capture_output=True)\n"
            "t = time.monotonic() - t\n"
            "r = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
            "sys.stdout.buffer.write(b'%d %f %d\\n' % (p.returncode, t, r) + p.stdout + p.stderr)\n")
    out = subprocess.run([sys.executable, "-c", code, binary, "archive", "verify", path],
                         capture_output=True, timeout=60, env=env).stdout
    head, _, rest = out.partition(b"\n")
    rc, secs, kib = head.split()
    return int(rc), rest.decode(errors="replace"), float(secs), int(kib)


def members(path):
    """(TarInfo, bytes) of every member of a tar.gz."""
    out = []
    with tarfile.open(path, "r:gz") as t:
        for m in t.getmembers():
            out.append((m, t.extractfile(m).read() if m.isreg() else b""))
    return out


def write_tgz(path, items):
    with tarfile.open(path, "w:gz", format=tarfile.PAX_FORMAT) as t:
        for info, data in items:
            t.addfile(info, io.BytesIO(data) if info.isreg() else None)


def refused(binary, name, path, problem, env=None):
    rc, text, secs, kib = verify(binary, path, env)
    check(f"{name}: refused with {problem} ({secs:.2f} s, {kib // 1024} MB)",
          rc == 1 and problem in text and kib < 64 * 1024 and secs < 10,
          f"exit {rc}, {secs:.2f} s, {kib} KiB: {text[:300]}")


def main():
    binary, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory() as tmp:
        repo = os.path.join(tmp, "repo")
        subprocess.run([os.path.join(root, ".ci", "replay"), binary, repo], check=True, capture_output=True)
        subprocess.run([binary, "publish", "--repo", repo], check=True, capture_output=True)
        good = os.path.join(repo, "site", "archive", "privacy-en.tar.gz")
        rc, text, _, _ = verify(binary, good)
        check("the published bundle verifies", rc == 0, text)
        items = members(good)
        source = next(m.name for m, _ in items if m.name.endswith(".md"))

        def variant(name, edit):
            path = os.path.join(tmp, name + ".tar.gz")
            write_tgz(path, edit(list(items)))
            return path

        def symlink_source(its):
            out = []
            for m, d in its:
                if m.name == source:
                    link = tarfile.TarInfo(m.name)
                    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
                    out.append((link, b""))
                else:
                    out.append((m, d))
            return out

        refused(binary, "a version's source as a symbolic link", variant("symlink", symlink_source), "not-a-file")
        for kind, typ in (("an extra symbolic link", tarfile.SYMTYPE), ("an extra hard link", tarfile.LNKTYPE),
                          ("an extra device", tarfile.CHRTYPE), ("an extra FIFO", tarfile.FIFOTYPE)):
            def add(its, typ=typ):
                extra = tarfile.TarInfo(os.path.dirname(source) + "/extra")
                extra.type = typ
                if typ in (tarfile.SYMTYPE, tarfile.LNKTYPE):
                    extra.linkname = source if typ == tarfile.LNKTYPE else "/etc/shadow"
                return its + [(extra, b"")]
            refused(binary, kind, variant(kind.replace(" ", "-"), add), "not-a-file")

        def duplicate(its):
            m, d = next((m, d) for m, d in its if m.name == source)
            other = tarfile.TarInfo(m.name)
            other.size = 5
            return its + [(other, b"evil\n")]
        refused(binary, "a source twice, the second different", variant("dup", duplicate), "duplicate-file")

        def escape(its):
            evil = tarfile.TarInfo("../escaped.md")
            evil.size = 1
            return its + [(evil, b"x")]
        refused(binary, "a name that climbs out", variant("escape", escape), "unsafe-name")

        # A tar.gz bomb: one member announced as 2 GiB of zeros, 256 MiB of
        # them there (the rest is never reached).
        bomb = os.path.join(tmp, "bomb.tar.gz")
        with open(bomb, "wb") as f:
            z = zlib.compressobj(9, zlib.DEFLATED, 31)
            info = tarfile.TarInfo("privacy-en/index.json")
            info.size = 2 << 30
            f.write(z.compress(info.tobuf(format=tarfile.USTAR_FORMAT)))
            zeros = bytes(1 << 20)
            for _ in range(256):
                f.write(z.compress(zeros))
            f.write(z.flush())
        refused(binary, f"a tar.gz bomb ({os.path.getsize(bomb) // 1024} KB, 2 GiB announced)", bomb, "bomb")

        # A small tar.gz whose pax header announces 1 GiB of attributes.
        pax = os.path.join(tmp, "pax.tar.gz")
        with open(pax, "wb") as f:
            z = zlib.compressobj(9, zlib.DEFLATED, 31)
            head = tarfile.TarInfo("./PaxHeaders/x")
            head.type = tarfile.XHDTYPE
            head.size = 1 << 30
            f.write(z.compress(head.tobuf(format=tarfile.USTAR_FORMAT)))
            f.write(z.compress(b"1073741823 path="))
            zeros = bytes(1 << 20)
            for _ in range(128):
                f.write(z.compress(zeros))
            f.write(z.flush())
        refused(binary, f"a pax header of 1 GiB ({os.path.getsize(pax) // 1024} KB)", pax, "bomb")

        # A zip bomb: entries of 64 MiB of zeros each.
        zbomb = os.path.join(tmp, "bomb.zip")
        with zipfile.ZipFile(zbomb, "w", zipfile.ZIP_DEFLATED) as z:
            for i in range(4):
                with z.open(f"privacy-en/{i}.md", "w", force_zip64=True) as w:
                    zeros = bytes(1 << 20)
                    for _ in range(64):
                        w.write(zeros)
        refused(binary, f"a zip bomb ({os.path.getsize(zbomb) // 1024} KB to 256 MiB)", zbomb, "bomb")

        # 40,000 entries, every one listed in SHA256SUMS: found by search, not by scan.
        many = os.path.join(tmp, "many.tar.gz")
        lines = []
        with tarfile.open(many, "w:gz") as t:
            for i in range(40000):
                info = tarfile.TarInfo(f"privacy-en/f{i}")
                info.size = 0
                t.addfile(info, io.BytesIO(b""))
                lines.append("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  f%d" % i)
            sums = ("\n".join(lines) + "\n").encode()
            info = tarfile.TarInfo("privacy-en/SHA256SUMS")
            info.size = len(sums)
            t.addfile(info, io.BytesIO(sums))
            manifest = b'{"policy": "privacy", "locale": "en", "versions": []}'
            info = tarfile.TarInfo("privacy-en/index.json")
            info.size = len(manifest)
            t.addfile(info, io.BytesIO(manifest))
        rc, text, secs, kib = verify(binary, many)
        check(f"40,000 entries read ({secs:.2f} s, {kib // 1024} MB)",
              rc == 1 and "index.json is not listed" in text and secs < 10, f"exit {rc}: {text[:200]}")

        # Magic numbers of lrzip, lzop and grzip: with a program of each name
        # first on PATH that leaves a mark, nothing may run it.
        bindir = os.path.join(tmp, "bin")
        mark = os.path.join(tmp, "ran")
        os.mkdir(bindir)
        for prog in ("lrzip", "lzop", "grzip"):
            with open(os.path.join(bindir, prog), "w") as f:
                f.write(f"#!/bin/sh\ntouch {mark}\ncat\n")
            os.chmod(os.path.join(bindir, prog), 0o755)
        env = dict(os.environ, PATH=bindir + ":" + os.environ.get("PATH", ""))
        for name, magic in (("lrzip", b"LRZI\x00\x06" + bytes(32)), ("lzop", b"\x89LZO\x00\r\n\x1a\n" + bytes(32)),
                            ("grzip", b"GRZipII\x00\x02\x04:)" + bytes(32))):
            path = os.path.join(tmp, "x." + name)
            with open(path, "wb") as f:
                f.write(magic)
            refused(binary, f"a file with {name}'s magic", path, "unreadable", env)
        check("no external program ran", not os.path.exists(mark))
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


sys.exit(main())
