#!/usr/bin/env python3
"""Writes to OUT a later version of the generated policy IN: either COUNT
edits scattered over its paragraphs (a few characters inserted, deleted or
replaced each); or, with --rewrite FRACTION, that fraction of its sentences
replaced by new ones; or, with --renumber, its first part removed and every
later part renumbered, as removing a section renumbers the
headings after it. Deterministic for a seed.
Usage: gen-edit.py IN OUT COUNT [SEED]
       gen-edit.py IN OUT --rewrite FRACTION [SEED]
       gen-edit.py IN OUT --renumber"""
import random
import re
import sys

WORDS = ("我们 您的 个人信息 收集 使用 共享 存储 保护 账号 设备 位置 服务 功能 "
         "第三方 合作伙伴 同意 授权 撤回 删除 更正 查阅 安全 措施 加密 期限").split()


def new_words(rng, n):
    return "".join(rng.choice(WORDS) for _ in range(n))


def is_body(line):
    return line and not line.startswith(("#", "-", "---")) and ":" not in line[:12]


def scattered(lines, rng, count):
    body = [i for i, l in enumerate(lines) if is_body(l)]
    for i in rng.sample(body, min(count, len(body))):
        line = lines[i]
        at = rng.randrange(len(line))
        kind = rng.randrange(3)
        if kind == 0:
            line = line[:at] + new_words(rng, 2) + line[at:]
        elif kind == 1:
            line = line[:at] + line[at + rng.randint(1, 6):]
        else:
            line = line[:at] + new_words(rng, 1) + line[at + rng.randint(1, 6):]
        lines[i] = line


def rewrite(lines, rng, fraction):
    for i, line in enumerate(lines):
        if not is_body(line):
            continue
        sentences = re.findall(r"[^。]*。|[^。]+$", line)
        out = []
        for s in sentences:
            if rng.random() < fraction:
                s = "，".join(new_words(rng, rng.randint(3, 8)) for _ in range(3)) + "。"
            out.append(s)
        lines[i] = "".join(out)


def renumber(lines):
    """Remove part 1 and number every later part one lower: its numeral
    (三、 to 二、); ids (explicit, so stable) and the titles' words stay."""
    nums = "十一二三四五六七八九"
    start = next(i for i, l in enumerate(lines) if "{#part-1}" in l)
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("## "))
    del lines[start:end]

    for i, line in enumerate(lines):
        if line.startswith("## ") and line[4] == "、" and line[3] in nums:
            lines[i] = "## " + nums[(nums.index(line[3]) - 1) % 10] + line[4:]


def main():
    src, dst = sys.argv[1], sys.argv[2]
    lines = open(src, encoding="utf-8").read().split("\n")
    if sys.argv[3] == "--renumber":
        renumber(lines)
    elif sys.argv[3] == "--rewrite":
        rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 2)
        rewrite(lines, rng, float(sys.argv[4]))
    else:
        rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 2)
        scattered(lines, rng, int(sys.argv[3]))
    text = "\n".join(lines).replace('version: "1.0"', 'version: "1.1"', 1)
    text = text.replace("released: 2024-01-01", "released: 2024-03-01", 1)
    text = text.replace("effective: 2024-01-15", "effective: 2024-03-15", 1)
    with open(dst, "w", encoding="utf-8") as f:
        f.write(text)


main()
