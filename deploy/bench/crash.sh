#!/usr/bin/env bash
# Crash safety: `albumen serve` killed with SIGKILL at random moments (KILLS, default 100) while
#   clients upload through three dialects, delete and move; after each restart the database's
#   integrity, every acknowledged upload byte for byte, no row without its files, no file without
#   a row after a sweep, no temp file. Prints kills, acknowledged, found, lost (must be 0).
exec "$(dirname "$0")/python.sh" crash.py "$@"
