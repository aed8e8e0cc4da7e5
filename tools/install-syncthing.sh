#!/usr/bin/env bash
# Provide the Syncthing versions the tests run against, cached under $ST_DIR/<version>/syncthing,
# independent of the host's own Debian release (tools/stnode.py versions lists what is there):
#   - Debian's static builds, fetched as .deb through a private apt sources list and unpacked (never installed);
#   - 2.x built with the machine's Go: first from the Go module proxy (a throw-away module, see build_from_go_proxy);
#     when the proxy refuses the commit (it serves no 2.x here), from the release's source archive in
#     $SYNCTHING_SOURCES (default: shared/syncthing beside the checkout, see sources_dir), checksums verified first.
# Usage: install-syncthing.sh [VERSION ...]   (default: every version in the table below)
# Idempotent: a binary that reports its version, cached or listed in $SYNCTHING_BINARIES (colon-separated paths),
# is used without asking any registry. Exit status 3 when a version cannot be had.
set -euo pipefail
ST_DIR=${ST_DIR:-/var/cache/syncthing-rest}
GO_BUILD_LDFLAG=github.com/syncthing/syncthing/lib/build.Version
GO_MODULE=github.com/syncthing/syncthing

# The one table of versions: VERSION SOURCE WHERE
#   debian SUITE  - the syncthing package of that Debian suite (must be exactly VERSION)
#   go COMMIT     - the release tag's commit, built from the Go module proxy
VERSION_TABLE="
1.19.2 debian bookworm
1.29.5 debian trixie
2.1.1  go     6be1ff84802810ebf6ab5a5169f865333607a8a5
2.1.3  go     946e2b83a1f6c6ae119427c09e0a5802940b82ff
"

log() { printf 'install-syncthing: %s\n' "$*" >&2; }
here=$(cd "$(dirname "$0")" && pwd)

reports_version() {  # reports_version BINARY VERSION
  [ -x "$1" ] && "$1" --version 2>/dev/null | grep -qE "^syncthing v${2//./\\.}[ -]"
}

