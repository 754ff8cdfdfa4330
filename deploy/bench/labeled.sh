#!/usr/bin/env bash
# Seed 002's getPhotos through nginx on loopback (bounded; stops what it starts): an album of
#   50 labelled photos, in requests per second against the C libfcgi hello in the same run
#   (target ≥ 0.30×).
exec "$(dirname "$0")/python.sh" labeled.py "$@"
