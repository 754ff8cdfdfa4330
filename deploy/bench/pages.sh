#!/usr/bin/env bash
# Album page benchmark through nginx on loopback (bounded; stops what it starts): a signed-in
#   album page of 100 photos vs the C libfcgi hello in the same run (target ≥ 0.10×), and the
#   page's own HTML + CSS + JS weight (target under 60 KB).
exec "$(dirname "$0")/python.sh" pages.py "$@"
