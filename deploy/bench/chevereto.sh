#!/usr/bin/env bash
# Chevereto API uploads per second (1 MB JPEG, 2 clients, through nginx) beside the native
# pipeline's figure from the same run. Bounded; stops what it starts.
exec "$(dirname "$0")/python.sh" chevereto.py "$@"
