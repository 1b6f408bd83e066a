#!/bin/sh
# The pages' links lead somewhere, and the check finds a broken one.
set -u
here=$(dirname "$0")
src=${ADVISOR_SOURCE_DIR:-$here/../..}
fail=0
out=$(sh "$here/check_links.sh" "$src") || { echo "FAIL:"; echo "$out"; fail=1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/docs"
printf '# Top\n\n## A `b`: c\n\n[ok](#a-b-c) [bad](#nowhere) [gone](other.md) [far](../README.md#top)\n' >"$tmp/docs/page.md"
printf '# Top\n' >"$tmp/README.md"
out=$(sh "$here/check_links.sh" "$tmp") && { echo "FAIL: broken links passed"; fail=1; }
for want in "docs/page.md:5: #nowhere: no heading" "docs/page.md:5: other.md: no such file"; do
	case $out in *"$want"*) ;; *) echo "FAIL: expected: $want"; echo "$out"; fail=1 ;; esac
done
case $out in *"#a-b-c"*|*"README.md#top"*) echo "FAIL: a good link was reported: $out"; fail=1 ;; esac
[ $fail -eq 0 ] && echo "links: 2 passed, 0 failed"
exit $fail
