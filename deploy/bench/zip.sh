#!/usr/bin/env bash
# ZIP download benchmark through nginx on loopback (bounded; stops what it starts): an album of
#   about 1 GB of photos downloaded as one streamed ZIP, with Albumen's peak RSS while it streams
#   (target under 64 MB) and its throughput against nginx sending a static file of the same size
#   in the same run.
exec "$(dirname "$0")/python.sh" zip.py "$@"
