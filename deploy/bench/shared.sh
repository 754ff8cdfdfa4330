#!/usr/bin/env bash
# Seed 000 through nginx on loopback (bounded; stops what it starts): GET /v2/albums/{id} of a
#   50-item album shared with the caller, in requests per second against the C libfcgi hello in
#   the same run (target ≥ 0.30×).
exec "$(dirname "$0")/python.sh" shared.py "$@"
