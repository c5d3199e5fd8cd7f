#!/usr/bin/env bash
# Installs what Edgewise needs on Debian 12 / Ubuntu: the C libraries the package links against
# and, when no Swift 6.1+ toolchain is found, the official swift.org toolchain for Debian 12
# (verified against swift.org's signing keys) into /opt/swift, linked into /usr/local/bin.
set -euo pipefail

# The toolchain installed when none is present; any Swift 6.1 or newer already on PATH is used as is.
swift_version="${EDGEWISE_SWIFT_VERSION:-6.3.1}"
swift_prefix="${EDGEWISE_SWIFT_PREFIX:-/opt/swift}"

if [[ $(id -u) -eq 0 ]]; then sudo=(); else sudo=(sudo); fi

packages=(pkg-config ca-certificates libsqlite3-dev zlib1g-dev libsecp256k1-dev libbotan-2-dev)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [[ -x "$swift_prefix/usr/bin/swift" ]] && ! command -v swift >/dev/null 2>&1; then
    export PATH="$swift_prefix/usr/bin:$PATH"
fi

install_swift() {
    local platform="debian12" url name work
    . /etc/os-release 2>/dev/null || true
    if [[ "${ID:-}" != "debian" || "${VERSION_ID:-}" != "12" ]]; then
        echo "setup: no Swift found, and automatic installation covers Debian 12 only (this is ${PRETTY_NAME:-unknown})." >&2
        echo "       Install Swift 6.1 or newer (https://www.swift.org/install/linux/), then run this script again." >&2
        exit 1
    fi
    [[ $(uname -m) == "aarch64" ]] && platform="debian12-aarch64"
    name="swift-${swift_version}-RELEASE-debian12${platform#debian12}"
    url="https://download.swift.org/swift-${swift_version}-release/${platform}/swift-${swift_version}-RELEASE/${name}.tar.gz"
    echo "setup: installing Swift ${swift_version} into ${swift_prefix} (from ${url})"
    # The toolchain's own runtime needs (swift.org's Debian 12 list), plus the tools to fetch and verify it.
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
        binutils gcc git libc6-dev libcurl4-openssl-dev libedit-dev libicu-dev libncurses-dev libpython3-dev \
        libstdc++-12-dev libxml2-dev tzdata uuid-dev curl gnupg
    work=$(mktemp -d)
    trap 'rm -rf "$work"' RETURN
    curl -fsSL --retry 3 -o "$work/swift.tar.gz" "$url"
    curl -fsSL --retry 3 -o "$work/swift.tar.gz.sig" "$url.sig"
    curl -fsSL --retry 3 -o "$work/keys.asc" "https://www.swift.org/keys/all-keys.asc"
    mkdir -m 700 "$work/gnupg"
    GNUPGHOME="$work/gnupg" gpg --batch --quiet --import "$work/keys.asc"
    GNUPGHOME="$work/gnupg" gpg --batch --quiet --verify "$work/swift.tar.gz.sig" "$work/swift.tar.gz"
    "${sudo[@]}" mkdir -p "$swift_prefix"
    "${sudo[@]}" tar -xzf "$work/swift.tar.gz" --strip-components=1 -C "$swift_prefix"
    # Links rather than a PATH edit, so the README's next command finds `swift` in this same shell.
    for tool in swift swiftc; do
        [[ -e /usr/local/bin/$tool ]] || "${sudo[@]}" ln -s "$swift_prefix/usr/bin/$tool" "/usr/local/bin/$tool"
    done
    export PATH="$swift_prefix/usr/bin:$PATH"
}

if ! command -v swift >/dev/null 2>&1; then
    install_swift
fi
echo "setup: ready ($(swift --version 2>/dev/null | head -n 1))"
