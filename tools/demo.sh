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
# shellcheck source=tools/demo-lib.sh
. "$(dirname "$0")/demo-lib.sh"
demo_init demo "$1" "$2"
# DEMO_VERSIONS (make demo): node A runs the first, B and C the last
read -r -a versions <<< "${DEMO_VERSIONS:-1.19.2 1.29.5}"
V_A=${DEMO_VERSION_A:-${versions[0]}} V_BC=${DEMO_VERSION_BC:-${versions[${#versions[@]} - 1]}}

step "Starting three throw-away Syncthing nodes on loopback"
for n in a b c; do
  version=$V_BC; [ "$n" = a ] && version=$V_A
  start_node "node-$n" "$version"
done

step "Inventory: three local hosts (connection, listen address, folder path per host)"
inventory=$work/inventory.yml
{
  echo "---"; echo "syncthing_hosts:"; echo "  hosts:"
  for n in a b c; do inventory_host "node-$n" "syncthing_folder_path: $work/data-$n"; done
} > "$inventory"
grep -v api_key "$inventory"

step "ansible-playbook examples/provision.yml (first run: pairs the nodes, shares the folder 'shared')"
ansible-playbook -i "$inventory" "$coll/examples/provision.yml"

step "ansible-playbook examples/provision.yml again: nothing to change (quiet, about 10 s; the recap follows)"
second_run_changes_nothing ansible-playbook -i "$inventory" "$coll/examples/provision.yml"

step "Writing hello.txt and an ignored scratch.tmp on node-a ($work/data-a); waiting up to 120 s for it on B and C"
token="hello from node-a, $(date -u +%FT%TZ)"
echo "scratch" > "$work/data-a/scratch.tmp"
echo "$token" > "$work/data-a/hello.txt"
start=$(date +%s%N)
for n in b c; do
  target=$work/data-$n/hello.txt
  wait_file "$target" "$token" || fail "hello.txt did not arrive on node-$n within 120 s"
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  printf 'node-%s has hello.txt after %d.%01d s: %s\n' "$n" $((ms / 1000)) $((ms % 1000 / 100)) "$(cat "$target")"
done
for n in b c; do
  if [ -e "$work/data-$n/scratch.tmp" ]; then fail "ignored scratch.tmp reached node-$n"; fi
  echo "node-$n has no scratch.tmp (matches the ignore pattern *.tmp)"
done

step "Done: three nodes on Syncthing $(versions_ran) paired, provisioned idempotently, in sync"
