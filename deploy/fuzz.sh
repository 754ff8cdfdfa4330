#!/usr/bin/env bash
# deploy/fuzz.sh TARGET SECONDS [libFuzzer flags…] — runs one libFuzzer target (or `all`, each
# for SECONDS) over its committed seeds in Fuzz/Corpus/TARGET and what earlier runs found.
# Builds once, in release with AddressSanitizer, into .build-fuzz. Exits non-zero on a finding;
# the input that broke it is left in .build-fuzz/findings/ (replay: deploy/fuzz.sh TARGET 0 FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
if [ $# -lt 2 ]; then
    echo "usage: deploy/fuzz.sh TARGET|all SECONDS [libFuzzer flags…]" >&2
    exit 2
fi
target=$1 seconds=$2
shift 2
export PATH="/opt/swift/usr/bin:$PATH"
scratch="$root/.build-fuzz"
# lld: gold fails on the fuzz binary (an internal error while reporting its own `main`).
build=(swift build -c release --scratch-path "$scratch" --product albumen-fuzz
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing -Xswiftc -use-ld=lld)
ALBUMEN_FUZZ=1 "${build[@]}" >&2
bin="$(ALBUMEN_FUZZ=1 "${build[@]}" --show-bin-path)/albumen-fuzz"

run() {
    local name=$1
    shift
    mkdir -p "$scratch/corpus/$name" "$scratch/findings"
    echo "== fuzz $name for ${seconds} s" >&2
    # Swift's backtracer would spend minutes symbolicating each crash; ASan reports it already.
    ALBUMEN_FUZZ_TARGET=$name SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=1 "$bin" \
        -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$scratch/findings/$name-" "$@" "$scratch/corpus/$name" "$root/Fuzz/Corpus/$name"
}

if [ "$target" = all ]; then
    for dir in "$root"/Fuzz/Corpus/*/; do run "$(basename "$dir")" "$@"; done
elif [ "$seconds" = 0 ] && [ $# -gt 0 ]; then
    # Replay: run the given inputs once each.
    mkdir -p "$scratch/findings"
    ALBUMEN_FUZZ_TARGET=$target SWIFT_BACKTRACE=enable=no "$bin" "$@"
else
    run "$target" "$@"
fi
