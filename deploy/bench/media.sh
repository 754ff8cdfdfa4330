#!/usr/bin/env bash
# Media benchmark through nginx on loopback (bounded; stops what it starts):
#   upload latency p50 of a 12-megapixel JPEG vs libvips thumbnailing it in process (target ≤ 1.5×),
#   uploads per second with 2 clients, Albumen's peak RSS while a 1 GB video uploads (< 100 MB),
#   signed media fetches per second vs a C libfcgi hello in the same run (≥ 0.8×), and vs nginx
#   serving the same thumbnail as a static file (≥ 0.7×; nginx checks the signature itself).
exec "$(dirname "$0")/python.sh" media.py "$@"
