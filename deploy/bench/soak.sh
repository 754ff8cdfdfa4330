#!/usr/bin/env bash
# Soak: deploy/bench/soak.sh [MINUTES] (default 10). A mixed load through nginx — pages, uploads
#   and listings in three dialects, signed media fetches, sign-ins, hostile requests — while
#   Albumen's RSS (the lowest of each 10 s, read every half second), open descriptors and
#   threads are sampled. Fails on any 5xx or refused connection, and on RSS or descriptors
#   growing by more than 10 % from the second minute to the end (on a least-squares trend
#   line). Prints the samples and p50/p99 latency per kind.
exec "$(dirname "$0")/python.sh" soak.py "$@"
