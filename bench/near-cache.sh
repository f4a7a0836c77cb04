#!/usr/bin/env bash
# Warm req/s on the memory adapter, on Redis, and on Redis with the near tier: three gateways (the same
# jar) side by side against one Spotify stand-in (signed-in Bearer user, 10 ms per call) and one
# private redis-server, loaded in turns with wrk (8 connections) round after round, so that the
# machine's noise falls on all of them alike. Two queries: one playlist of 100 tracks with album and
# artists, and 50 playlists x 100 tracks. Prints req/s and p50/p99 per round and the medians.
# docs/benchmarks.md, "Near cache", has the results.
#
#   bench/near-cache.sh [ROUNDS] [SECONDS]
#   QUERIES=fifty100 bench/near-cache.sh 3 30     one query only (on a busy machine 50 x 100 wants longer runs)
#
# Needs java 17+, wrk, curl, redis-server. Build first:
#   ./mvnw -B -q -DskipTests package
#   ./mvnw -B -q -pl adapters/spotify -am test-compile dependency:build-classpath \
#       -Dmdep.outputFile=target/standin-cp.txt -Dmdep.includeScope=test
set -euo pipefail

cd "$(dirname "$0")/.."
rounds=${1:-3}
seconds=${2:-10}
jar=${JAR:-app/target/playlist-gateway.jar}
cp_file=adapters/spotify/target/standin-cp.txt

for tool in java wrk curl redis-server redis-cli; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }
done
[[ -f $jar && -f $cp_file ]] || { echo "build first (see the top of this script)" >&2; exit 1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    port_in_use "$port" || { echo "$port"; return; }
  done
  return 1
}
await_http() { for _ in $(seq 1 240); do curl -sf -o /dev/null "$1" && return; sleep 0.5; done; echo "no answer from $1" >&2; exit 1; }

out=$(mktemp -d /tmp/near-cache.XXXXXX)
pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap stop EXIT

standin_port=$(free_port)
java -cp "adapters/spotify/target/test-classes:adapters/spotify/target/classes:$(cat "$cp_file")" \
    dev.playlistgateway.adapter.spotify.SpotifyStandIn --port="$standin_port" --latency-ms=10 >"$out/standin.log" 2>&1 &
pids+=($!)
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no >"$out/redis.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done

names=(memory redis near)
declare -A extra=([memory]="CACHE_ADAPTER=memory" [redis]="CACHE_NEAR_ENABLED=false" [near]="CACHE_NEAR_ENABLED=true")
declare -A port gateway_pid
for name in "${names[@]}"; do
  port[$name]=$(free_port)
  # every gateway its own key prefix: the Redis ones must not warm each other
  # shellcheck disable=SC2086
  env MICRONAUT_SERVER_PORT="${port[$name]}" SPOTIFY_CLIENT_ID=x SPOTIFY_CLIENT_SECRET=y SPOTIFY_API_MODE=extended \
      SPOTIFY_API_URL="http://127.0.0.1:$standin_port" SPOTIFY_ACCOUNTS_URL="http://127.0.0.1:$standin_port" \
      REDIS_URI="redis://127.0.0.1:$redis_port" CACHE_REDIS_KEY_PREFIX="$name:" GATEWAY_SECURITY_TOKEN_KEY="$(head -c32 /dev/zero | base64)" \
      ${extra[$name]} java @app/jvm.options -jar "$jar" >"$out/$name.log" 2>&1 &
  pids+=($!)
  gateway_pid[$name]=$!
done
for name in "${names[@]}"; do await_http "http://127.0.0.1:${port[$name]}/health"; done

token=token-user0
ask() { curl -sf -XPOST -H 'Content-Type: application/json' -H "Authorization: Bearer $token" --data "$2" "http://127.0.0.1:$1/graphql"; }
playlist=$(ask "${port[memory]}" '{"query":"{ me { playlists(first: 1) { nodes { spotifyId } } } }"}' \
    | sed -E 's/.*"spotifyId":"([^"]+)".*/\1/')
