#!/bin/sh
# Renders the sample policies and checks each page at phone width in
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
exit $status
