#!/usr/bin/env bash
# Soak: deploy/bench/soak.sh [MINUTES] (default 10). A mixed load through nginx — pages, uploads
#   and listings in every dialect, signed media fetches, sign-ins, hostile requests — while
#   Albumen's RSS, open descriptors and threads are sampled every 10 s. Fails on any 5xx or
#   refused connection, and on RSS or descriptors growing by more than 10 % from the second
#   minute to the last (medians of each minute's samples). Prints p50/p99 latency per kind and the samples.
exec "$(dirname "$0")/python.sh" soak.py "$@"
