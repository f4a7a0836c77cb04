#!/usr/bin/env bash
# What tracing costs a warm query: runs two (or three) gateways side by side in demo mode and loads them in
# turns with the same warm query (hey, 8 connections), round after round, so that the machine's noise
# falls on all of them alike. Prints requests/s and p50 per round and the medians, and the ratios to the
# first jar. docs/operations.md, "Traces", has the results.
#
#   BEFORE=/path/to/old/playlist-gateway.jar bench/tracing-overhead.sh [ROUNDS] [SECONDS]
#
#   BEFORE   a jar built without tracing (the baseline), e.g. from a checkout of an older commit
#   AFTER    this build's jar (app/target/playlist-gateway.jar), tracing off (no OTLP endpoint)
#   ON=1     also this jar with tracing on: spans made for every request, exported nowhere
#            (MICRONAUT_OTEL_ENABLED=true, OTEL_TRACES_EXPORTER=none), to see what making spans costs
#
# Needs java 17+, hey (apt-get install hey) and curl. Build the jar first: ./mvnw -B -q -DskipTests clean package
set -euo pipefail

cd "$(dirname "$0")/.."
rounds=${1:-5}
seconds=${2:-10}
before=${BEFORE:?set BEFORE to the baseline jar}
after=${AFTER:-app/target/playlist-gateway.jar}
query='{"query":"{ me { playlists { nodes { name tracks { edges { track { name } } } } } } }"}'

for tool in java hey curl; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (hey: apt-get install hey)" >&2; exit 1; }
done

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    port_in_use "$port" || { echo "$port"; return; }
  done
  return 1
}

names=(before off)
jars=("$before" "$after")
envs=("" "")
if [[ ${ON:-0} == 1 ]]; then
  names+=(on)
  jars+=("$after")
  envs+=("MICRONAUT_OTEL_ENABLED=true OTEL_TRACES_EXPORTER=none")
fi

pids=()
ports=()
out=$(mktemp -d /tmp/tracing-overhead.XXXXXX)
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap stop EXIT

for i in "${!names[@]}"; do
  port=$(free_port)
  ports+=("$port")
  # shellcheck disable=SC2086
  env MICRONAUT_SERVER_PORT="$port" ${envs[$i]} java @app/jvm.options -jar "${jars[$i]}" >"$out/${names[$i]}.log" 2>&1 &
  pids+=($!)
done
for i in "${!names[@]}"; do
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "http://127.0.0.1:${ports[$i]}/health" && break
    sleep 0.5
  done
  # Warm the cache and the JIT: the same query, unmeasured.
  hey -z 20s -c 8 -m POST -T application/json -d "$query" "http://127.0.0.1:${ports[$i]}/graphql" >/dev/null
done

declare -A rps p50
for round in $(seq 1 "$rounds"); do
  for i in "${!names[@]}"; do
    report=$(hey -z "${seconds}s" -c 8 -m POST -T application/json -d "$query" "http://127.0.0.1:${ports[$i]}/graphql")
    r=$(awk '/Requests\/sec/ {print $2}' <<<"$report")
    p=$(awk '/ 50% in/ {print $3 * 1000}' <<<"$report")
    rps[${names[$i]}]+="$r "
    p50[${names[$i]}]+="$p "
    echo "round $round ${names[$i]}: $r req/s, p50 $p ms"
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
base_rps=$(median <<<"${rps[before]}")
base_p50=$(median <<<"${p50[before]}")
echo
echo "| gateway | median req/s | median p50 ms | req/s vs before | p50 vs before |"
echo "|---|---:|---:|---:|---:|"
for name in "${names[@]}"; do
  r=$(median <<<"${rps[$name]}")
  p=$(median <<<"${p50[$name]}")
  echo "| $name | $r | $p | $(awk -v a="$r" -v b="$base_rps" 'BEGIN {printf "%.3f", a / b}') | $(awk -v a="$p" -v b="$base_p50" 'BEGIN {printf "%.3f", a / b}') |"
done
echo "(logs: $out)"
