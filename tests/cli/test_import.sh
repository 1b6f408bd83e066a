#!/bin/sh
# End-to-end tests of `advisor import linkedin`: a fixture export made to
# look exactly like a real one (tests/fixtures/linkedin-export), as a folder
# and as a zip, annotations, and broken exports that must fail clearly.
. "$(dirname "$0")/lib.sh"
mkzip=${ADVISOR_MKZIP:?}
export_dir="$src/tests/fixtures/linkedin-export"
LC_ALL=C.UTF-8
export LC_ALL

# Help and usage.
run 0 import --help
has out "import linkedin EXPORT -o FILE"
has out "--annotations FILE"
run 0 --help
has out "import linkedin EXPORT"
run 2 import
has err "advisor import linkedin EXPORT -o FILE"
run 2 import linkedin "$export_dir"
has err "-o FILE is required"
run 2 import facebook "$export_dir" -o "$tmp/x.json"
has err "got 'facebook'"

# The folder: a summary, a warning with file and line, a network that loads.
run 0 import linkedin "$export_dir" -o "$tmp/folder.json"
has err "Connections.csv               5 rows, 1 skipped"
has err "messages.csv                  4 rows, 1 skipped"
has err "7 people, 4 of them connections; 2 invitations to you waiting, 1 of yours waiting"
has err "Connections.csv: line 9: Connected On \"31 Feb 2020\" is not a date"
run 0 advise sam-okafor --incoming --network "$tmp/folder.json" --as-of 2026-11-27 --json
has out '"person":"sam-okafor"'
run 0 find "Zoë" --network "$tmp/folder.json"
has out "zoë-ångström-4b1a2c"

# The zip LinkedIn sends gives the same network.
"$mkzip" "$tmp/Complete_LinkedInDataExport_11-27-2026.zip" "$export_dir" || fail "mkzip"
run 0 import linkedin "$tmp/Complete_LinkedInDataExport_11-27-2026.zip" -o "$tmp/zip.json" --quiet
cmp -s "$tmp/folder.json" "$tmp/zip.json" || fail "the zip and the folder give different networks"
[ ! -s "$tmp/err" ] || grep -q "warning" "$tmp/err" || fail "--quiet printed: $(cat "$tmp/err")"

# An export file over --max-size: refused, with the flag that raises it.
run 3 import linkedin "$export_dir" -o "$tmp/small.json" --max-size 100
has err "bytes is over the limit of 100 bytes; raise the limit with --max-size SIZE"
[ ! -e "$tmp/small.json" ] || fail "a refused import wrote its output"

# A truncated zip, a file that is not an export: clear errors, exit 3,
# nothing written.
size=$(wc -c <"$tmp/Complete_LinkedInDataExport_11-27-2026.zip")
head -c $((size / 2)) "$tmp/Complete_LinkedInDataExport_11-27-2026.zip" >"$tmp/truncated.zip"
run 3 import linkedin "$tmp/truncated.zip" -o "$tmp/t.json"
has err "truncated.zip: not a readable export"
[ ! -e "$tmp/t.json" ] || fail "a failed import wrote its output"
printf 'hello' >"$tmp/notes.txt"
run 3 import linkedin "$tmp/notes.txt" -o "$tmp/t.json"
has err "not a readable export"
mkdir "$tmp/empty"
run 3 import linkedin "$tmp/empty" -o "$tmp/t.json"
has err "no LinkedIn export files"
run 3 import linkedin "$tmp/missing" -o "$tmp/t.json"
has err "cannot open"

