#!/usr/bin/env bash
# Packaging checks: build the collection, install the tarball into a clean path, render every module's
# and roles' docs from there, lint the changelog fragments and release them, and run ansible-lint
# (production profile, offline) on the example and docs playbooks and the roles against the installed collection.
set -euo pipefail
coll=$1 build=$2
dist="$build/dist" installed="$build/installed"
rm -rf "$dist" "$installed" && mkdir -p "$dist" "$installed"

echo "== ansible-galaxy collection build"
ansible-galaxy collection build "$coll" --output-path "$dist" --force
tarball=$(ls "$dist"/syncthing-rest-*.tar.gz)
echo "== ansible-galaxy collection install $(basename "$tarball") into a clean path"
ansible-galaxy collection install "$tarball" -p "$installed" --force
tar -tzf "$tarball" > "$build/contents.txt"   # not piped into grep -q: pipefail + SIGPIPE
grep -q 'plugins/module_utils/client.py' "$build/contents.txt"
grep -q 'roles/cluster/tasks/main.yml' "$build/contents.txt"
grep -q 'extensions/eda/plugins/event_source/events.py' "$build/contents.txt"
grep -q 'meta/extensions.yml' "$build/contents.txt"
if grep -E '(^|/)(\.git|\.venv|\.ci|tools|tests/output)/' "$build/contents.txt"; then
  echo "unexpected files in the tarball" >&2; exit 1
fi

echo "== ansible-doc renders every module from the installed collection"
modules=$(cd "$coll/plugins/modules" && for f in ./*.py; do f=${f#./}; echo "${f%.py}"; done)
for m in $modules; do
  ANSIBLE_COLLECTIONS_PATH="$installed" ansible-doc "syncthing.rest.$m" > "$build/doc-$m.txt"
  grep -q "syncthing.rest.$m" "$build/doc-$m.txt"
  echo "ok  syncthing.rest.$m"
done
ANSIBLE_COLLECTIONS_PATH="$installed" ansible-doc -l syncthing.rest | tee "$build/doc-list.txt"
[ "$(wc -l < "$build/doc-list.txt")" -eq "$(echo "$modules" | wc -w)" ]

roles=$(for d in "$coll"/roles/*/; do if [ -d "$d" ]; then basename "$d"; fi; done)
for r in $roles; do
  ANSIBLE_COLLECTIONS_PATH="$installed" ansible-doc -t role "syncthing.rest.$r" > "$build/doc-role-$r.txt"
  grep -q "syncthing.rest.$r" "$build/doc-role-$r.txt"
  echo "ok  role syncthing.rest.$r"
done

filters=$(cd "$coll/plugins/filter" && for f in ./*.yml; do f=${f#./}; echo "${f%.yml}"; done)
for f in $filters; do
  ANSIBLE_COLLECTIONS_PATH="$installed" ansible-doc -t filter "syncthing.rest.$f" > "$build/doc-filter-$f.txt"
  grep -q "syncthing.rest.$f" "$build/doc-filter-$f.txt"
  echo "ok  filter syncthing.rest.$f"
done

echo "== the client imports from the installed collection in plain Python"
PYTHONPATH="$installed" python3 -c 'from ansible_collections.syncthing.rest.plugins.module_utils.client import SyncthingClient; print(SyncthingClient.__name__)'

echo "== antsibull-changelog lint + release (in a copy)"
rel="$build/release" && rm -rf "$rel" && cp -a "$coll" "$rel"
(cd "$rel" && antsibull-changelog lint && antsibull-changelog release --version "$(sed -n 's/^version: //p' galaxy.yml)" && test -s CHANGELOG.md)
# the release lists every module and role as new (version_added = the galaxy.yml version; roles by fragment)
for m in $modules; do grep -qF "syncthing\\.rest\\.${m//_/\\_} " "$rel/CHANGELOG.md" || { echo "CHANGELOG.md does not list $m" >&2; exit 1; }; done
for r in $roles; do grep -qF "syncthing\\.rest\\.$r " "$rel/CHANGELOG.md" || { echo "CHANGELOG.md does not list role $r" >&2; exit 1; }; done

echo "== ansible-lint (production profile) on examples and docs playbooks and the roles"
targets=()
for f in "$coll"/examples/*.yml "$coll"/examples/*/playbook.yml "$coll"/docs/*.yml "$coll"/roles/*/ \
         "$coll"/examples/events/*.yml "$coll"/extensions/eda/rulebooks/*.yml; do
  if [ -e "$f" ]; then targets+=("${f#"$coll"/}"); fi
done
if [ ${#targets[@]} -gt 0 ]; then
  (cd "$coll" && ANSIBLE_COLLECTIONS_PATH="$installed" ansible-lint --offline --profile production "${targets[@]}")
fi
echo "packaging: all checks passed"
