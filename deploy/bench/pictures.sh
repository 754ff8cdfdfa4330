#!/usr/bin/env bash
# Seed 001's GetAlbums through nginx on loopback (bounded; stops what it starts): a user with
#   50 albums, as JSON and as XML, in requests per second against the C libfcgi hello in the
#   same run (target ≥ 0.35× for JSON).
exec "$(dirname "$0")/python.sh" pictures.py "$@"
