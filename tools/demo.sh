#!/usr/bin/env bash
# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# make demo: three throw-away Syncthing nodes on loopback (A on 1.19.2, B and C on 1.29.5), paired and
# sharing a folder through examples/provision.yml, which is then run again to show it changes nothing;
# a file written on A arrives on B and C, an ignored one does not. Every node is stopped by PID at the end,
# also on failure or Ctrl-C. Needs no TTY.
#   tools/demo.sh <collection tree> <work folder>
set -euo pipefail
coll=$1 work=$2/demo
here=$(cd "$(dirname "$0")" && pwd)
export ANSIBLE_COLLECTIONS_PATH=${ANSIBLE_COLLECTIONS_PATH:-${coll%/ansible_collections/syncthing/rest}}
export ANSIBLE_NOCOLOR=1 ANSIBLE_LOCALHOST_WARNING=0 ANSIBLE_RETRY_FILES_ENABLED=0
python=$(command -v python3)
V_A=${DEMO_VERSION_A:-1.19.2} V_BC=${DEMO_VERSION_BC:-1.29.5}

step() { printf '\n=== %s\n' "$*"; }
field() { "$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }

rm -rf "$work" && mkdir -p "$work"
stop_nodes() { "$python" "$here/stnode.py" stop --dir "$work" && echo "demo: all nodes stopped"; }
trap stop_nodes EXIT
trap 'exit 130' INT TERM

step "Starting three throw-away Syncthing nodes on loopback"
for n in a b c; do
  version=$V_BC; [ "$n" = a ] && version=$V_A
  "$python" "$here/stnode.py" start --version "$version" --dir "$work" --name "node-$n" > "$work/node-$n.json"
  printf 'node-%s  Syncthing %-7s GUI %s  listen %s  pid %s\n' "$n" "$(field "$work/node-$n.json" version)" \
    "$(field "$work/node-$n.json" url)" "$(field "$work/node-$n.json" listen)" "$(field "$work/node-$n.json" pid)"
done

step "Inventory: three local hosts (connection, listen address, folder path per host)"
inventory=$work/inventory.yml
{
  echo "---"; echo "syncthing_hosts:"; echo "  hosts:"
  for n in a b c; do
    j=$work/node-$n.json
    cat <<EOI
    node-$n:
      ansible_connection: local
      ansible_python_interpreter: $python
      syncthing_url: $(field "$j" url)
      syncthing_api_key: $(field "$j" api_key)
      syncthing_address: $(field "$j" listen)
      syncthing_folder_path: $work/data-$n
EOI
  done
} > "$inventory"
grep -v api_key "$inventory"

step "ansible-playbook examples/provision.yml (first run: pairs the nodes, shares the folder 'shared')"
ansible-playbook -i "$inventory" "$coll/examples/provision.yml"

step "ansible-playbook examples/provision.yml again: nothing to change"
ansible-playbook -i "$inventory" "$coll/examples/provision.yml" > "$work/second-run.txt" 2>&1 || { cat "$work/second-run.txt"; exit 1; }
sed -n '/^PLAY RECAP/,$p' "$work/second-run.txt"
if grep -E '^node-.*changed=[1-9]' "$work/second-run.txt" >/dev/null; then
  echo "demo: the second run changed something" >&2; exit 1
fi
echo "second run: changed=0 on every host"

step "Writing hello.txt and an ignored scratch.tmp on node-a ($work/data-a)"
token="hello from node-a, $(date -u +%FT%TZ)"
echo "scratch" > "$work/data-a/scratch.tmp"
echo "$token" > "$work/data-a/hello.txt"
start=$(date +%s%N)
for n in b c; do
  target=$work/data-$n/hello.txt
  for _ in $(seq 1 120); do
    [ "$(cat "$target" 2>/dev/null || true)" = "$token" ] && break
    sleep 0.5
  done
  if [ "$(cat "$target" 2>/dev/null || true)" != "$token" ]; then
    echo "demo: hello.txt did not arrive on node-$n within 60 s" >&2; exit 1
  fi
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  printf 'node-%s has hello.txt after %d.%01d s: %s\n' "$n" $((ms / 1000)) $((ms % 1000 / 100)) "$(cat "$target")"
done
for n in b c; do
  if [ -e "$work/data-$n/scratch.tmp" ]; then echo "demo: ignored scratch.tmp reached node-$n" >&2; exit 1; fi
  echo "node-$n has no scratch.tmp (matches the ignore pattern *.tmp)"
done

step "Done: three nodes on two Syncthing versions paired, provisioned idempotently, in sync"
