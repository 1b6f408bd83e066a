#!/bin/sh
# advisor lint: the policy checked as a whole, with an exit code.  The
# shipped policy lints clean; a settings.json threshold of 100 and an
# intent a layer never reads are each a warning, with file and line, and
# exit 6; a policy that does not load is exit 4.
. "$(dirname "$0")/lib.sh"
LC_ALL=C.UTF-8
XDG_CONFIG_HOME="$tmp/config"
export LC_ALL XDG_CONFIG_HOME

run 0 lint
has out "Policy default: no warnings"
lacks err "warning"

mkdir "$tmp/high"
echo '{ "threshold": 100 }' >"$tmp/high/settings.json"
run 6 lint --policy "$tmp/high"
has err "advisor: warning: policy: threshold 100 is above what every score rule together adds ("
has err "): no request can get connect"
has out "Policy default+high: 1 warning"

mkdir "$tmp/unread"
cat >"$tmp/unread/alumni.lua" <<'LUA'
advisor.rule {
  name = "alumni", description = "you studied at the same school", score = 3,
  intents = { "alumni" },
  check = function(person, request)
    if person.school and person.school == request.me.school then
      return "you studied at the same school"
    end
  end,
}
LUA
run 6 lint --policy "$tmp/unread"
has err "advisor: warning: $tmp/unread/alumni.lua:1: intent 'alumni' of rule 'alumni' is read by no function of the policy (request.intents.alumni)"
has out "Policy default+unread: 1 warning"
# Both layers: two warnings.
run 6 lint --policy "$tmp/high" --policy "$tmp/unread"
has out "Policy default+high+unread: 2 warnings"

# Reading it makes it clean.
sed 's/if person.school and/if request.intents.alumni and person.school and/' \
	"$tmp/unread/alumni.lua" >"$tmp/unread/alumni.new"
mv "$tmp/unread/alumni.new" "$tmp/unread/alumni.lua"
run 0 lint --policy "$tmp/unread"
has out "Policy default+unread: no warnings"

# The user's own folder is linted too.
mkdir -p "$tmp/config/advisor"
cp -r "$tmp/high" "$tmp/config/advisor/policy"
run 6 lint
has out "1 warning"
rm -r "$tmp/config/advisor/policy"

# A policy that does not load; wrong uses.
mkdir "$tmp/broken"
echo 'advisor.rule { name = "x" }' >"$tmp/broken/x.lua"
run 4 lint --policy "$tmp/broken"
has err "'description' must be a non-empty string"
run 2 lint extra
has err "lint: unexpected argument 'extra'"
run 2 lint --bogus
run 0 lint --help
has out "Exit codes: 0 no warning, 6 warnings"

finish "lint: all passed" failed
