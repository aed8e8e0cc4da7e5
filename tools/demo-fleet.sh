#!/usr/bin/env bash
# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# make demo, part 2: the fleet of examples/fleet/ (one hub, two laptops, an untrusted backup box, a TV) on five
# throw-away Syncthing nodes on loopback. The example inventory is used as it is; a second inventory connects
# its hosts to the local nodes. Runs the playbook, runs it again (nothing changes), then shows a file going
# laptop-ann -> nas -> laptop-bob (the laptops are not paired), the backup box holding it encrypted only, and the
# TV receiving the photos. Every node is stopped by PID at the end, also on failure or Ctrl-C. Needs no TTY.
#   tools/demo-fleet.sh <collection tree> <work folder>
set -euo pipefail
# shellcheck source=tools/demo-lib.sh
. "$(dirname "$0")/demo-lib.sh"
demo_init demo-fleet "$1" "$2"
export ANSIBLE_FORKS=5
# DEMO_VERSIONS (make demo): the five nodes take them in turn
read -r -a versions <<< "${DEMO_VERSIONS:-1.19.2 1.29.5}"
hosts=(nas laptop-ann laptop-bob backup tv)

step "Starting five throw-away Syncthing nodes on loopback"
i=0
for h in "${hosts[@]}"; do
  start_node "$h" "${versions[$((i % ${#versions[@]}))]}"; i=$((i + 1))
done

step "Inventory: examples/fleet/inventory.yml as it is, plus one that connects its hosts to these nodes"
local_inventory=$work/local.yml
{
  echo "---"; echo "all:"; echo "  hosts:"
  for h in "${hosts[@]}"; do inventory_host "$h" "fleet_data: $work/data-$h"; done
} > "$local_inventory"
sed -n '/^syncthing_hosts/,$p' "$coll/examples/fleet/inventory.yml"
play=(ansible-playbook -i "$coll/examples/fleet/inventory.yml" -i "$local_inventory" "$coll/examples/fleet/playbook.yml")

step "ansible-playbook examples/fleet/playbook.yml (first run, quiet, up to a minute: hub topology, docs and photos, encrypted backup; the recap follows)"
run_play first-run.txt "${play[@]}"

step "Again: nothing to change (quiet, about 15 s; the recap follows)"
second_run_changes_nothing "${play[@]}"

step "Who is paired with whom (hub topology: the spokes only know nas)"
for h in "${hosts[@]}"; do
  "$python" - "$work/$h.json" "$h" "$work" <<'EOP'
import json, sys, urllib.request
node, name, work = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
names = {}
import glob, os
for path in glob.glob(os.path.join(work, "*.json")):
    if path.endswith("nodes.json"):
        continue
    other = json.load(open(path))
    names[other["device_id"]] = other["name"]
req = urllib.request.Request(node["url"] + "/rest/config", headers={"X-API-Key": node["api_key"]})
config = json.load(urllib.request.urlopen(req))
peers = sorted(names.get(d["deviceID"], "?") for d in config["devices"] if d["deviceID"] != node["device_id"])
folders = ", ".join("%s (%s)" % (f["id"], f["type"]) for f in config["folders"])
print("%-10s peers: %-40s folders: %s" % (name, ", ".join(peers), folders))
EOP
done

step "A file written in docs on laptop-ann reaches laptop-bob through nas (waiting up to 120 s)"
token="minutes of $(date -u +%FT%TZ)"
mkdir -p "$work/data-laptop-ann/docs" && echo "$token" > "$work/data-laptop-ann/docs/minutes.txt"
for h in nas laptop-bob; do
  wait_file "$work/data-$h/docs/minutes.txt" "$token" || fail "minutes.txt did not reach $h"
  echo "$h has docs/minutes.txt: $(cat "$work/data-$h/docs/minutes.txt")"
done

step "The untrusted backup box holds docs encrypted only (waiting up to 60 s for its encrypted files)"
for _ in $(seq 1 120); do
  n=$(find "$work/data-backup/docs" -type f ! -path '*/.stfolder*' | wc -l)
  [ "$n" -gt 0 ] && break; sleep 0.5
done
find "$work/data-backup/docs" -type f ! -path '*/.stfolder*' | head -3 | sed "s|$work/||"
if grep -rlF -e "$token" -e minutes.txt "$work/data-backup" "$work/backup" 2>/dev/null | grep -q .; then
  fail "plaintext found on the backup box"
fi
echo "no plaintext of minutes.txt (content or name) under backup's folder or Syncthing home"

step "Photos from laptop-ann reach the TV (receiveonly there, a host override; waiting up to 120 s)"
mkdir -p "$work/data-laptop-ann/photos" && echo "a beach" > "$work/data-laptop-ann/photos/beach.txt"
wait_file "$work/data-tv/photos/beach.txt" "a beach" || fail "beach.txt did not reach the TV"
echo "tv has photos/beach.txt"

step "Done: five nodes on Syncthing $(versions_ran), hub topology, per-folder members, an encrypted backup, provisioned idempotently"
