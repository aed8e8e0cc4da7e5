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
coll=$1 work=$2/demo-fleet
here=$(cd "$(dirname "$0")" && pwd)
export ANSIBLE_COLLECTIONS_PATH=${ANSIBLE_COLLECTIONS_PATH:-${coll%/ansible_collections/syncthing/rest}}
export ANSIBLE_NOCOLOR=1 ANSIBLE_LOCALHOST_WARNING=0 ANSIBLE_RETRY_FILES_ENABLED=0 ANSIBLE_FORKS=5
python=$(command -v python3)
read -r -a versions <<< "${DEMO_VERSIONS:-$("$python" "$here/stnode.py" available 1.19.2 1.29.5 2.1.3)}"
[ ${#versions[@]} -gt 0 ] || { echo "demo-fleet: no Syncthing version installed (make syncthing)" >&2; exit 1; }
hosts=(nas laptop-ann laptop-bob backup tv)

step() { printf '\n=== %s\n' "$*"; }
field() { "$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
wait_file() {  # wait_file PATH CONTENT
  for _ in $(seq 1 240); do [ "$(cat "$1" 2>/dev/null || true)" = "$2" ] && return 0; sleep 0.5; done
  return 1
}

rm -rf "$work" && mkdir -p "$work"
stop_nodes() { "$python" "$here/stnode.py" stop --dir "$work" && echo "demo-fleet: all nodes stopped"; }
trap stop_nodes EXIT
trap 'exit 130' INT TERM

step "Starting five throw-away Syncthing nodes on loopback"
i=0
for h in "${hosts[@]}"; do
  version=${versions[$((i % ${#versions[@]}))]}; i=$((i + 1))
  "$python" "$here/stnode.py" start --version "$version" --dir "$work" --name "$h" > "$work/$h.json"
  printf '%-10s Syncthing %-7s listen %s\n' "$h" "$(field "$work/$h.json" version)" "$(field "$work/$h.json" listen)"
done

step "Inventory: examples/fleet/inventory.yml as it is, plus one that connects its hosts to these nodes"
local_inventory=$work/local.yml
{
  echo "---"; echo "all:"; echo "  hosts:"
  for h in "${hosts[@]}"; do
    j=$work/$h.json
    cat <<EOI
    $h:
      ansible_connection: local
      ansible_python_interpreter: $python
      syncthing_url: $(field "$j" url)
      syncthing_api_key: $(field "$j" api_key)
      syncthing_address: $(field "$j" listen)
      fleet_data: $work/data-$h
EOI
  done
} > "$local_inventory"
sed -n '/^syncthing_hosts/,$p' "$coll/examples/fleet/inventory.yml"
play=(ansible-playbook -i "$coll/examples/fleet/inventory.yml" -i "$local_inventory" "$coll/examples/fleet/playbook.yml")

step "ansible-playbook examples/fleet/playbook.yml (first run: hub topology, docs and photos, encrypted backup)"
"${play[@]}" > "$work/first-run.txt" 2>&1 || { cat "$work/first-run.txt"; exit 1; }
sed -n '/^PLAY RECAP/,$p' "$work/first-run.txt"

step "Again: nothing to change"
"${play[@]}" > "$work/second-run.txt" 2>&1 || { cat "$work/second-run.txt"; exit 1; }
sed -n '/^PLAY RECAP/,$p' "$work/second-run.txt"
if grep -E '^[a-z-]+ +: .*changed=[1-9]' "$work/second-run.txt" >/dev/null; then
  echo "demo-fleet: the second run changed something" >&2; exit 1
fi

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

step "A file written in docs on laptop-ann reaches laptop-bob through nas"
token="minutes of $(date -u +%FT%TZ)"
mkdir -p "$work/data-laptop-ann/docs" && echo "$token" > "$work/data-laptop-ann/docs/minutes.txt"
for h in nas laptop-bob; do
  wait_file "$work/data-$h/docs/minutes.txt" "$token" || { echo "demo-fleet: minutes.txt did not reach $h" >&2; exit 1; }
  echo "$h has docs/minutes.txt: $(cat "$work/data-$h/docs/minutes.txt")"
done

step "The untrusted backup box holds docs encrypted only"
for _ in $(seq 1 120); do
  n=$(find "$work/data-backup/docs" -type f ! -path '*/.stfolder*' | wc -l)
  [ "$n" -gt 0 ] && break; sleep 0.5
done
find "$work/data-backup/docs" -type f ! -path '*/.stfolder*' | head -3 | sed "s|$work/||"
if grep -rlF -e "$token" -e minutes.txt "$work/data-backup" "$work/backup" 2>/dev/null | grep -q .; then
  echo "demo-fleet: plaintext found on the backup box" >&2; exit 1
fi
echo "no plaintext of minutes.txt (content or name) under backup's folder or Syncthing home"

step "Photos from laptop-ann reach the TV (receiveonly there, a host override)"
mkdir -p "$work/data-laptop-ann/photos" && echo "a beach" > "$work/data-laptop-ann/photos/beach.txt"
wait_file "$work/data-tv/photos/beach.txt" "a beach" || { echo "demo-fleet: beach.txt did not reach the TV" >&2; exit 1; }
echo "tv has photos/beach.txt"

step "Done: five nodes, hub topology, per-folder members, an encrypted backup, provisioned idempotently"
