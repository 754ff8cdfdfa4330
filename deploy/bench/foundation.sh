#!/usr/bin/env bash
# Foundation benchmark: requests per second through nginx on loopback, all in one run, for
#   nginx serving a 1 KiB static file, a C libfcgi hello (the reference), Albumen's /healthz,
#   and a signed-in page; with each figure's ratio to the C hello.
# Bounded: DURATION seconds per scenario (default 10) x 4 scenarios x ROUNDS (3), CONNECTIONS
# (32). ALBUMEN_LOG_LEVEL (info, the default, logs every request). Stops what it starts.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
source deploy/packages.sh
ensure_packages wrk gcc
export PATH="/opt/swift/usr/bin:$PATH"
duration=${DURATION:-10}
connections=${CONNECTIONS:-32}
threads=${ALBUMEN_THREADS:-4}

# ALBUMEN_BIN measures another build (an earlier commit's, for a before-and-after).
if [ -z "${ALBUMEN_BIN:-}" ]; then swift build -c release --product albumen 2>&1 | tail -1; fi
bin=${ALBUMEN_BIN:-$(swift build -c release --show-bin-path)/albumen}
work=$(mktemp -d)
pids=()
nginx_pid=""
# nginx is stopped with SIGTERM and waited for: SIGKILL of its master left the worker
# processes running after the script had ended. The C hello never exits on SIGTERM (libfcgi's
# handler only flags a shutdown): KILL it, and Albumen with it.
cleanup() {
    if [ -n "$nginx_pid" ]; then
        kill -TERM "$nginx_pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$nginx_pid" 2>/dev/null || break; sleep 0.1; done
    fi
    for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

gcc -O2 -o "$work/hello" deploy/bench/hello.c -lfcgi -lpthread
mkdir -p "$work/public" "$work/run" "$work/data"
head -c 1024 /dev/urandom | base64 -w 0 | head -c 1024 > "$work/public/static.txt"

export ALBUMEN_DATA="$work/data" ALBUMEN_TEMPLATES="${ALBUMEN_TEMPLATES:-$root/Templates}" ALBUMEN_THREADS=$threads ALBUMEN_LOG_LEVEL=${ALBUMEN_LOG_LEVEL:-info}
"$bin" serve > "$work/albumen.out" 2>"$work/albumen.err" &
pids+=($!)
"$work/hello" "$work/hello.sock" "$threads" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -S "$work/data/albumen.sock" ] && [ -S "$work/hello.sock" ] && break; sleep 0.1; done

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
LISTEN="127.0.0.1:$port" RUN_DIR="$work/run" SOCKET="$work/data/albumen.sock" PUBLIC_DIR="$work/public" \
    deploy/render-nginx-conf \
    | sed "s|        location / {|        location = /hello { include /etc/nginx/fastcgi_params; fastcgi_pass unix:$work/hello.sock; }\n        location / {|" \
    | sed "s|access_log $work/run/nginx-access.log albumen buffer=64k flush=1s;|access_log off;|" > "$work/run/nginx.conf"
nginx -p "$work/run" -c "$work/run/nginx.conf" -g "daemon off;" >/dev/null 2>&1 &
nginx_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 50); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done

# Sign in as a benchmark user to measure a real page with a session lookup.
"$bin" user add --username bench --password "bench password" >/dev/null
jar="$work/jar"
token=$(curl -s -c "$jar" "$base/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p')
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "_csrf=$token" --data-urlencode "username=bench" \
    --data-urlencode "password=bench password" "$base/login"
session=$(awk '$6 == "albumen_session" {print $7}' "$jar")
[ -n "$session" ] || { echo "could not sign in"; exit 1; }
curl -fs -H "Cookie: albumen_session=$session" "$base/" | grep -q "Your library" || { echo "signed-in page failed"; exit 1; }

measure() {  # name, path, [header]
    local args=(-t2 -c"$connections" -d"${duration}s" --latency)
    [ -n "${3:-}" ] && args+=(-H "$3")
    wrk "${args[@]}" "$base$2" > "$work/wrk.txt"
    local rps errors
    rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
    errors=$(awk '/Non-2xx/ {print $5}' "$work/wrk.txt")
    local p99
    p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
    echo "$1 $rps ${p99:-?} ${errors:-0}"
}

rounds=${ROUNDS:-3}
echo
echo "wrk -t2 -c$connections -d${duration}s through nginx on 127.0.0.1; $threads worker threads each;"
echo "scenarios alternate over $rounds rounds and are averaged, so drift hits all of them alike"
: > "$work/results"
for round in $(seq "$rounds"); do
    measure nginx-static /static/static.txt >> "$work/results"
    measure c-libfcgi-hello /hello >> "$work/results"
    measure albumen-healthz /healthz >> "$work/results"
    measure albumen-signed-in-page / "Cookie: albumen_session=$session" >> "$work/results"
done
awk -v order="nginx-static c-libfcgi-hello albumen-healthz albumen-signed-in-page" '
    { sum[$1] += $2; n[$1]++; errors[$1] += $4; if ($3 + 0 > worst[$1] + 0) worst[$1] = $3 }
    END {
        hello = sum["c-libfcgi-hello"] / n["c-libfcgi-hello"]
        printf "\n%-24s %12s %14s %8s %12s\n", "scenario", "req/s (mean)", "worst p99", "non-2xx", "÷ C hello"
        split(order, names, " ")
        for (i = 1; i <= 4; i++) {
            name = names[i]; mean = sum[name] / n[name]
            printf "%-24s %12.0f %14s %8d %12.2f\n", name, mean, worst[name], errors[name], mean / hello
        }
    }' "$work/results"
echo
# The peak includes argon2id's 64 MiB working memory from the sign-in above.
echo "Albumen memory: $(awk '/VmRSS/ {print $2, $3}' /proc/"${pids[0]}"/status) resident now," \
    "$(awk '/VmHWM/ {print $2, $3}' /proc/"${pids[0]}"/status) peak"
