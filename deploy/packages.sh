#!/usr/bin/env bash
# Installs the Debian packages Albumen needs, if any is missing (apt-get update once first).
# Sourced by deploy/run and deploy/test; pass extra package names for what only tests need.
ensure_packages() {
    local wanted=(pkg-config libfcgi-dev libsqlite3-dev libmagic-dev libvips-dev libsodium-dev zlib1g-dev ffmpeg nginx libnginx-mod-http-js curl "$@")
    local missing=()
    for package in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
