#!/usr/bin/env python3
"""Tests of `policyctl serve` over HTTP on a free loopback port: every
route, conditional requests, negotiation, errors, path tricks, oversized
requests, and a publish that swaps the site under concurrent requests.
Usage: serve-test.py POLICYCTL SOURCE_ROOT"""
import gzip
import hashlib
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time

results = []


def check(name, ok, why=""):
    results.append(ok)
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + why))


class Server:
    def __init__(self, binary, site):
        self.proc = subprocess.Popen([binary, "serve", "--site", site, "--listen", "127.0.0.1:0"],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        self.port = int(line.rstrip().rstrip("/").rsplit(":", 1)[1])

    def get(self, path, headers=None, method="GET"):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        c.request(method, path, headers=headers or {})
        r = c.getresponse()
        body = r.read()
        c.close()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, body

    def raw(self, data):
        s = socket.create_connection(("127.0.0.1", self.port), timeout=10)
        s.sendall(data)
        out = b""
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                out += chunk
                if b"\r\n\r\n" in out and b"Content-Length: " in out:
                    head, _, rest = out.partition(b"\r\n\r\n")
                    n = int(head.split(b"Content-Length: ")[1].split(b"\r\n")[0])
                    if len(rest) >= n:
                        break
        except socket.timeout:
            pass
        s.close()
        return out

    def stop(self):
        self.proc.terminate()
        return self.proc.wait(timeout=10)


def etag_of(body):
    return '"%s"' % hashlib.sha256(body).hexdigest()[:32]


def git(repo, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo,
                   check=True, capture_output=True)


def routes(s):
    st, h, b = s.get("/healthz")
    check("healthz", st == 200 and json.loads(b)["status"] == "ok", f"{st} {b[:80]}")
    st, h, b = s.get("/")
    check("index page", st == 200 and b"<html" in b and h["content-type"] == "text/html; charset=utf-8",
          f"{st} {h.get('content-type')}")
    st, h, b = s.get("/index.json")
    site = json.loads(b)
    check("site index", st == 200 and len(site["policies"]) == 2 and h["cache-control"] == "public, max-age=60",
          f"{st} {h.get('cache-control')}")

    # A versioned page: immutable, strong ETag from the content.
    st, h, b = s.get("/privacy/en/1.1")
    check("versioned page", st == 200 and b"1.1" in b and h["etag"] == etag_of(b)
          and h["cache-control"] == "public, max-age=31536000, immutable"
          and h["content-type"] == "text/html; charset=utf-8", f"{st} {h}")
    st2, h2, b2 = s.get("/privacy/en/1.1.html")
    check("versioned page by file name", st2 == 200 and b2 == b and h2["etag"] == h["etag"], f"{st2}")
    for path, ctype in (("/privacy/en/1.1.md", "text/markdown; charset=utf-8"),
                        ("/privacy/en/index.json", "application/json; charset=utf-8"),
                        ("/privacy/en/feed.atom", "application/atom+xml; charset=utf-8"),
                        ("/privacy/en/diff/1.1..2.0.html", "text/html; charset=utf-8"),
                        ("/archive/privacy-en.zip", "application/zip"),
                        ("/archive/privacy-en.tar.gz", "application/gzip")):
        st, h, b = s.get(path)
        check(f"content type of {path}", st == 200 and h.get("content-type") == ctype,
              f"{st} {h.get('content-type')}")

    # Conditional requests.
    st, h, b = s.get("/privacy/en/1.1")
    st, h2, b2 = s.get("/privacy/en/1.1", {"If-None-Match": h["etag"]})
    check("If-None-Match answered 304", st == 304 and b2 == b"" and h2["etag"] == h["etag"], f"{st}")
    st, _, _ = s.get("/privacy/en/1.1", {"If-None-Match": '"other", ' + h["etag"]})
    check("If-None-Match with a list", st == 304, f"{st}")
    st, _, _ = s.get("/privacy/en/1.1", {"If-None-Match": '"other"'})
    check("If-None-Match that differs", st == 200, f"{st}")

    # HEAD.
    st, h, b = s.get("/privacy/en/1.1", method="HEAD")
    _, hg, bg = s.get("/privacy/en/1.1")
    check("HEAD", st == 200 and b == b"" and h["content-length"] == str(len(bg)), f"{st} {h}")

    # gzip twins.
    st, h, b = s.get("/privacy/en/1.1", {"Accept-Encoding": "br, gzip"})
    check("gzip from the twin", st == 200 and h.get("content-encoding") == "gzip"
          and gzip.decompress(b) == bg and "Accept-Encoding" in h.get("vary", "")
          and h["etag"] != hg["etag"], f"{st} {h}")
    st, h, b = s.get("/privacy/en/1.1", {"Accept-Encoding": "gzip;q=0, identity"})
    check("gzip refused", st == 200 and "content-encoding" not in h and b == bg, f"{h}")

    # The current version, by locale, format and language.
    st, h, b = s.get("/privacy/zh-CN/current")
    check("current", st == 200 and "城市通隐私保护政策".encode() in b and b"2024-10-01" in b
          and h["cache-control"] == "public, max-age=60"
          and h["content-location"] == "/privacy/zh-CN/2.0.html", f"{st} {h}")
    st, h2, _ = s.get("/privacy/zh-CN/current", {"If-None-Match": h["etag"]})
    check("current answers 304 too", st == 304 and h2["cache-control"] == "public, max-age=60", f"{st}")
    st, h, b = s.get("/privacy/en/current", {"Accept": "application/json"})
    j = json.loads(b) if st == 200 else {}
    check("current as JSON by Accept", j.get("version") == "2.0" and j.get("effective") == "2024-10-01"
          and j.get("html") == "/privacy/en/2.0.html", f"{st} {b[:200]}")
    st, h, b = s.get("/privacy/en/current?format=markdown")
    check("current as Markdown by ?format=", st == 200 and b.startswith(b"---\n")
          and h["content-type"] == "text/markdown; charset=utf-8", f"{st} {h.get('content-type')}")
    st, _, b = s.get("/privacy/en/current?format=pdf")
    check("an unknown format", st == 400 and json.loads(b)["error"], f"{st}")
    for lang, want in (("zh-CN", "zh-CN"), ("zh-Hans-CN,zh;q=0.9", "zh-CN"), ("zh", "zh-CN"),
                       ("en-GB,en;q=0.8", "en"), ("fr-FR, en;q=0.5", "en"), ("fr", "zh-CN"),
                       ("en;q=0.2, zh-CN;q=0.9", "zh-CN"), (None, "zh-CN")):
        st, h, b = s.get("/privacy/current", {"Accept-Language": lang} if lang else {})
        check(f"Accept-Language {lang!r}", st == 200 and h.get("content-language") == want
              and "Accept-Language" in h.get("vary", ""), f"{st} {h.get('content-language')}")

    # The notice answer.
    st, h, b = s.get("/privacy/en/notice?accepted=1.0")
    j = json.loads(b)
    check("notice since 1.0", st == 200 and j["notice"] == "prominent" and j["current"] == "2.0"
          and [c["version"] for c in j["changes"]] == ["1.0.1", "1.1", "2.0"]
          and j["changes"][2]["categories"] == ["recipients", "contact"], f"{st} {j}")
    st, h, b = s.get("/privacy/en/notice?accepted=1.1")
    check("notice since 1.1", json.loads(b)["notice"] == "prominent", f"{b[:100]}")
    st, h, b = s.get("/privacy/en/notice?accepted=2.0")
    check("notice since the current", json.loads(b) == {"notice": "none", "current": "2.0", "changes": []},
          f"{b[:100]}")
    st, h, b = s.get("/privacy/en/notice?accepted=9.9")
    check("notice for an unknown version", st == 404 and "error" in json.loads(b)
          and h["content-type"] == "application/json; charset=utf-8", f"{st}")
    st, _, _ = s.get("/privacy/en/notice")
    check("notice without accepted", st == 400, f"{st}")

    # Errors.
    st, h, b = s.get("/no/such/page")
    check("unknown path", st == 404 and json.loads(b)["status"] == 404, f"{st}")
    st, _, _ = s.get("/fr/current")
    check("unknown policy", st == 404, f"{st}")
    for m in ("POST", "PUT", "DELETE", "OPTIONS"):
        st, h, b = s.get("/privacy/en/1.1", method=m)
        check(f"{m} is 405", st == 405 and h.get("allow") == "GET, HEAD", f"{st}")


def etags(s):
    """Every JSON route answers 304 to its own ETag."""
    for path in ("/privacy/en/notice?accepted=1.0", "/privacy/en/current?format=json", "/healthz"):
        st, h, b = s.get(path)
        tag = h.get("etag")
        st2, h2, b2 = s.get(path, {"If-None-Match": tag or '"x"'})
        check(f"{path}: 304 to its ETag", st == 200 and tag and st2 == 304 and b2 == b"" and h2.get("etag") == tag,
              f"{st} {tag} {st2}")
        st3, _, _ = s.get(path, {"If-None-Match": '"other"'})
        check(f"{path}: 200 to another ETag", st3 == 200, f"{st3}")


def broken_manifest(binary, site, tmp):
    """A manifest whose recorded level does not read: a 500, never "none"."""
    import shutil
    copy = os.path.join(tmp, "broken-site")
    shutil.copytree(site, copy, symlinks=True)
    path = os.path.join(copy, "privacy", "en", "index.json")
    m = json.load(open(path))
    m["versions"][1]["level"] = "bogus"
    os.remove(path)
    open(path, "w").write(json.dumps(m))
    b = Server(binary, copy)
    try:
        st, h, body = b.get("/privacy/en/notice?accepted=1.0")
        check("a broken manifest: notice is a 500", st == 500 and "broken" in json.loads(body)["error"],
              f"{st} {body[:80]}")
        st, h, body = b.get("/privacy/en/current?format=json")
        check("a broken manifest: current is a 500", st == 500, f"{st}")
        st, h, body = b.get("/privacy/zh-CN/notice?accepted=1.0")
        check("another locale's manifest still answers", st == 200, f"{st}")
    finally:
        b.stop()


def without_marker(binary, site, tmp):
    """A site copied without its dot files (no .policyctl-site marker) is
    served: the marker only tells serve that a publish is changing a site."""
    import shutil
    copy = os.path.join(tmp, "copied-site")
    shutil.copytree(site, copy, symlinks=True, ignore=shutil.ignore_patterns(".*"))
    b = Server(binary, copy)
    try:
        st, h, body = b.get("/privacy/en/versions.html")
        check("a site without its marker is served", st == 200 and b"<html" in body, f"{st}")
        st, h, body = b.get("/privacy/en/current?format=json")
        check("... its manifests too", st == 200, f"{st}")
    finally:
        b.stop()


def agree(s, binary, repo):
    """The server and `policyctl notice` give one answer for every
    published version, for 1.1.0 (= 1.1), and still after a rule change
    not yet committed: both read the levels the tags recorded."""
    def cli(locale, since):
        p = subprocess.run([binary, "notice", "--repo", repo, "--policy", "privacy", "--locale", locale,
                            "--since", since, "--json"], capture_output=True, text=True)
        return p.returncode, json.loads(p.stdout) if p.returncode == 0 else p.stderr

    def compare(label):
        for locale in ("en", "zh-CN"):
            log = subprocess.run([binary, "log", "--repo", repo, "--json"], capture_output=True, text=True)
            versions = [v["version"] for v in json.loads(log.stdout) if v["locale"] == locale]
            for since in versions + ["1.1.0"]:
                st, h, b = s.get(f"/privacy/{locale}/notice?accepted={since}")
                served = json.loads(b)
                rc, mine = cli(locale, since)
                same = (st == 200 and rc == 0 and served["notice"] == mine["notice"]
                        and served["current"] == mine["current"]
                        and [c["version"] for c in served["changes"]] == [c["version"] for c in mine["changes"]]
                        and [c["level"] for c in served["changes"]] == [c["level"] for c in mine["changes"]])
                check(f"{label}: {locale} since {since}: server and CLI agree", same, f"{st} {served} / {rc} {mine}")

    compare("as published")
    config = os.path.join(repo, "policyctl.yaml")
    before = open(config).read()
    open(config, "a").write("facts:\n  data: [dark mode setting]\n")
    try:
        compare("with an uncommitted rule")
        rc, mine = cli("en", "1.0.1")
        change = [c for c in mine["changes"] if c["version"] == "1.1"] if rc == 0 else []
        check("the CLI says today's rules read 1.1 as consent, and keeps the published answer",
              rc == 0 and mine["notice"] == "prominent" and change and change[0]["level"] == "minor"
              and change[0].get("level_now") == "consent", str(mine))
    finally:
        open(config, "w").write(before)
    st, h, b = s.get("/privacy/en/notice?accepted=1.x")
    check("accepted that is not a version: 400", st == 400, f"{st} {b[:80]}")


def tricks(s, site):
    os.symlink("/etc/passwd", os.path.join(site, "privacy", "en", "leak.html"))
    os.symlink("/etc", os.path.join(site, "privacy", "etc"))
    for raw in (b"GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GET /privacy/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GET /privacy/en/..%2f..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GET /privacy/en/leak.html HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GET /privacy/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GET //etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GET /privacy/en/.%2e/index.json HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GET /privacy/en/1.1.html%00.md HTTP/1.1\r\nHost: x\r\n\r\n"):
        out = s.raw(raw)
        status = out.split(b"\r\n", 1)[0]
        check(f"path trick {raw.split()[1].decode()}", b"root:" not in out and
              (b" 404 " in status or b" 400 " in status), status.decode(errors="replace"))
    out = s.raw(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 40000 + b"\r\n\r\n")
    check("oversized headers", out.split(b"\r\n", 1)[0].split()[1] in (b"431", b"413", b"400"),
          out[:60].decode(errors="replace"))
    out = s.raw(b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    check("oversized request line", out.split(b"\r\n", 1)[0].split()[1] in (b"414", b"431", b"400", b"404"),
          out[:60].decode(errors="replace"))
    st, _, _ = s.get("/healthz")
    check("still serving after the tricks", st == 200, f"{st}")


def swap(s, binary, repo, site):
    """Publish a new version while requests run: every answer whole and
    of one site; the new version is served without a restart."""
    stop = threading.Event()
    bad, seen = [], set()

    def hammer():
        while not stop.is_set():
            for path in ("/privacy/en/current", "/privacy/en/index.json", "/privacy/en/versions.html"):
                try:
                    st, h, b = s.get(path)
                except Exception as e:  # noqa: BLE001 - any failure is a finding
                    bad.append(f"{path}: {e}")
                    continue
                if st != 200 or h.get("etag") != etag_of(b):
                    bad.append(f"{path}: {st} etag {h.get('etag')} vs body {etag_of(b)}")
                if path.endswith("current"):
                    seen.add(h.get("content-location"))

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for t in threads:
        t.start()
    time.sleep(0.3)
    path = os.path.join(repo, "policies", "privacy", "en.md")
    text = open(path).read()
    text = text.replace('version: "2.0"', 'version: "2.1"').replace("released: 2024-09-01", "released: 2024-11-01")
    text = text.replace("effective: 2024-10-01", "effective: 2024-11-01").replace("dark mode", "dark and light modes")
    open(path, "w").write(text)
    git(repo, "commit", "-qam", "2.1")
    for _ in range(3):
        subprocess.run([binary, "publish", "--repo", repo], check=True, capture_output=True)
        time.sleep(0.2)
    time.sleep(0.3)
    stop.set()
    for t in threads:
        t.join()
    check("no half answers during publishes", not bad, "; ".join(bad[:5]))
    st, h, b = s.get("/privacy/en/current")
    check("the new version without a restart", h.get("content-location") == "/privacy/en/2.1.html"
          and "/privacy/en/2.0.html" in seen, f"{h.get('content-location')} seen {seen}")


def upcoming(s, binary, repo):
    """A version published now that takes effect later: the served current
    page announces it, as the site's current.html does; the JSON form says
    which resource and language it is."""
    import datetime
    path = os.path.join(repo, "policies", "privacy", "en.md")
    text = open(path).read()
    text = text.replace('version: "2.1"', 'version: "2.2"').replace(
        "released: 2024-11-01", "released: " + datetime.date.today().isoformat())
    text = text.replace("effective: 2024-11-01", "effective: 2099-01-01")
    open(path, "w").write(text)
    git(repo, "commit", "-qam", "2.2")
    p = subprocess.run([binary, "publish", "--repo", repo], capture_output=True, text=True)
    check("a version taking effect in 2099 publishes", p.returncode == 0, p.stderr)
    st, h, b = s.get("/privacy/en/current")
    check("the served current page announces the upcoming version",
          st == 200 and h.get("content-location") == "/privacy/en/current.html" and b"2.2" in b
          and b"2099-01-01" in b, f"{st} {h.get('content-location')}")
    st, h, b = s.get("/privacy/en/current?format=json")
    o = json.loads(b)
    check("the JSON current names its resource and language",
          h.get("content-location") == "/privacy/en/current?format=json" and h.get("content-language") == "en"
          and o["version"] == "2.1" and o["upcoming"]["version"] == "2.2", f"{h} {o}")


def limits(s):
    """Requests that used to get no answer for 30 s, or libmicrohttpd's HTML."""
    query = "&".join(f"a{i}=1" for i in range(300))
    t = time.monotonic()
    st, h, b = s.get("/healthz?" + query)
    check("300 query parameters: a JSON 400 at once", st == 400 and json.loads(b)["status"] == 400
          and time.monotonic() - t < 5, f"{st} {b[:80]}")
    out = s.raw(b"GET /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n")
    check("a chunk of 2^64 bytes: a JSON 400 at once", out.startswith(b"HTTP/1.1 400") and b'"status": 400' in out,
          repr(out[:120]))
    st, h, b = s.get("/healthz", headers={"X-Big": "a" * 20000})
    check("20 KB of headers: a JSON 431", st == 431 and json.loads(b)["status"] == 431, f"{st} {b[:80]}")


def main():
    binary, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory() as tmp:
        repo = os.path.join(tmp, "repo")
        subprocess.run([os.path.join(root, ".ci", "replay"), binary, repo], check=True, capture_output=True)
        subprocess.run([binary, "publish", "--repo", repo], check=True, capture_output=True)
        site = os.path.join(repo, "site")
        bad = subprocess.run([binary, "serve", "--site", os.path.join(tmp, "none")], capture_output=True)
        check("serve without a site", bad.returncode == 2 and b"index.json" in bad.stderr, str(bad))
        bad = subprocess.run([binary, "serve", "--site", site, "--listen", "nowhere"], capture_output=True)
        check("serve with a bad --listen", bad.returncode == 2, str(bad.returncode))
        broken_manifest(binary, site, tmp)
        without_marker(binary, site, tmp)
        s = Server(binary, site)
        try:
            routes(s)
            agree(s, binary, repo)
            etags(s)
            swap(s, binary, repo, site)
            upcoming(s, binary, repo)
            limits(s)
            tricks(s, site)
        finally:
            check("stops on SIGTERM", s.stop() == 0)
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


sys.exit(main())