declare -A body=(
  [one100]="{\"query\":\"{ playlist(id: \\\"$playlist\\\") { name tracks(first: 100) { edges { track { name album { name } artists { name } } } } } }\"}"
  [fifty100]='{"query":"{ me { playlists(first: 50) { nodes { name tracks(first: 100) { edges { track { name album { name } artists { name } } } } } } } }"}'
)
read -r -a queries <<<"${QUERIES:-one100 fifty100}"
for q in "${queries[@]}"; do
  cat >"$out/$q.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
wrk.body = [[${body[$q]}]]
LUA
done

# Warm each cache and JIT: the queries cold until answered without errors (a busy machine may time out
# the first upstream reads), then load, unmeasured; then check the warm answers' data agree.
data() { sed -E 's/,"extensions":\{"cache":\{[^}]*\}\}\}$/}/' "$1"; }
for name in "${names[@]}"; do
  for q in "${queries[@]}"; do
    for _ in $(seq 1 10); do
      ask "${port[$name]}" "${body[$q]}" >"$out/$name.$q.json" || true
      grep -q '"errors"' "$out/$name.$q.json" || break
    done
    wrk -t2 -c8 -d10s -s "$out/$q.lua" "http://127.0.0.1:${port[$name]}/graphql" >/dev/null
    ask "${port[$name]}" "${body[$q]}" >"$out/$name.$q.json"
  done
done
for q in "${queries[@]}"; do
  for name in "${names[@]}"; do
    if grep -q '"errors"' "$out/$name.$q.json"; then echo "$name answers $q with errors: $(head -c 300 "$out/$name.$q.json")" >&2; exit 1; fi
  done
  cmp -s <(data "$out/memory.$q.json") <(data "$out/redis.$q.json") && cmp -s <(data "$out/memory.$q.json") <(data "$out/near.$q.json") \
    || echo "warning: the answers to $q differ between gateways" >&2
  echo "$q: $(wc -c <"$out/memory.$q.json") bytes; warm: $(grep -o '"extensions".*' "$out/near.$q.json")"
done

# wrk stops at the deadline, but the gateway goes on with the requests in flight (a 50 x 100 answer
# takes seconds on a busy machine): wait until it is idle, or its backlog would load the next one measured.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
settle() {
  local before after
  for _ in $(seq 1 60); do
    before=$(cpu_ticks "$1"); sleep 1; after=$(cpu_ticks "$1")
    (( after - before < 10 )) && return   # under a tenth of a core
  done
}
declare -A rps
for round in $(seq 1 "$rounds"); do
  # a different gateway first in each round
  order=("${names[@]:$(( (round - 1) % 3 ))}" "${names[@]:0:$(( (round - 1) % 3 ))}")
  for q in "${queries[@]}"; do
    for name in "${order[@]}"; do
      for other in "${names[@]}"; do settle "${gateway_pid[$other]}"; done
      report=$(wrk -t2 -c8 -d"${seconds}s" --timeout 30s --latency -s "$out/$q.lua" "http://127.0.0.1:${port[$name]}/graphql")
      r=$(awk '/Requests\/sec/ {print $2}' <<<"$report")
      p50=$(awk '$1 == "50%" {print $2}' <<<"$report")
      p99=$(awk '$1 == "99%" {print $2}' <<<"$report")
      errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$report")
      rps[$q.$name]+="$r "
      echo "round $round $q $name: $r req/s, p50 $p50, p99 $p99 $errors"
    done
  done
done
median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo
for q in "${queries[@]}"; do
  m=$(median "${rps[$q.memory]}"); r=$(median "${rps[$q.redis]}"); n=$(median "${rps[$q.near]}")
  echo "$q median req/s: memory $m, redis $r, redis+near $n; memory/redis $(awk "BEGIN {printf \"%.2f\", $m / $r}")x, memory/near $(awk "BEGIN {printf \"%.2f\", $m / $n}")x"
done
echo "stand-in calls, all gateways, cold included: $(curl -sf "http://127.0.0.1:$standin_port/__standin/calls" || echo '?')"
echo "near tier: $(curl -sf "http://127.0.0.1:${port[near]}/prometheus" | grep -E '^gateway_cache_near_(hits|misses)_total' | tr '\n' ' ')"
echo "logs: $out"
