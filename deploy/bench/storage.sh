#!/usr/bin/env bash
# Storage benchmark through nginx on loopback, local disk vs S3 (a weed mini) in one run
# (bounded; stops what it starts): 12 MP upload p50, cold thumbnail fetch p50 (from the store),
# warm signed thumbnail fetches per second (nginx's proxy_cache on S3; target ≥ 0.8× local),
# each beside the C libfcgi hello.
exec "$(dirname "$0")/python.sh" storage.py "$@"
