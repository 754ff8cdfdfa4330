#!/usr/bin/env bash
# Album page benchmark through nginx on loopback (bounded; stops what it starts): a signed-in
#   album page of 100 photos vs the C libfcgi hello in the same run (target ≥ 0.10×), and the
#   page's own HTML + CSS + JS weight (target under 60 KB).
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/packages.sh
ensure_packages wrk gcc libvips-tools python3-venv
export PATH="/opt/swift/usr/bin:$PATH"
swift build -c release --product albumen 2>&1 | tail -1
venv=.build/venv
[ -x "$venv/bin/python" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q pytest requests; }
ALBUMEN_BIN="$(swift build -c release --show-bin-path)/albumen" "$venv/bin/python" deploy/bench/pages.py "$@"
