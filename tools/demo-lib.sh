# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What tools/demo.sh and tools/demo-fleet.sh share: the environment, throw-away nodes (stopped by PID on exit,
# also on failure or Ctrl-C), inventory entries for them, and the check that a second run changes nothing.
# Sourced, not run:  . tools/demo-lib.sh; demo_init NAME COLLECTION WORK
# shellcheck shell=bash

demo_init() {  # demo_init NAME COLLECTION WORK_PARENT: sets demo, coll, work, here, python; starts clean
  demo=$1 coll=$2 work=$3/$1
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  python=$(command -v python3)
  export ANSIBLE_COLLECTIONS_PATH=${ANSIBLE_COLLECTIONS_PATH:-${coll%/ansible_collections/syncthing/rest}}
  export ANSIBLE_NOCOLOR=1 ANSIBLE_LOCALHOST_WARNING=0 ANSIBLE_RETRY_FILES_ENABLED=0
  # Ansible's own files (temporary modules, caches) under the work folder, not in the user's home
  export ANSIBLE_HOME=$work/.ansible ANSIBLE_LOCAL_TEMP=$work/.ansible/tmp ANSIBLE_REMOTE_TMP=$work/.ansible/tmp
  rm -rf "$work" && mkdir -p "$work"
  trap stop_nodes EXIT
  trap 'exit 130' INT TERM
}

versions_ran() {  # the Syncthing versions the nodes in $work really run, as they reported them
  "$python" -c 'import glob, json, os, sys
print(", ".join(sorted({json.load(open(p))["version"] for p in glob.glob(os.path.join(sys.argv[1], "*.json"))
                        if not p.endswith("nodes.json")})))' "$work"
}

stop_nodes() { "$python" "$here/stnode.py" stop --dir "$work" && echo "$demo: all nodes stopped"; }
step() { printf '\n=== %s\n' "$*"; }
field() { "$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
fail() { echo "$demo: $*" >&2; exit 1; }

wait_file() {  # wait_file PATH CONTENT: up to 120 s
  for _ in $(seq 1 240); do [ "$(cat "$1" 2>/dev/null || true)" = "$2" ] && return 0; sleep 0.5; done
  return 1
}

start_node() {  # start_node NAME VERSION: a hermetic node, described in $work/NAME.json
  "$python" "$here/stnode.py" start --version "$2" --dir "$work" --name "$1" > "$work/$1.json"
  printf '%-10s Syncthing %-7s GUI %s  listen %s  pid %s\n' "$1" "$(field "$work/$1.json" version)" \
    "$(field "$work/$1.json" url)" "$(field "$work/$1.json" listen)" "$(field "$work/$1.json" pid)"
}

inventory_host() {  # inventory_host NAME [EXTRA_YAML_LINE]: the host's entry (6 spaces in), connecting to its node
  local j=$work/$1.json
  cat <<EOI
    $1:
      ansible_connection: local
      ansible_python_interpreter: $python
      syncthing_url: $(field "$j" url)
      syncthing_api_key: $(field "$j" api_key)
      syncthing_address: $(field "$j" listen)
EOI
  [ -z "${2:-}" ] || printf '      %s\n' "$2"
}

run_play() {  # run_play LOG COMMAND...: run it quietly into $work/LOG, show the recap (the whole log on failure)
  local log=$work/$1; shift
  "$@" > "$log" 2>&1 || { cat "$log"; fail "the play failed"; }
  sed -n '/^PLAY RECAP/,$p' "$log"
}

second_run_changes_nothing() {  # second_run_changes_nothing COMMAND...
  run_play second-run.txt "$@"
  if grep -E '^[a-z][a-z0-9-]* +: .*changed=[1-9]' "$work/second-run.txt" >/dev/null; then
    fail "the second run changed something"
  fi
  echo "second run: changed=0 on every host"
}
