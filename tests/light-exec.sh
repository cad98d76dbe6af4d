#!/bin/sh
# The two executables (cli/exec.c): policyctl needs none of the heavy
# libraries, hands the commands that need them to policyctl-full, and says
# so clearly when policyctl-full is missing.
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
out=$(POLICYCTL_XML=/nonexistent/policyctl-xml.so "$light" render "$root/policies/sample/privacy/en/1.0.md" 2>&1); rc=$?
check "render with the module missing: exit 2 naming it" '[ $rc -eq 2 ] && echo "$out" | grep -q "policyctl-xml.so"'
a="$root/policies/sample/privacy/en/1.0.md" b="$root/policies/sample/privacy/en/2.0.md"
out=$(POLICYCTL_XML=/nonexistent/policyctl-xml.so "$light" diff --format json "$a" "$b" 2>&1); rc=$?
check "diff as JSON runs in policyctl itself" '[ $rc -eq 0 ] && echo "$out" | grep -q "\"level\": \"major\""'
out=$(POLICYCTL_XML=/nonexistent/policyctl-xml.so "$light" diff -fhtml "$a" "$b" 2>&1); rc=$?
check "its redline page needs the module" '[ $rc -eq 2 ] && echo "$out" | grep -q "policyctl-xml.so"'
out=$("$light" diff --format=html "$a" "$b" 2>&1); rc=$?
check "... which makes it" '[ $rc -eq 0 ] && echo "$out" | grep -q "<!DOCTYPE html>"'
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
