#!/usr/bin/env bash
# Search benchmark through nginx on loopback (bounded; stops what it starts): a library of
#   ITEMS rows (default 100 000, many sharing one real blob) searched by word, tag, camera,
#   year and month: the server time of each answer from Albumen's request log (target under
#   5 ms), and the search page's rate against the C libfcgi hello in the same run.
exec "$(dirname "$0")/python.sh" search.py "$@"
