#!/usr/bin/env bash
# Memory soak: runs the jar in demo mode under mixed GraphQL load (wrk, bench/mixed.lua) for a fixed
# time and samples the process every few seconds: resident memory (VmRSS), the heap after the last GC
# (from the JVM's GC log), the committed heap, and the thread count. Prints the curve as a Markdown
# table and a summary. docs/benchmarks.md, "Memory under a soak", has results and how to read them.
#
#   bench/soak.sh [MINUTES] [CONNECTIONS] [-- JVM OPTIONS...]
#
#   bench/soak.sh                      10 minutes, 16 connections, the run command's flags (@app/jvm.options)
#   bench/soak.sh 10 16 --             the same load on the JVM's own defaults (no flags)
#   bench/soak.sh 3 16 -- -Xmx512m     any other flags
#
# Environment: JAR (app/target/playlist-gateway.jar), INTERVAL (10 seconds between samples),
# WARMUP (120 seconds: the summary compares the end with this point), DEMO_LATENCY (10ms per catalogue
# call, as a network round trip would cost), PORT (a free one), OUT (a new folder under /tmp), NMT=1
# to add Native Memory Tracking and save `jcmd VM.native_memory summary` at the end.
# Needs java 17+, wrk (apt-get install wrk) and curl. Build the jar first:
#   ./mvnw -B -q -DskipTests clean package
set -euo pipefail

cd "$(dirname "$0")/.."
minutes=${1:-10}
connections=${2:-16}
jvm_options=("@app/jvm.options")
if [[ $# -ge 3 && $3 == "--" ]]; then
  jvm_options=("${@:4}")
elif [[ $# -ge 3 ]]; then
  echo "usage: $0 [MINUTES] [CONNECTIONS] [-- JVM OPTIONS...]" >&2
  exit 2
fi
jar=${JAR:-app/target/playlist-gateway.jar}
interval=${INTERVAL:-10}
warmup=${WARMUP:-120}
latency=${DEMO_LATENCY:-10ms}
out=${OUT:-$(mktemp -d /tmp/soak.XXXXXX)}
mkdir -p "$out"

for tool in java wrk curl; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (wrk: apt-get install wrk)" >&2; exit 1; }
done
[[ -f $jar ]] || { echo "no $jar: build it with ./mvnw -B -q -DskipTests clean package" >&2; exit 1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=${PORT:-}
if [[ -z $port ]]; then
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    port_in_use "$port" || break
  done
fi

extra=(-Xlog:gc:file="$out/gc.log")
[[ ${NMT:-0} == 1 ]] && extra+=(-XX:NativeMemoryTracking=summary)

MICRONAUT_SERVER_PORT=$port DEMO_LATENCY=$latency \
  java "${jvm_options[@]}" "${extra[@]}" -jar "$jar" >"$out/gateway.log" 2>&1 &
pid=$!
wrk_pid=
stop() {
  [[ -n $wrk_pid ]] && kill "$wrk_pid" 2>/dev/null || true
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
trap stop EXIT

for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  kill -0 "$pid" 2>/dev/null || { echo "the gateway did not start: $out/gateway.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/health" >/dev/null || { echo "the gateway did not answer /health: $out/gateway.log" >&2; exit 1; }

rss_mib() { awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$pid/status"; }
threads() { awk '/^Threads/ { print $2 }' "/proc/$pid/status"; }
# "GC(12) Pause Young (Normal) (G1 Evacuation Pause) 120M->45M(256M) 3.4ms": 45 after, 256 committed
last_gc() { grep -E 'Pause (Young|Full)' "$out/gc.log" 2>/dev/null | tail -1 | sed -E 's/.*->([0-9]+)M\(([0-9]+)M\).*/\1 \2/'; }

{
  echo "# soak: $minutes min, $connections connections, mixed load (bench/mixed.lua), demo mode, $latency per catalogue call"
  shown_options="${jvm_options[*]}"
  echo "# jvm options: ${shown_options:-none, the JVM defaults}"
  echo "# $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $(java -version 2>&1 | head -1)"
  echo "# load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# rss before load: $(rss_mib) MiB, $(threads) threads"
  echo
  echo "| s | RSS MiB | heap after GC MiB | heap committed MiB | threads |"
  echo "|---:|---:|---:|---:|---:|"
} | tee "$out/samples.md"

wrk -t2 -c"$connections" -d"${minutes}m" --timeout 30s -s bench/mixed.lua "http://127.0.0.1:$port" >"$out/wrk.txt" 2>&1 &
wrk_pid=$!
start=$(date +%s)
while kill -0 "$wrk_pid" 2>/dev/null; do
  sleep "$interval"
  kill -0 "$pid" 2>/dev/null || { echo "the gateway died: $out/gateway.log" >&2; exit 1; }
  read -r after committed <<<"$(last_gc)" || true
  echo "| $(( $(date +%s) - start )) | $(rss_mib) | ${after:--} | ${committed:--} | $(threads) |" | tee -a "$out/samples.md"
done
wait "$wrk_pid" || true
wrk_pid=

[[ ${NMT:-0} == 1 ]] && jcmd "$pid" VM.native_memory summary scale=MB >"$out/nmt.txt" 2>&1 || true
{
  echo
  echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  awk -v warmup="$warmup" -F'|' '
    $2 ~ /^ *[0-9]+ *$/ {
      t = $2 + 0; rss = $3 + 0
      if (rss > max) max = rss
      if (t <= warmup) atWarmup = rss
      last = rss; lastT = t
    }
    END { printf "# RSS: %d MiB at %d s (end of warm-up), %d MiB at the end (%d s): %+d MiB; highest %d MiB\n",
                 atWarmup, warmup, last, lastT, last - atWarmup, max }' "$out/samples.md"
  grep -E 'requests in|Requests/sec|failed answers|Socket errors|Non-2xx' "$out/wrk.txt" | sed 's/^ */# wrk: /'
  echo "# files: $out"
} | tee -a "$out/samples.md"
