#!/usr/bin/env bash
# Run the ansible-test integration targets against one Syncthing version.
# Targets start the nodes they need through tools/stnode.py (see tests/integration/targets/setup_syncthing);
# every node started under the work folder is stopped by PID afterwards, pass or fail.
set -uo pipefail
version=$1 coll=$2 work=$3/integration-$1
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work" && mkdir -p "$work"
cat > "$coll/tests/integration/integration_config.yml" <<EOC
---
syncthing_version: "$version"
stnode: "$here/stnode.py"
stnode_python: "$(command -v python3)"
st_workdir: "$work"
syncthing_binaries: "${SYNCTHING_BINARIES:-}"
EOC
cd "$coll" || exit 1
shift 3
ansible-test integration --color no -v "$@"
rc=$?
python3 "$here/stnode.py" stop --dir "$work"
exit $rc
