#!/usr/bin/env bash
# Scale benchmark through nginx on loopback (bounded; stops what it starts): `albumen bench seed`
#   makes libraries of 1 k items (in albums of 100, and in 1 200 albums so lists of albums and
#   shares fill a first page) and one of 1 M (SCALE_SIZES=items:albums,…), and the same
#   requests run on each — the library's first page and one 90% deep, an album page of 100,
#   shared-with-me, every dialect's listings, the WebAPI's whole photo list (time, peak RSS),
#   startup, sweep, check — printing the 1 M figure ÷ the like-for-like 1 k figure (target ≤ 1.2 for paged
#   requests). About ten minutes, most of it seeding the million.
exec "$(dirname "$0")/python.sh" scale.py "$@"
