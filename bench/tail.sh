#!/usr/bin/env bash
# The tail of /e at a steady rate with the projector keeping up, against webdis at the same rate (issue 18's goal:
# the gateway's p99 <= 5 ms at half of its maximum rate, the projector running).
#
# bench/peer.sh's steady phase runs the gateway as shipped: above ingest.busyAbove projection yields to intake until
# it is ingest.maxLagSeconds (300 s) behind, so in its 30-s rounds projection is paused and the tail is the intake's
# alone. Here the gateway runs with ingest.maxLagSeconds: MAX_LAG (5), so projection stays within 5 s of intake and
# does its share of the work in every measured second: the backlog is printed as each measured window starts and
# ends, and holds flat when projection keeps up. webdis (Debian's; each PUT one XADD, nothing projected) gets the
# same load, in alternating rounds, each server on its own redis-server with AOF everysec (docker/compose.yaml).
#
# The rate is half of the gateway's maximum with projection keeping up, measured first as bench/speed-to-lead.sh
# measures it (wrk -t1 -c48 for 8 s after 10 s of warm-up, over the time until the backlog drained), or RATE.
# bench/ConstantRate.java sends at that rate whatever the answers do and times each request from when it was due.
# Prints per round p50 / p90 / p99 / p99.9 / max, and the CPU the server and its Redis spent per event in the
# measured window (ConstantRate's own is the same for both), then the medians.
#
#   bench/tail.sh                          # 3 rounds each of 30 s after 30 s of warm-up; about 8 minutes
#   RATE=3650 ROUNDS=5 bench/tail.sh
#   MAX_LAG=300 bench/tail.sh              # the shipped setting: projection yields for the whole round
#   GATEWAY_JAR=/tmp/old.jar bench/tail.sh # another build, same script
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/common.sh
. bench/common.sh

ROUNDS=${ROUNDS:-3}
MEASURED=${MEASURED:-30}
WARMUP=${WARMUP:-30}
MAX_LAG=${MAX_LAG:-5}
CONNECTIONS=${CONNECTIONS:-48}
RATE=${RATE:-}
JAR=${GATEWAY_JAR:-target/leadgate.jar}

need_tools wrk redis-server curl webdis
[ -f "$JAR" ] || mvn -q -o -DskipTests package

WORK=$(mktemp -d /tmp/leadgate-tail.XXXXXX)
PIDS=()
trap cleanup EXIT

start_redis gateway GW_REDIS
start_redis webdis WD_REDIS
sed "s/^ingest:/ingest:\n  maxLagSeconds: $MAX_LAG/" bench/collect.yaml > "$WORK/gateway.yaml"
GW_PORT=$(free_port)
# shellcheck disable=SC2086
LEADGATE_REDIS_URL="redis://127.0.0.1:$GW_REDIS" LEADGATE_PORT=$GW_PORT java $USER_JAVA_OPTS -jar "$JAR" \
  --config "$WORK/gateway.yaml" > "$WORK/gateway.log" 2>&1 &
GW_PID=$!
PIDS+=("$GW_PID")
start_webdis "$WD_REDIS" 2 "$CONNECTIONS"
wait_http "http://127.0.0.1:$GW_PORT/health/ready" 300
wait_http "http://127.0.0.1:$WD_PORT/PING" 30
javac -d "$WORK" -cp "$JAR" bench/ConstantRate.java

# the JIT warmed whatever the rate: with C2 alone (the users' options) a cold gateway is slow for its first seconds
BENCH_RUN=warm wrk -t1 -c48 -d10s --timeout 5s -s bench/pageview.lua "http://127.0.0.1:$GW_PORT/e" >/dev/null
drain 300 0.2 "$GW_REDIS"
if [ -z "$RATE" ]; then
  max=$(max_rate "$GW_PORT" "$GW_REDIS")
  RATE=$((max / 2))
  echo "maximum $max events/s with projection keeping up (wrk -t1 -c48 for 8 s, then the drain); half: $RATE"
fi

round() { # label round: a constant-rate round; CPU and the gateway's backlog sampled at the measured window's ends
  local url=http://127.0.0.1:$GW_PORT/e method=POST server=$GW_PID redis=$GW_REDIS_PID cr s0 r0 b0=- b1=-
  if [ "$1" = webdis ]; then
    url="http://127.0.0.1:$WD_PORT/XADD/bench/*/e" method=PUT server=$WD_PID redis=$WD_REDIS_PID
  fi
  java -XX:+UseSerialGC -cp "$WORK:$JAR" ConstantRate --url "$url" --method "$method" --rate "$RATE" \
    --seconds "$MEASURED" --warmup "$WARMUP" --connections "$CONNECTIONS" --run "$1$2" > "$WORK/cr.txt" &
  cr=$!
  sleep "$WARMUP"
  s0=$(cpu_ticks "$server")
  r0=$(cpu_ticks "$redis")
  [ "$1" = gateway ] && b0=$(backlog "$GW_REDIS")
  sleep "$MEASURED"
  local s1 r1
  s1=$(cpu_ticks "$server")
  r1=$(cpu_ticks "$redis")
  [ "$1" = gateway ] && b1=$(backlog "$GW_REDIS")
  wait "$cr"
  tr ' ' '\n' < "$WORK/cr.txt" | awk -F= -v l="$1" -v r="$2" -v b="$b0 -> $b1" -v s=$((s1 - s0)) -v rd=$((r1 - r0)) \
    -v n=$((RATE * MEASURED)) -v hz="$(getconf CLK_TCK)" '{v[$1] = $2} END {
    printf "%s\t%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.1f\t%d\t%.0f\t%.0f\t%s\n", l, r, v["p50_us"] / 1000,
      v["p90_us"] / 1000, v["p99_us"] / 1000, v["p999_us"] / 1000, v["max_us"] / 1000,
      v["non2xx"] + v["errors"], s * 1e6 / hz / n, rd * 1e6 / hz / n, b}'
}

RESULTS=$WORK/results.tsv
echo "tail at $RATE events/s, $(date -u +%FT%TZ): $(nproc) cores, ${MEASURED}s measured after ${WARMUP}s of warm-up," \
  "$CONNECTIONS connections; the gateway's projection kept within ${MAX_LAG}s (ingest.maxLagSeconds)"
for r in $(seq 1 "$ROUNDS"); do
  round gateway "$r" >> "$RESULTS"
  drain 300 0.2 "$GW_REDIS"
  round webdis "$r" >> "$RESULTS"
done
printf '%-8s %5s %7s %7s %7s %8s %7s %6s %10s %9s  %s\n' server round "p50 ms" "p90 ms" "p99 ms" "p99.9 ms" \
  "max ms" failed "server us" "redis us" "backlog (measured window)"
awk -F'\t' '{printf "%-8s %5s %7s %7s %7s %8s %7s %6s %10s %9s  %s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11}' \
  "$RESULTS"
median() { awk -F'\t' -v l="$1" -v c="$2" '$1 == l {print $c}' "$RESULTS" | sort -g \
  | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
echo "median p99: gateway $(median gateway 5) ms, webdis $(median webdis 5) ms (goal: the gateway's <= 5 ms);" \
  "CPU per event, server + its Redis: gateway $(median gateway 9) + $(median gateway 10) us, webdis" \
  "$(median webdis 9) + $(median webdis 10) us"
