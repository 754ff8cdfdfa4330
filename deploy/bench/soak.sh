#!/usr/bin/env bash
# Soak: deploy/bench/soak.sh [MINUTES] (default 10). A mixed load through nginx — pages, uploads
#   and listings in three dialects, signed media fetches, sign-ins, hostile requests — while
#   Albumen's RSS, open descriptors and threads are sampled every 10 s, and once a minute at a
#   quiet moment (the clients pause until nothing is in flight). Fails on any 5xx or refused
#   connection, and on quiet RSS or descriptors growing by more than 10 % from the second
#   minute to the end (on a least-squares trend line). Prints the samples and p50/p99 latency
#   per kind.
exec "$(dirname "$0")/python.sh" soak.py "$@"
