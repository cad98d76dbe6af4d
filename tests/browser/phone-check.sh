#!/bin/sh
# Loads a rendered page in headless Chromium in a 360x740 viewport (an
# iframe of that size: headless windows are at least 500 px wide), takes a
# screenshot, and fails when the page scrolls horizontally or logs a
# console error. Needs Debian's chromium (apt-get install chromium).
# Usage: tests/browser/phone-check.sh PAGE.html [SCREENSHOT.png]
set -eu
page=$1
shot=${2:-${page%.html}.png}
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "phone-check: chromium is not installed"; exit 77; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$(dirname "$0")/harness.py" "$page" >"$work/harness.html"
flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
	--disable-background-networking --disable-component-update --disable-sync
	--hide-scrollbars --user-data-dir=$work/profile --window-size=500,800"

# shellcheck disable=SC2086 # the flags are words
"$chromium" $flags --enable-logging=stderr --v=0 --virtual-time-budget=3000 \
	--dump-dom "file://$work/harness.html" >"$work/dom.html" 2>"$work/log.txt" || true
# shellcheck disable=SC2086
"$chromium" $flags --screenshot="$shot" "file://$work/harness.html" >/dev/null 2>&1 || true

probe=$(grep -o 'scrollWidth=[0-9]* clientWidth=[0-9]* wide=[A-Za-z0-9,]*' "$work/dom.html" || true)
errors=$(grep 'CONSOLE' "$work/log.txt" || true)
echo "phone-check: $page: ${probe:-no probe result}"
[ -f "$shot" ] && echo "phone-check: screenshot $shot"
status=0
case "$probe" in
"") status=1 ;;
*) sw=${probe#scrollWidth=}; sw=${sw%% *}; cw=${probe#*clientWidth=}; cw=${cw%% *}
   [ "$cw" -eq 360 ] || { echo "phone-check: the viewport is $cw px, not 360"; status=1; }
   [ "$sw" -le "$cw" ] || { echo "phone-check: the page scrolls horizontally"; status=1; } ;;
esac
[ -z "$errors" ] || { echo "phone-check: console messages:"; echo "$errors"; status=1; }
exit $status
