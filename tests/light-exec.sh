#!/bin/sh
# The two executables and the module (cli/exec.c): policyctl needs none of
# the heavy libraries, hands the commands that need them to policyctl-full
# and those that need libxml2 to policyctl-xml.so, and says so clearly when
# either is missing.
# Usage: light-exec.sh POLICYCTL POLICYCTL_FULL SOURCE_ROOT
set -u
light=$1 full=$2 root=$3
fail=0
check() { if eval "$2"; then echo "PASS $1"; else echo "FAIL $1"; fail=1; fi; }

needed=$(readelf -d "$light" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p')
check "policyctl needs no libgit2, libmicrohttpd, libarchive, libzip, libcrypto or libxml2" \
	'! echo "$needed" | grep -q "git2\|microhttpd\|archive\|zip\|crypto\|ssl\|xml"'
xml=$(dirname "$light")/policyctl-xml.so
xml_needed=$(readelf -d "$xml" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p')
check "policyctl-xml.so needs libxml2 and no libgit2" \
	'echo "$xml_needed" | grep -q xml2 && ! echo "$xml_needed" | grep -q git2'

# Files of their own (outside this checkout, whose templates/ policyctl
# would take for a template directory of the user's), and a policy
# repository with its own page and redline templates.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/plain" "$work/repo/templates"
cp "$root/policies/sample/privacy/en/1.0.md" "$root/policies/sample/privacy/en/2.0.md" "$work/plain/"
cp "$work/plain/"*.md "$work/repo/"
: > "$work/repo/policyctl.yaml"
sed 's/<main>/<main class="own">/' "$root/templates/page.html" > "$work/repo/templates/page.html"
sed 's/<main>/<main class="own">/' "$root/templates/redline.html" > "$work/repo/templates/redline.html"
nomod=/nonexistent/policyctl-xml.so

out=$(POLICYCTL_XML=$nomod "$light" render "$work/plain/1.0.md" 2>&1); rc=$?
check "a page from the built-in template: in policyctl itself" '[ $rc -eq 0 ] && echo "$out" | grep -q "<!DOCTYPE html>"'
out=$(POLICYCTL_XML=$nomod "$light" render "$work/repo/1.0.md" 2>&1); rc=$?
check "a page from a repository's own template needs the module: exit 2 naming it" '[ $rc -eq 2 ] && echo "$out" | grep -q "policyctl-xml.so"'
out=$("$light" render "$work/repo/1.0.md" 2>&1); rc=$?
check "... which makes it from that template" '[ $rc -eq 0 ] && echo "$out" | grep -q "<main class=\"own\">"'
out=$(POLICYCTL_XML=$nomod "$light" render --templates "$work/repo/templates" "$work/plain/1.0.md" 2>&1); rc=$?
check "--templates with its own page.html needs the module too" '[ $rc -eq 2 ]'
a="$work/plain/1.0.md" b="$work/plain/2.0.md"
out=$(POLICYCTL_XML=$nomod "$light" diff --format json "$a" "$b" 2>&1); rc=$?
check "diff as JSON runs in policyctl itself" '[ $rc -eq 0 ] && echo "$out" | grep -q "\"level\": \"major\""'
out=$(POLICYCTL_XML=$nomod "$light" diff -fhtml "$a" "$b" 2>&1); rc=$?
check "the redline page from the built-in template: in policyctl itself" '[ $rc -eq 0 ] && echo "$out" | grep -q "<!DOCTYPE html>"'
out=$(POLICYCTL_XML=$nomod "$light" diff -fhtml "$work/repo/1.0.md" "$work/repo/2.0.md" 2>&1); rc=$?
check "the redline page from a repository's own template needs the module" '[ $rc -eq 2 ] && echo "$out" | grep -q "policyctl-xml.so"'
out=$("$light" diff --format=html "$work/repo/1.0.md" "$work/repo/2.0.md" 2>&1); rc=$?
check "... which makes it from that template" '[ $rc -eq 0 ] && echo "$out" | grep -q "<main class=\"own\">"'
out=$("$light" check "$root/policies/sample/privacy/en/1.0.md" 2>&1); rc=$?
check "check runs in policyctl itself" '[ $rc -eq 0 ]'
full_needed=$(readelf -d "$full" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p')
check "policyctl-full has them" 'echo "$full_needed" | grep -q git2'

out=$(POLICYCTL_FULL=/nonexistent/policyctl-full "$light" log 2>&1); rc=$?
check "a command of policyctl-full, with it missing: exit 2" '[ $rc -eq 2 ]'
check "... naming policyctl-full" 'echo "$out" | grep -q "policyctl-full"'

out=$("$light" log --repo /nonexistent-dir 2>&1); rc=$?
check "log runs in policyctl-full: its own error, exit 2" '[ $rc -eq 2 ] && echo "$out" | grep -q "policyctl log"'

out=$("$light" render "$root/policies/sample/privacy/en/1.0.md" --format json); rc=$?
check "render of a file runs in policyctl itself" '[ $rc -eq 0 ] && echo "$out" | grep -q "\"sections\""'

out=$(POLICYCTL_FULL=/nonexistent/policyctl-full "$light" diff privacy/en@1.0 privacy/en@2.0 2>&1); rc=$?
check "a published version goes to policyctl-full" '[ $rc -eq 2 ] && echo "$out" | grep -q "policyctl-full"'
exit $fail
