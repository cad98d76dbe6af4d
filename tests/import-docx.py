#!/usr/bin/env python3
"""policyctl import of Word files (.docx), made here with zipfile: Word
heading styles (an English and a Chinese style name), a bold-only
paragraph, a numbered list, an SDK table, a hyperlink and the dates; then
bad input: a .docx that is not a zip, a zip without the document, a zip
bomb, a table of 10,000 columns, a 16 MiB paragraph, hostile XML.

usage: import-docx.py POLICYCTL
"""
import json
import os
import subprocess
import sys
import tempfile
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
results = []


def check(name, ok, why=""):
    results.append(ok)
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + why))


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def para(text, style=None, bold=False, numbered=False):
    ppr = ""
    if style or numbered:
        ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "") + \
              ('<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' if numbered else "") + "</w:pPr>"
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f"<w:p>{ppr}<w:r>{rpr}<w:t xml:space=\"preserve\">{esc(text)}</w:t></w:r></w:p>"


def link(text, rid):
    return f'<w:p><w:r><w:t xml:space="preserve">Write to </w:t></w:r><w:hyperlink r:id="{rid}">' \
           f"<w:r><w:t>{esc(text)}</w:t></w:r></w:hyperlink></w:p>"


def table(rows):
    out = "<w:tbl>"
    for row in rows:
        out += "<w:tr>" + "".join(f"<w:tc>{para(c)}</w:tc>" for c in row) + "</w:tr>"
    return out + "</w:tbl>"


STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="标题 3"/></w:style>
<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
</w:styles>"""

RELS = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId9" Type="{R}/hyperlink" Target="mailto:privacy@example.cn" TargetMode="External"/>
</Relationships>"""


def document(body):
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}</w:body></w:document>'


def make(path, body, styles=STYLES, rels=RELS, extra=None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document(body))
        if styles:
            z.writestr("word/styles.xml", styles)
        if rels:
            z.writestr("word/_rels/document.xml.rels", rels)
        for name, data in (extra or {}).items():
            z.writestr(name, data)


def run(binary, *args):
    p = subprocess.run([binary, *args], capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


POLICY = "".join([
    para("某某APP隐私政策", "Heading1"),
    para("更新日期：2024年3月1日"),
    para("生效日期：2024年3月15日"),
    para("一、我们收集的信息", "Heading2"),
    para("注册时我们收集您的手机号码。"),
    para("（一）注册", "a5"),
    para("我们核验您的身份证号。"),
    para("1. 您的权利", bold=True),
    para("您可以查阅、更正您的信息。"),
    para("查阅", numbered=True),
    para("删除", numbered=True),
    para("二、第三方SDK", "Heading2"),
    table([["SDK名称", "第三方名称", "使用目的"],
           ["极光推送SDK", "深圳市和讯华谷信息技术有限公司", "推送通知"],
           ["高德地图SDK", "高德软件有限公司", "定位"]]),
    para("三、如何联系我们", "Heading2"),
    link("privacy@example.cn", "rId9"),
])


def main():
    binary = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        docx = os.path.join(tmp, "policy.docx")
        out = os.path.join(tmp, "privacy.zh-CN.md")
        make(docx, POLICY)
        rc, so, se = run(binary, "import", docx, "-o", out, "--json")
        check("a .docx imports (format guessed)", rc == 0 and '"format": "docx"' in so, f"{rc} {se}")
        src = open(out, encoding="utf-8").read() if rc == 0 else ""
        for want in ["## 一、我们收集的信息", "### （一）注册", "## 二、第三方SDK", "## 三、如何联系我们",
                     "released: 2024-03-01", "effective: 2024-03-15",
                     "[privacy@example.cn](mailto:privacy@example.cn)", "- 查阅", "- 删除"]:
            check(f"the source has {want!r}", want in src, src[:300])
        check("the SDK table is a GFM table",
              "| SDK名称 | 第三方名称 | 使用目的 |\n| --- | --- | --- |\n"
              "| 极光推送SDK | 深圳市和讯华谷信息技术有限公司 | 推送通知 |\n" in src, src)
        rc, so, se = run(binary, "render", out, "--format", "json")
        sections = json.loads(so)["sections"][0]["sections"] if rc == 0 else []
        records = [r["name"] for s in sections for r in s.get("records", [])]
        check("one recipient record per SDK row", records == ["极光推送SDK", "高德地图SDK"],
              f"{rc} {se} {records}")
        rc, so, se = run(binary, "check", out)
        check("the imported source passes check", rc == 0, se)
        rc, so, se = run(binary, "facts", out)
        check("facts list the SDKs and the contact", "极光推送sdk" in so.lower() and "privacy@example.cn" in so, so)
        rc, so, se = run(binary, "import", docx, "--format", "docx", "-o", os.path.join(tmp, "b.md"))
        check("--format docx", rc == 0, se)

        def refused(name, path, words, fmt=None):
            target = os.path.join(tmp, "out-" + name + ".md")
            args = ["import", path, "-o", target] + (["--format", fmt] if fmt else [])
            rc, so, se = run(binary, *args)
            check(f"{name}: exit 2, a clear error, nothing written",
                  rc == 2 and words in se and os.path.basename(path) in se and not os.path.exists(target),
                  f"{rc} {se.strip()}")

        notzip = os.path.join(tmp, "notzip.docx")
        with open(notzip, "wb") as f:
            f.write(b"PK\x03\x04 this is no zip at all" + b"\x00" * 64)
        refused("not a zip", notzip, "Word file")
        plain = os.path.join(tmp, "plain.docx")
        with open(plain, "w") as f:
            f.write("just text")
        refused("text called .docx, --format docx", plain, "not a Word file", "docx")
        empty = os.path.join(tmp, "empty.docx")
        with zipfile.ZipFile(empty, "w") as z:
            z.writestr("readme.txt", "hello")
        refused("no word/document.xml", empty, "word/document.xml")
        bomb = os.path.join(tmp, "bomb.docx")
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
            with z.open("word/document.xml", "w") as f:
                chunk = b"\x20" * (1 << 20)
                for _ in range(200):
                    f.write(chunk)
        check("the bomb is small", os.path.getsize(bomb) < 1 << 20, str(os.path.getsize(bomb)))
        refused("a zip bomb", bomb, "zip bomb")
        xxe = os.path.join(tmp, "xxe.docx")
        with zipfile.ZipFile(xxe, "w") as z:
            z.writestr("word/document.xml",
                       '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                       f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>A &e; B</w:t></w:r></w:p>'
                       + para("标题", "Heading1") + "</w:body></w:document>")
        target = os.path.join(tmp, "xxe.md")
        rc, so, se = run(binary, "import", xxe, "-o", target)
        text = open(target, encoding="utf-8").read() if os.path.exists(target) else ""
        check("an external entity is never read", "root:" not in text and "root:" not in se, text[:200])

        wide = os.path.join(tmp, "wide.docx")
        make(wide, para("Policy", "Heading1") + table([[f"c{i}" for i in range(10000)], ["x"] * 10000]))
        rc, so, se = run(binary, "import", wide, "-o", os.path.join(tmp, "wide.md"))
        check("a table of 10,000 columns imports", rc == 0, se[-300:])
        big = os.path.join(tmp, "big.docx")
        make(big, para("Policy", "Heading1") + para("字" * (6 << 20)))
        rc, so, se = run(binary, "import", big, "-o", os.path.join(tmp, "big.md"))
        check("a 16 MiB paragraph: a clear error", rc == 2 and "limit" in se, f"{rc} {se.strip()[:200]}")
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
