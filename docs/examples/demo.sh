#!/bin/sh
# The advisor's main job on the bundled example network: advice on the
# people in it, one rule of the default policy at a time.
# Usage: docs/examples/demo.sh [ADVISOR_BINARY] [NETWORK]
set -u
advisor=${1:-build/advisor}
network=${2:-docs/examples/network.json}
as_of=2026-11-27 # fixed, so the demo reads the same every day

status=0
errors=$(mktemp)
trap 'rm -f "$errors"' EXIT

# The example network has a custom event type on purpose, so every load
# warns about it; show warnings only when the advice fails.
show() {
	printf '\n$ advisor advise %s\n' "$*"
	if ! "$advisor" advise "$@" --network "$network" --as-of "$as_of" 2>"$errors"; then
		cat "$errors" >&2
		status=1
	fi
}

echo "advisor on $network, as of $as_of"
show priya-natarajan                      # known, from the past: a reminder note
show lucas-moreau                         # known, recent: connect
show amara-nwosu                          # introduced: a note naming the introducer
show dana-whitfield --intent learn        # learn from an industry leader
show gregory-hale --outgoing              # bad ending: don't invite...
show gregory-hale --incoming              # ...but accept their invitation
show elena-petrova --intent learn --intent date  # romance vetoes everything
show hannah-becker --intent job           # an open hiring process: wait
show nadia-rahman                         # a stranger, however many mutuals
show zoe-muller                           # already connected
exit $status
