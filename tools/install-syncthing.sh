#!/usr/bin/env bash
# Install the two Syncthing versions the tests run against:
#   1.19.2 from Debian 12 (apt, when missing) and 1.29.5 from Debian 13's package,
#   fetched through a private apt sources list and unpacked under $ST_DIR (never installed).
# Prints nothing on success besides apt's own output; idempotent.
set -euo pipefail
ST_DIR=${ST_DIR:-/var/cache/syncthing-rest}
mkdir -p "$ST_DIR"

if ! command -v syncthing >/dev/null 2>&1; then
  if [ ! -f "$ST_DIR/.apt-updated" ]; then apt-get update -q && touch "$ST_DIR/.apt-updated"; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q syncthing
fi

if [ ! -x "$ST_DIR/trixie/root/usr/bin/syncthing" ]; then
  D="$ST_DIR/trixie"
  rm -rf "$D" && mkdir -p "$D/lists/partial"
  echo 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main' > "$D/sources.list"
  o=(-o "Dir::Etc::SourceList=$D/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$D/lists")
  apt-get "${o[@]}" update -q
  (cd "$D" && apt-get "${o[@]}" download syncthing)
  dpkg-deb -x "$D"/syncthing_*.deb "$D/root"
fi
"$(command -v syncthing)" --version
"$ST_DIR/trixie/root/usr/bin/syncthing" --version
