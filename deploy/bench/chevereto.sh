#!/usr/bin/env bash
# Chevereto API uploads per second (1 MB JPEG, 2 clients, through nginx) beside the native
# pipeline's figure from the same run. Bounded; stops what it starts.
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/packages.sh
ensure_packages python3-venv
export PATH="/opt/swift/usr/bin:$PATH"
swift build -c release --product albumen 2>&1 | tail -1
venv=.build/venv
[ -x "$venv/bin/python" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q pytest requests; }
ALBUMEN_BIN="$(swift build -c release --show-bin-path)/albumen" "$venv/bin/python" deploy/bench/chevereto.py "$@"
