#!/usr/bin/env python3
"""Prints a page that shows PAGE in a 360x740 iframe (srcdoc, so the probe
may read its layout) and, once loaded, writes the frame's scroll width and
any element wider than the viewport into the DOM for --dump-dom to print.
Usage: harness.py PAGE.html"""
import html
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    page = f.read()
print("""<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>body{margin:0}iframe{border:0}</style></head>
<body><iframe id="phone" width="360" height="740" srcdoc="%s"></iframe>
<pre id="phone-probe"></pre>
<script>
document.getElementById('phone').addEventListener('load', function () {
  var d = this.contentDocument.documentElement, wide = [];
  this.contentDocument.querySelectorAll('body *').forEach(function (e) {
    if (e.getBoundingClientRect().right > d.clientWidth + 1) wide.push(e.tagName);
  });
  document.getElementById('phone-probe').textContent =
    'scrollWidth=' + d.scrollWidth + ' clientWidth=' + d.clientWidth + ' wide=' + wide.slice(0, 5).join(',');
});
</script></body></html>""" % html.escape(page, quote=True))
