#!/usr/bin/env bash
# Media benchmark through nginx on loopback (bounded; stops what it starts):
#   upload latency p50 of a 12-megapixel JPEG vs libvips thumbnailing it in process (target ≤ 1.5×),
#   uploads per second with 2 clients, Albumen's peak RSS while a 1 GB video uploads (< 100 MB),
#   signed media fetches per second vs a C libfcgi hello in the same run (≥ 0.8×).
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/packages.sh
ensure_packages wrk gcc libvips-tools python3-venv
export PATH="/opt/swift/usr/bin:$PATH"
swift build -c release --product albumen 2>&1 | tail -1
venv=.build/venv
[ -x "$venv/bin/python" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q pytest requests; }
ALBUMEN_BIN="$(swift build -c release --show-bin-path)/albumen" "$venv/bin/python" deploy/bench/media.py "$@"
