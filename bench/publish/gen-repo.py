#!/usr/bin/env python3
"""Writes a policy repository with VERSIONS published versions of one
policy in zh-CN and en (one commit per version, an annotated tag per
version and locale, as publish makes them) through `git fast-import`, and
every source as SOURCES/<locale>-<n>.md for the reference loop. With
--next it commits one more version (untagged) on top.
Usage: gen-repo.py REPO SOURCES VERSIONS [--next]"""
import datetime
import hashlib
import json
import os
import random
import subprocess
import sys

ZH = ("我们 您的 个人信息 收集 使用 共享 存储 保护 账号 设备 位置 服务 功能 第三方 合作伙伴 "
      "同意 授权 撤回 删除 更正 查阅 安全 措施 加密 期限 法律 法规 要求 目的 范围").split()
EN = ("we your personal data collect use share store protect account device location service "
      "feature third party partner consent withdraw delete correct access security measure "
      "encrypt period law purpose scope").split()
TITLES = {"zh-CN": ["我们如何收集和使用您的个人信息", "Cookie 与本地存储", "我们如何保存您的个人信息",
                    "您的权利", "未成年人保护", "本政策如何更新"],
          "en": ["How we collect and use your data", "Cookies and local storage",
                 "How long we keep your data", "Your rights", "Children", "How this policy changes"]}
SECTIONS = 24


def sentence(rng, locale):
    words = ZH if locale == "zh-CN" else EN
    n = rng.randint(8, 16)
    if locale == "zh-CN":
        return "".join(rng.choice(words) for _ in range(n)) + "。"
    text = " ".join(rng.choice(words) for _ in range(n)) + "."
    return text[0].upper() + text[1:] + " "


def base_sections(locale):
    rng = random.Random(7)
    return [[sentence(rng, locale) for _ in range(6)] for _ in range(SECTIONS)]


def render(locale, sections, version, day):
    title = "基准测试隐私政策" if locale == "zh-CN" else "Benchmark Privacy Policy"
    out = [f"---\ntitle: {title}\nversion: \"{version}\"\nreleased: {day}\neffective: {day}\n"
           f"summary: Version {version}.\n---\n# {title}\n\n"]
    for n, parts in enumerate(sections):
        text = "".join(parts)
        name = TITLES[locale][n % len(TITLES[locale])]
        cls = " .rights" if n == 3 else ""
        out.append(f"## {n + 1}. {name} {{#part-{n + 1}{cls}}}\n\n{text}\n\n")
    return "".join(out).encode()


def data(buf, payload):
    buf.append(b"data %d\n" % len(payload))
    buf.append(payload)
    buf.append(b"\n")


def main():
    repo, sources, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    next_only = "--next" in sys.argv
    os.makedirs(sources, exist_ok=True)
    if not next_only:
        subprocess.run(["git", "init", "-q", repo], check=True)
        subprocess.run(["git", "-C", repo, "symbolic-ref", "HEAD", "refs/heads/main"], check=True)
    state = {loc: base_sections(loc) for loc in ("zh-CN", "en")}
    rng = random.Random(11)
    start = datetime.date(2000, 1, 1)
    stream = []
    first, last = (count, count + 1) if next_only else (0, count)
    for i in range(last):
        for loc in state:  # the same edits every run, so --next continues the history
            k = rng.randrange(SECTIONS)
            if k != 3:  # leave rights alone: a change there could need consent
                state[loc][k][rng.randrange(6)] = sentence(rng, loc)
        if i < first:
            continue
        version = f"1.{i}"
        day = (start + datetime.timedelta(days=i)).isoformat()
        when = int(datetime.datetime(2000, 1, 1).timestamp()) + i * 86400
        stream.append(b"commit refs/heads/main\nmark :%d\n" % (i + 1))
        stream.append(b"committer Bench <bench@example.org> %d +0000\n" % when)
        data(stream, f"privacy {version}".encode())
        if i > 0:
            stream.append(b"from %s\n" % (b"refs/heads/main^0" if next_only else b":%d" % i))
        tags = []
        for loc in state:
            text = render(loc, state[loc], version, day)
            stream.append(f"M 100644 inline policies/privacy/{loc}.md\n".encode())
            data(stream, text)
            with open(os.path.join(sources, f"{loc}-{i}.md"), "wb") as f:
                f.write(text)
            message = {"policy": "privacy", "locale": loc, "version": version,
                       "title": "基准测试隐私政策" if loc == "zh-CN" else "Benchmark Privacy Policy",
                       "released": day, "effective": day, "level": "none" if i == 0 else "minor",
                       "categories": [], "summary": f"Version {version}.",
                       "sha256": hashlib.sha256(text).hexdigest()}
            tags.append((f"privacy/{loc}/{version}", json.dumps(message, ensure_ascii=False)))
        if not next_only:
            for name, message in tags:
                stream.append(f"tag {name}\nfrom :{i + 1}\n".encode())
                stream.append(b"tagger Bench <bench@example.org> %d +0000\n" % when)
                data(stream, message.encode())
    subprocess.run(["git", "-C", repo, "fast-import", "--quiet"], input=b"".join(stream), check=True)
    subprocess.run(["git", "-C", repo, "reset", "-q", "--hard", "main"], check=True)


main()
