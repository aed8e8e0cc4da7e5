#!/usr/bin/env bash
# Packaging checks: build the collection, check what the tarball holds, install it into a clean path, render
# every module's, filter's and role's docs from there, check the released changelog and release the pending
# fragments (in a copy), check the execution-environment metadata with ansible-builder, and run ansible-lint
# (production profile, offline) on the example and docs playbooks and the roles against the installed collection.
# galaxy-importer and the other antsibull-nox sessions run after this script (make packaging; antsibull-nox.toml).
#   tools/check-packaging.sh COLLECTION_TREE BUILD_DIR PACKAGING_VENV_BIN
set -euo pipefail
coll=$1 build=$2 pkg_bin=$3
dist="$build/dist" installed="$build/installed"
rm -rf "$dist" "$installed" && mkdir -p "$dist" "$installed"

echo "== ansible-galaxy collection build"
ansible-galaxy collection build "$coll" --output-path "$dist" --force
tarball=$(ls "$dist"/syncthing-rest-*.tar.gz)
echo "== ansible-galaxy collection install $(basename "$tarball") into a clean path"
ansible-galaxy collection install "$tarball" -p "$installed" --force
tar -tzf "$tarball" | sed 's|/$||' > "$build/contents.txt"   # not piped into grep -q: pipefail + SIGPIPE
# what a user needs ...
for f in plugins/module_utils/client.py roles/cluster/tasks/main.yml roles/cluster/README.md README.md LICENSE \
         CHANGELOG.md changelogs/changelog.yaml meta/runtime.yml meta/execution-environment.yml \
         meta/ee-requirements.txt meta/ee-bindep.txt meta/extensions.yml \
         extensions/eda/plugins/event_source/events.py examples/provision.yml docs/client.md; do
  grep -qx "$f" "$build/contents.txt" || { echo "the tarball lacks $f" >&2; exit 1; }
done
# ... and nothing that needs the checkout (build_ignore in galaxy.yml)
unwanted='^(tests|tools|benchmarks|\.ci|\.cache|\.ansible|\.nox|\.venv[^/]*)(/|$)'
unwanted+='|^(Makefile|CONTRIBUTING\.md|noxfile\.py|antsibull-nox\.toml|ruff\.toml|\.ansible-lint|\.yamllint|\.gitignore)$'
unwanted+='|(^|/)__pycache__(/|$)'
if grep -E "$unwanted" "$build/contents.txt"; then
  echo "files in the tarball that cannot run from the installed collection (galaxy.yml build_ignore)" >&2; exit 1
fi
echo "ok  $(wc -l < "$build/contents.txt") entries, none from tests/, tools/, benchmarks/ or the project's configuration"

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

echo "== changelog: fragments and changelog.yaml lint, CHANGELOG.md/.rst as generated, galaxy.yml version"
(cd "$coll" && antsibull-changelog lint && antsibull-changelog lint-changelog-yaml changelogs/changelog.yaml)
version=$(sed -n 's/^version: //p' "$coll/galaxy.yml")
latest=$(python3 -c '
import sys, yaml
releases = yaml.safe_load(open(sys.argv[1]))["releases"] or {}
print(max(releases, key=lambda v: tuple(int(p) for p in v.split(".")), default=""))' "$coll/changelogs/changelog.yaml")
# galaxy.yml names the latest release, or the release being prepared (a newer one)
python3 -c '
import sys
t = lambda v: tuple(int(p) for p in v.split("."))
sys.exit(bool(sys.argv[2]) and t(sys.argv[1]) < t(sys.argv[2]))' "$version" "$latest" \
  || { echo "galaxy.yml version $version is older than the latest release $latest" >&2; exit 1; }
rel="$build/release" && rm -rf "$rel" && cp -a "$coll" "$rel"
(cd "$rel" && antsibull-changelog generate)
for f in CHANGELOG.md CHANGELOG.rst; do
  cmp -s "$coll/$f" "$rel/$f" || { echo "$f differs from what antsibull-changelog generates from changelog.yaml" >&2; exit 1; }
done
echo "ok  galaxy.yml $version, latest release ${latest:-none}; CHANGELOG.md and CHANGELOG.rst up to date"

echo "== antsibull-changelog release of the pending fragments and plugins (in a copy)"
# the next version: galaxy.yml's when it is not released yet, else the next minor one
next=$version
if [ "$version" = "$latest" ]; then next=$(echo "$version" | awk -F. '{printf "%d.%d.0", $1, $2 + 1}'); fi
(cd "$rel" && antsibull-changelog release --version "$next" && test -s CHANGELOG.md)
# every module, filter and role is announced by some release: one whose version_added names a release that is
# already out, but that this release did not list, would never be announced
for p in $modules $filters $roles; do
  grep -qF "syncthing\\.rest\\.${p//_/\\_} " "$rel/CHANGELOG.md" || {
    echo "no release announces $p: its version_added must be $next (released: ${latest:-none})" >&2; exit 1; }
done
echo "ok  a release $next would work; every module, filter and role is announced"

echo "== ansible-builder introspect: the execution environment's requirements, as an image build reads them"
PATH="$pkg_bin:$PATH" ansible-builder introspect --sanitize "$installed" | tee "$build/ee-introspect.txt"
grep -q "^- 'requests.*from collection syncthing.rest" "$build/ee-introspect.txt"
grep -q "^- 'bcrypt.*from collection syncthing.rest" "$build/ee-introspect.txt"

echo "== ansible-builder create: the build context of an EE with the tarball (no image is built)"
ee="$build/ee" && rm -rf "$ee" && mkdir -p "$ee" && cp "$tarball" "$ee/"
name=$(basename "$tarball")
cat > "$ee/execution-environment.yml" <<EOD
---
version: 3
images:
  base_image:
    name: localhost/ee-base:latest
dependencies:
  ansible_core:
    package_pip: ansible-core>=2.18
  ansible_runner:
    package_pip: ansible-runner
  galaxy:
    collections:
      - name: /build/collections/$name
        type: file
additional_build_files:
  - src: $name
    dest: collections
additional_build_steps:
  prepend_galaxy:
    - COPY _build/collections/ /build/collections/
EOD
(cd "$ee" && PATH="$pkg_bin:$PATH" ansible-builder create -f execution-environment.yml -c "$ee/context" \
   --output-filename Containerfile)
test -s "$ee/context/Containerfile" && test -s "$ee/context/_build/collections/$name"
echo "ok  build context in $ee/context"

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
