#!/bin/sh
# Every relative link of the Markdown pages leads somewhere: the file
# exists, and a #anchor names a heading of it (GitHub's rule: lower case,
# punctuation but - and _ dropped, spaces as -; a repeated heading gets
# -1, -2...).  Prints each broken link as FILE:LINE: target; exits 1 if
# there is one.
#
# Usage: check_links.sh [ROOT]  (default: the repository)
root=${1:-$(dirname "$0")/../..}
cd "$root" || exit 2

# The anchors of a page, one a line.
anchors() {
	awk '
		/^```/ { fence = !fence; next }
		fence || !/^#+ / { next }
		{
			h = $0
			sub(/^#+ +/, "", h)
			h = tolower(h)
			gsub(/[^a-z0-9 _\200-\377-]/, "", h)
			gsub(/ /, "-", h)
			n = seen[h]++
			print (n ? h "-" n : h)
		}' "$1"
}

bad=0
for page in README.md HACKING.md docs/*.md; do
	[ -f "$page" ] || continue
	dir=$(dirname "$page")
	# [text](target) outside code: the target, with its line number.
	awk '
		/^```/ { fence = !fence; next }
		fence { next }
		{
			line = $0
			gsub(/`[^`]*`/, "", line)
			while (match(line, /\]\([^) ]+\)/)) {
				print NR " " substr(line, RSTART + 2, RLENGTH - 3)
				line = substr(line, RSTART + RLENGTH)
			}
		}' "$page" |
	while read -r n target; do
		case $target in
		http://*|https://*|mailto:*) continue ;;
		esac
		file=${target%%#*}
		anchor=
		case $target in *'#'*) anchor=${target#*#} ;; esac
		if [ -z "$file" ]; then
			path=$page
		else
			path=$dir/$file
		fi
		if [ ! -e "$path" ]; then
			echo "$page:$n: $target: no such file"
			continue
		fi
		if [ -n "$anchor" ] && [ -f "$path" ] && case $path in *.md) true ;; *) false ;; esac; then
			anchors "$path" | grep -qxF -- "$anchor" ||
				echo "$page:$n: $target: no heading with that anchor in $path"
		fi
	done
done > "${TMPDIR:-/tmp}/check_links.$$"
cat "${TMPDIR:-/tmp}/check_links.$$"
bad=$(wc -l < "${TMPDIR:-/tmp}/check_links.$$")
rm -f "${TMPDIR:-/tmp}/check_links.$$"
[ "$bad" -eq 0 ] || { echo "check_links: $bad broken link(s)"; exit 1; }
echo "check_links: every link leads somewhere"