# The machine's own Debian mirror: the first archive URI of its apt sources (deb822 .sources files or
# sources.list lines) that is not the security archive. Never a host written here.
debian_mirror() {
  local files=() f
  for f in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] && files+=("$f")
  done
  [ ${#files[@]} -gt 0 ] || return 1
  awk '/^URIs:/ {for (i = 2; i <= NF; i++) print $i}
       /^deb[ \t]/ {for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i ~ /:\/\//) {print $i; break}}' "${files[@]}" \
    | grep -v -e '-security' -e '/debian-ports' | sed 's|/*$||' | head -n 1 | grep .
}

fetch_from_debian() {  # fetch_from_debian VERSION SUITE DEST
  local version=$1 suite=$2 dest=$3 d mirror
  mirror=$(debian_mirror) || { log "no Debian mirror found in the machine's apt sources (/etc/apt): cannot fetch $version"; return 3; }
  d="$ST_DIR/apt-$suite"
  rm -rf "$d" && mkdir -p "$d/lists/partial" "$d/cache/archives/partial"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $suite main" > "$d/sources.list"
  local o=(-o "Dir::Etc::SourceList=$d/sources.list" -o Dir::Etc::SourceParts=/dev/null
           -o "Dir::State::Lists=$d/lists" -o "Dir::Cache=$d/cache" -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
  apt-get "${o[@]}" -qq update
  (cd "$d" && apt-get "${o[@]}" -qq download syncthing)
  dpkg-deb -x "$d"/syncthing_*.deb "$d/root"
  install -m 0755 "$d/root/usr/bin/syncthing" "$dest"
  rm -rf "$d"
}

# A throw-away module requiring Syncthing at the tag's commit (the module path has no /v2, so Go resolves the
# commit to a pseudo-version), with the same replace lines as the tag's own go.mod, building cmd/syncthing with
# the noassets tag (no generated GUI assets) and the real version stamped in. Go's checksum database is reached
# through the module proxy, so checksums stay verified.
build_from_go_proxy() {  # build_from_go_proxy VERSION COMMIT DEST
  local version=$1 commit=$2 dest=$3 d info gomod
  command -v go >/dev/null || { log "Go is needed to build Syncthing $version"; return 3; }
  d="$ST_DIR/build-$version"
  rm -rf "$d" && mkdir -p "$d"
  (
    cd "$d"
    printf 'module syncthing-rest-build\n\ngo 1.25\n' > go.mod
    if ! info=$(go mod download -json "$GO_MODULE@$commit" 2>&1) || grep -q '"Error"' <<<"$info"; then
      log "the Go module proxy does not serve $GO_MODULE at $commit (Syncthing $version):"
      grep -o '"Error": "[^"]*' <<<"$info" | sed 's/"Error": "/  /' >&2 || printf '%s\n' "$info" >&2
      exit 3
    fi
    gomod=$(sed -n 's/^\t"GoMod": "\(.*\)",$/\1/p' <<<"$info")
    pseudo=$(sed -n 's/^\t"Version": "\(.*\)",$/\1/p' <<<"$info")
    printf 'require %s %s\n' "$GO_MODULE" "$pseudo" >> go.mod
    grep '^replace ' "$gomod" >> go.mod || true
    GOFLAGS=-mod=mod go build -trimpath -tags noassets -ldflags "-X $GO_BUILD_LDFLAG=v$version" \
      -o "$dest" "$GO_MODULE/cmd/syncthing"
  ) || return 3
  rm -rf "$d"
}

# Where the release source archives are: $SYNCTHING_SOURCES, else shared/syncthing in a folder above the checkout,
# else above the checkout it was cloned from (a clone in a temporary folder still finds them).
sources_dir() {
  local start d origin
  if [ -n "${SYNCTHING_SOURCES:-}" ]; then printf '%s\n' "$SYNCTHING_SOURCES"; return 0; fi
  origin=$(git -C "$here" config --get remote.origin.url 2>/dev/null || true)
  for start in "$here/.." "$origin"; do
    [ -n "$start" ] && [ -d "$start" ] || continue
    d=$(cd "$start" && pwd)
    while [ "$d" != / ]; do
      d=$(dirname "$d")
      [ -f "$d/shared/syncthing/SHA256SUMS" ] && { printf '%s\n' "$d/shared/syncthing"; return 0; }
    done
  done
  return 1
}

# The release's source archive (syncthing-source-vVERSION.tar.gz, checked against SHA256SUMS beside it), built as
# its README says: dependencies from the Go module proxy, no GUI assets, the version stamped in, and without cgo
# (2.1.1's go.mod replaces go-sqlite3 with a commit the proxy refuses; the pure-Go driver serves instead).
build_from_source() {  # build_from_source VERSION DEST
  local version=$1 dest=$2 src archive d
  command -v go >/dev/null || { log "Go is needed to build Syncthing $version"; return 3; }
  src=$(sources_dir) || { log "no source archive of Syncthing $version: set SYNCTHING_SOURCES=DIR (see CONTRIBUTING.md)"; return 3; }
  archive="syncthing-source-v$version.tar.gz"
  [ -f "$src/$archive" ] || { log "$src has no $archive"; return 3; }
  (cd "$src" && grep " $archive\$" SHA256SUMS | sha256sum --quiet -c -) \
    || { log "$src/$archive does not match its SHA256SUMS: not building it"; return 3; }
  d="$ST_DIR/build-$version"
  rm -rf "$d" && mkdir -p "$d"
  log "building Syncthing $version from $src/$archive (a minute or two the first time: Go downloads its dependencies)"
  tar -xzf "$src/$archive" -C "$d"
  (cd "$d/syncthing-$version" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -tags noassets \
      -ldflags "-X $GO_BUILD_LDFLAG=v$version" -o "$dest" ./cmd/syncthing) || return 3
  rm -rf "$d"
}

given_binary() {  # given_binary VERSION: the first path in $SYNCTHING_BINARIES that reports VERSION
  local path paths
  IFS=: read -r -a paths <<<"${SYNCTHING_BINARIES:-}"
  for path in "${paths[@]}"; do
    [ -n "$path" ] && reports_version "$path" "$1" && { printf '%s\n' "$path"; return 0; }
  done
  return 1
}

install_version() {  # install_version VERSION
  local version=$1 source where dest given
  read -r _ source where < <(awk -v v="$version" '$1 == v' <<<"$VERSION_TABLE")
  [ -n "${source:-}" ] || { log "unknown version $version (known: $(awk 'NF {printf "%s ", $1}' <<<"$VERSION_TABLE"))"; return 2; }
  if given=$(given_binary "$version"); then log "Syncthing $version: $given (SYNCTHING_BINARIES)"; return 0; fi
  dest="$ST_DIR/$version/syncthing"
  reports_version "$dest" "$version" && return 0
  mkdir -p "$ST_DIR/$version"
  log "fetching Syncthing $version ($source $where)"
  case $source in
    debian) fetch_from_debian "$version" "$where" "$dest" ;;
    go) build_from_go_proxy "$version" "$where" "$dest" || build_from_source "$version" "$dest" \
          || { rm -rf "${ST_DIR:?}/$version" "${ST_DIR:?}/build-$version"; return 3; } ;;
  esac
  reports_version "$dest" "$version" || { log "$dest does not report v$version: $("$dest" --version 2>&1 | head -1)"; rm -f "$dest"; return 3; }
}

main() {
  local versions=("$@") missing=() v given
  [ ${#versions[@]} -gt 0 ] || read -r -a versions <<<"$(awk 'NF {printf "%s ", $1}' <<<"$VERSION_TABLE")"
  mkdir -p "$ST_DIR"
  for v in "${versions[@]}"; do
    install_version "$v" || missing+=("$v")
  done
  for v in "${versions[@]}"; do
    if given=$(given_binary "$v"); then "$given" --version; elif [ -x "$ST_DIR/$v/syncthing" ]; then "$ST_DIR/$v/syncthing" --version; fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "NOT AVAILABLE: ${missing[*]} (make demo runs without them; make test runs on the others and names these as not tested)"
    return 3
  fi
}

main "$@"
