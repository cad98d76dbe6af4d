#!/bin/sh
# Renders the sample policies, redlines between versions, and the pages of
# a site published from them, and checks each page at phone width in
# headless Chromium (tests/browser/phone-check.sh). Skips (exit 77) when
# chromium is not installed. Usage: run.sh POLICYCTL SOURCE_ROOT [OUTDIR]
set -eu
policyctl=$1
root=$2
out=${3:-$(mktemp -d)}
command -v chromium >/dev/null || { echo "chromium is not installed: skipped"; exit 77; }
status=0
for src in privacy/zh-CN/2.0 privacy/en/2.0 tricky/zh-CN; do
	name=$(echo "$src" | tr / -)
	"$policyctl" render "$root/policies/sample/$src.md" -o "$out/$name.html"
	"$(dirname "$0")/phone-check.sh" "$out/$name.html" "$out/$name.png" || status=1
done
for pair in "policies/sample/privacy/zh-CN/1.1.md policies/sample/privacy/zh-CN/2.0.md" \
	"policies/sample/privacy/en/1.0.md policies/sample/privacy/en/2.0.md" \
	"tests/data/diff/moved-old.md tests/data/diff/moved-new.md"; do
	set -- $pair
	name=redline-$(basename "$(dirname "$2")")-$(basename "$2" .md)
	"$policyctl" diff --format html "$root/$1" "$root/$2" -o "$out/$name.html"
	"$(dirname "$0")/phone-check.sh" "$out/$name.html" "$out/$name.png" || status=1
done
# The published site's own pages: the archive page and the index.
"$root/.ci/replay" "$policyctl" "$out/repo" >/dev/null
for page in privacy/zh-CN/versions privacy/en/versions index privacy/zh-CN/current; do
	name=site-$(echo "$page" | tr / -)
	"$(dirname "$0")/phone-check.sh" "$out/repo/site/$page.html" "$out/$name.png" || status=1
done
exit $status
