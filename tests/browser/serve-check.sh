#!/bin/sh
# Serves the replayed sample site with `policyctl serve` and loads
# /privacy/current in headless Chromium at phone width with
# Accept-Language zh-CN: the page must be the Chinese policy, with its
# title and effective date. Skips (exit 77) without chromium.
# Usage: serve-check.sh POLICYCTL SOURCE_ROOT [OUTDIR]
set -eu
policyctl=$1
root=$2
out=${3:-$(mktemp -d)}
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "chromium is not installed: skipped"; exit 77; }

rm -rf "$out/serve-repo"
"$root/.ci/replay" "$policyctl" "$out/serve-repo" >/dev/null
"$policyctl" publish --repo "$out/serve-repo" >/dev/null
"$policyctl" serve --site "$out/serve-repo/site" --listen 127.0.0.1:0 >"$out/serve.txt" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in 1 2 3 4 5 6 7 8 9 10; do
	grep -q http "$out/serve.txt" 2>/dev/null && break
	sleep 0.2
done
url="$(sed -n 's/.* on \(http[^ ]*\)$/\1/p' "$out/serve.txt")privacy/current"
flags="--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
	--disable-component-update --disable-sync --hide-scrollbars --accept-lang=zh-CN
	--user-data-dir=$out/profile --window-size=360,740"
# shellcheck disable=SC2086 # the flags are words
"$chromium" $flags --virtual-time-budget=3000 --dump-dom "$url" >"$out/serve-dom.html" 2>/dev/null || true
# shellcheck disable=SC2086
"$chromium" $flags --screenshot="$out/serve-current.png" "$url" >/dev/null 2>&1 || true
status=0
for want in '城市通隐私保护政策' '2024-10-01' 'lang="zh-CN"'; do
	if grep -q "$want" "$out/serve-dom.html"; then
		echo "serve-check: $url shows $want"
	else
		echo "serve-check: $url lacks $want"
		status=1
	fi
done
[ -f "$out/serve-current.png" ] && echo "serve-check: screenshot $out/serve-current.png"
exit $status
