#!/usr/bin/env bash
# JSON listings through nginx on loopback (bounded; stops what it starts): each dialect's
#   listing of 100 items in requests per second against the C libfcgi hello in the same run
#   (target ≥ 0.25× for the WebAPI photo list).
exec "$(dirname "$0")/python.sh" listings.py "$@"
