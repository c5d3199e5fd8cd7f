#!/usr/bin/env bash
# Installs what Edgewise needs on Debian 12 / Ubuntu: the C libraries the package links against.
# The Swift toolchain itself (6.1 or newer) must already be on PATH; see https://www.swift.org/install/.
set -euo pipefail

packages=(pkg-config ca-certificates libsqlite3-dev zlib1g-dev libsecp256k1-dev libbotan-2-dev)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    if [[ $(id -u) -eq 0 ]]; then sudo=(); else sudo=(sudo); fi
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [[ -x /opt/swift/usr/bin/swift ]] && ! command -v swift >/dev/null 2>&1; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi
if ! command -v swift >/dev/null 2>&1; then
    echo "setup: Swift is not installed. Install Swift 6.1 or newer (https://www.swift.org/install/linux/, e.g. with swiftly)," >&2
    echo "       then run this script again." >&2
    exit 1
fi
echo "setup: ready ($(swift --version 2>/dev/null | head -n 1))"