# A CSV with an unclosed quote, and one that is not text.
mkdir "$tmp/broken"
cp "$export_dir"/*.csv "$tmp/broken/"
printf 'From,To,Sent At,Message,Direction\nA B,Alex Kim,"3/14/25, 9:05 AM","Hi,INCOMING\n' >"$tmp/broken/Invitations.csv"
run 3 import linkedin "$tmp/broken" -o "$tmp/t.json"
has err "Invitations.csv: line 2: a quoted field is never closed"
printf '\211PNG\r\n\032\n\000\000' >"$tmp/broken/Invitations.csv"
run 3 import linkedin "$tmp/broken" -o "$tmp/t.json"
has err "Invitations.csv: line 3: not a CSV file (binary data"

# Annotations: the user's facts survive a re-import; conflicts reported.
cat >"$tmp/facts.json" <<'JSON'
{ "format": "advisor-network/1",
  "people": [
    { "id": "sam-okafor", "company": "Lisbon Tech",
      "events": [ { "type": "met", "date": "2026-09-12",
                    "context": "the Lisbon meetup", "tone": "cordial" } ] },
    { "id": "tombaker", "title": "Chief Technology Officer" },
    { "id": "nina", "name": "Nina Park", "connections": ["sam-okafor"] } ] }
JSON
run 0 import linkedin "$export_dir" --annotations "$tmp/facts.json" -o "$tmp/annotated.json"
has err 'tombaker").title: you wrote "Chief Technology Officer", the export says "CTO"; yours is kept'
has err "your annotations: 2 people given facts, 1 added, 1 event, 1 conflict"
run 0 advise sam-okafor --incoming --network "$tmp/annotated.json" --as-of 2026-11-27 --json
has out '"rule":"known"'
# Importing again over the same file keeps the facts, and gives the same file.
cp "$tmp/annotated.json" "$tmp/first.json"
run 0 import linkedin "$tmp/Complete_LinkedInDataExport_11-27-2026.zip" -a "$tmp/facts.json" -o "$tmp/annotated.json"
cmp -s "$tmp/first.json" "$tmp/annotated.json" || fail "a re-import with the same annotations changed the network"

# --annotations is read by the data folder's strict reader: a duplicate
# key, a person without an id or an id twice is refused (exit 3) with its
# place, and nothing is written.
printf '{"people": [{"id": "a", "id": "b"}]}\n' >"$tmp/dup-key.json"
printf '{"people": [{"name": "No Id"}]}\n' >"$tmp/no-id.json"
printf '{"people": [{"id": "a"}, {"id": "a"}]}\n' >"$tmp/id-twice.json"
for bad in dup-key no-id id-twice; do
	rm -f "$tmp/strict.json"
	run 3 import linkedin "$export_dir" --annotations "$tmp/$bad.json" -o "$tmp/strict.json"
	has err "$tmp/$bad.json"
	[ ! -e "$tmp/strict.json" ] || fail "--annotations $bad: a network was written"
done
printf '{"people": [{"name": "no id"}]}' >"$tmp/bad-facts.json"
run 3 import linkedin "$export_dir" -a "$tmp/bad-facts.json" -o "$tmp/t.json"
has err "bad-facts.json: people[0].id: required"

# Two copies of one file, as deep in the archive as each other: which to
# read is not guessed.
mkdir "$tmp/empty-export"
"$mkzip" "$tmp/twins.zip" "$tmp/empty-export" \
	"Export/a/Connections.csv=$export_dir/Connections.csv" \
	"Export/b/Connections.csv=$export_dir/Connections.csv" || fail "mkzip twins"
run 3 import linkedin "$tmp/twins.zip" -o "$tmp/twins.json"
has err "the archive holds Connections.csv twice (Export/a/Connections.csv and Export/b/Connections.csv); expected one"
[ ! -e "$tmp/twins.json" ] || fail "an output was written for an archive with twins"

# A zip of commas: 64 MB of them deflate to some 60 KB, and each empty
# field used to cost its own allocation (a 917 KB zip took more than 6 GB).
# The row is refused at its 1,001st field, in a few seconds, in memory of
# the order of the member's own size.
mkdir "$tmp/commas"
cp "$export_dir"/*.csv "$tmp/commas/"
{ head -n 4 "$export_dir/Connections.csv"; head -c 64000000 /dev/zero | tr '\0' ,; } \
	>"$tmp/commas/Connections.csv"
"$mkzip" "$tmp/commas.zip" "$tmp/commas" || fail "mkzip commas"
rm -rf "$tmp/commas"
[ "$(wc -c <"$tmp/commas.zip")" -lt 1000000 ] || fail "the zip of commas is not small: $(wc -c <"$tmp/commas.zip") bytes"
start=$(date +%s)
/usr/bin/time -f '%M' -o "$tmp/rss" "$bin" import linkedin "$tmp/commas.zip" -o "$tmp/commas.json" \
	>"$tmp/out" 2>"$tmp/err"
got=$?
[ "$got" -eq 3 ] || fail "zip of commas: exit $got, expected 3: $(cat "$tmp/err")"
has err "commas.zip:Connections.csv: line 5: more than 1000 fields in a row; expected one of LinkedIn's CSV files"
rss=$(tail -n 1 "$tmp/rss")
[ "$rss" -lt 200000 ] || fail "zip of commas: peak RSS $rss KB for a 64 MB member"
[ $(($(date +%s) - start)) -le 20 ] || fail "zip of commas took $(($(date +%s) - start)) s"
[ ! -e "$tmp/commas.json" ] || fail "an output was written for a zip of commas"

# Profile URLs with %00 and %ff: %00 used to be cut off, merging two
# people into one without a word, and %ff to sink the whole import with a
# line and column of an internal file. Both stay as written: two people,
# and the import goes through.
mkdir "$tmp/urls"
cp "$export_dir"/*.csv "$tmp/urls/"
{
	cat "$export_dir/Connections.csv"
	echo
	echo 'Ann,Lee,https://www.linkedin.com/in/ann-lee,,Acme,Engineer,01 Oct 2026'
	echo 'Ann,Lee,https://www.linkedin.com/in/ann-lee%00,,Acme,Engineer,02 Oct 2026'
	echo 'Bo,Kim,https://www.linkedin.com/in/bo-%ff-kim,,Acme,Engineer,03 Oct 2026'
} >"$tmp/urls/Connections.csv"
run 0 import linkedin "$tmp/urls" -o "$tmp/urls.json"
[ "$(grep -cE '"name":[[:space:]]*"Ann Lee"' "$tmp/urls.json")" -eq 2 ] ||
	fail "%00 in a profile URL merged two people: $(grep -cE '"name":[[:space:]]*"Ann Lee"' "$tmp/urls.json")"
has_url() { grep -F "\"$1\"" "$tmp/urls.json" | grep -q '"profile_url"'; }
has_url 'https://www.linkedin.com/in/ann-lee%00' || fail "the %00 URL is not kept as written"
has_url 'https://www.linkedin.com/in/bo-%ff-kim' || fail "the %ff URL is not kept as written"

# A CSV file saved as UTF-16 (a spreadsheet's "Unicode text") is named as
# such, not reported as binary data or bad UTF-8.
mkdir "$tmp/utf16"
cp "$export_dir"/*.csv "$tmp/utf16/"
iconv -f UTF-8 -t UTF-16 "$export_dir/Connections.csv" >"$tmp/utf16/Connections.csv" || fail "iconv"
run 3 import linkedin "$tmp/utf16" -o "$tmp/utf16.json"
has err "Connections.csv: the file is UTF-16; LinkedIn's files are UTF-8 (save it as UTF-8 and import again)"
[ ! -e "$tmp/utf16.json" ] || fail "an output was written for a UTF-16 export"

finish "import: all passed"
