#!/usr/bin/env bash
# The gateway against a peer that stores the same events without checking or projecting them: Debian's webdis
# (an HTTP front of Redis) turning each PUT into one XADD. Same wrk script and body (bench/pageview.lua), each on its
# own redis-server with AOF everysec (docker/compose.yaml's settings), in alternating rounds; the gateway runs with
# its projector, and its backlog is drained before each webdis round so that the two never share the CPU.
# Prints events/s, p50 and p99 per round, the medians and the ratio gateway / webdis (issue 18's goal: >= 1.3), and
# the CPU each server and its Redis spent per event: wrk takes much of a 2-core machine, so the rates say less about
# the servers than their CPU does.
#
# Then the tail at a steady load: bench/ConstantRate.java sends to each server, in alternating rounds, at half of
# the gateway's maximum rate with projection keeping up (each round's events over the round's time plus the time its
# backlog took to drain; median of the rounds), whatever the answers do, and times each request from the moment it was due
# (wrk's closed loop hides a stall: the requests it did not send while waiting are never timed). Prints p50, p99
# and p99.9 per round and their medians (issue 18's goal: the gateway's p99 <= 5 ms).
#
#   bench/peer.sh                        # 3 rounds of 8 s after warm-up rounds of 15 s; about 6 minutes
#   ROUNDS=5 DURATION=10 bench/peer.sh
#   GATEWAY_JAVA_OPTS="-Xmx128m" bench/peer.sh   # default: the options users start it with (docker/Dockerfile)
#   RATE=9000 STEADY_SECONDS=60 bench/peer.sh   # the steady load at 9,000 events/s instead of half the maximum
#
# webdis is installed from Debian when missing (apt-get; root). Its configuration: 127.0.0.1, THREADS worker threads
# (default 2, the cores of the machine measured), a pool of 48 Redis connections.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/common.sh
. bench/common.sh

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-8}
WARMUP=${WARMUP:-15}
CONNECTIONS=${CONNECTIONS:-48}
THREADS=${THREADS:-2}
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:-$USER_JAVA_OPTS}
RATE=${RATE:-}
STEADY_SECONDS=${STEADY_SECONDS:-30}
JAR=${GATEWAY_JAR:-target/leadgate.jar}

need_tools wrk redis-server curl webdis
[ -f "$JAR" ] || mvn -q -o -DskipTests package

WORK=$(mktemp -d /tmp/leadgate-peer.XXXXXX)
PIDS=()
trap cleanup EXIT

start_redis gateway GW_REDIS
start_redis webdis WD_REDIS
GW_PORT=$(free_port)
# shellcheck disable=SC2086
LEADGATE_REDIS_URL="redis://127.0.0.1:$GW_REDIS" LEADGATE_PORT=$GW_PORT java $GATEWAY_JAVA_OPTS -jar "$JAR" \
  --config bench/collect.yaml > "$WORK/gateway.log" 2>&1 &
GW_PID=$!
PIDS+=("$GW_PID")
start_webdis "$WD_REDIS" "$THREADS" "$CONNECTIONS"
wait_http "http://127.0.0.1:$GW_PORT/health/ready" 300
wait_http "http://127.0.0.1:$WD_PORT/PING" 30

run() { # label phase seconds: a wrk round, and the CPU its server and that server's Redis spent in it per event
  local server=$WD_PID redis=$WD_REDIS_PID server0 redis0
  [ "$1" = gateway ] && server=$GW_PID redis=$GW_REDIS_PID
  server0=$(cpu_ticks "$server")
  redis0=$(cpu_ticks "$redis")
  if [ "$1" = gateway ]; then
    BENCH_RUN="$1$2" BENCH_SITE=bench wrk -t1 -c"$CONNECTIONS" -d"$3s" --timeout 5s -s bench/pageview.lua \
      "http://127.0.0.1:$GW_PORT/e" > "$WORK/$1-$2.txt"
  else
    BENCH_RUN="$1$2" BENCH_SITE=bench BENCH_METHOD=PUT BENCH_PATH='/XADD/bench/*/e' wrk -t1 -c"$CONNECTIONS" \
      -d"$3s" --timeout 5s -s bench/pageview.lua "http://127.0.0.1:$WD_PORT/" > "$WORK/$1-$2.txt"
  fi
  awk -v l="$1" -v r="$2" -v n="$(field "$WORK/$1-$2.txt" requests)" -v bad="$(field "$WORK/$1-$2.txt" non2xx)" \
    -v us="$(field "$WORK/$1-$2.txt" duration_us)" -v p50="$(field "$WORK/$1-$2.txt" p50_us)" \
    -v p99="$(field "$WORK/$1-$2.txt" p99_us)" -v s=$(($(cpu_ticks "$server") - server0)) \
    -v rd=$(($(cpu_ticks "$redis") - redis0)) -v hz="$(getconf CLK_TCK)" 'BEGIN {
      printf "%s\t%s\t%.0f\t%.2f\t%.2f\t%d\t%.1f\t%.1f\n", l, r, (n - bad) / (us / 1e6), p50 / 1000, p99 / 1000, bad,
        s * 1e6 / hz / n, rd * 1e6 / hz / n }'
}

echo "leadgate vs webdis, $(date -u +%FT%TZ): $(nproc) cores, wrk -t1 -c$CONNECTIONS, $ROUNDS rounds of ${DURATION}s," \
  "warm-up ${WARMUP}s each; load average $(cut -d' ' -f1 /proc/loadavg)"
# two warm-up rounds for the gateway: with C2 alone (the options users start it with) the JIT takes longer to settle
for warmup in 1 2; do
  run gateway "warmup$warmup" "$WARMUP" >/dev/null
  drain 180 0.2 "$GW_REDIS"
done
run webdis warmup "$WARMUP" >/dev/null
RESULTS=$WORK/results.tsv
SUSTAINED=$WORK/sustained.tsv
for round in $(seq 1 "$ROUNDS"); do
  run gateway "$round" "$DURATION" >> "$RESULTS"
  started=$(date +%s.%N)
  server0=$(cpu_ticks "$GW_PID")
  redis0=$(cpu_ticks "$GW_REDIS_PID")
  drain 180 0.2 "$GW_REDIS"
  # what the round took in, over the time until it was all projected: the rate the gateway keeps up with; and the
  # CPU of the whole work per event, the projection of the round's events after it included
  tail -1 "$RESULTS" | awk -F'\t' -v d="$DURATION" -v s="$started" -v e="$(date +%s.%N)" \
    -v ds=$(($(cpu_ticks "$GW_PID") - server0)) -v dr=$(($(cpu_ticks "$GW_REDIS_PID") - redis0)) \
    -v hz="$(getconf CLK_TCK)" '{n = $3 * d; printf "%s\t%.1f\t%.0f\t%.1f\t%.1f\n", $2, e - s, n / (d + e - s),
      $7 + ds * 1e6 / hz / n, $8 + dr * 1e6 / hz / n}' >> "$SUSTAINED"
  run webdis "$round" "$DURATION" >> "$RESULTS"
done
drain 180 0.2 "$GW_REDIS"

printf '%-8s %5s %10s %8s %8s %7s %14s %13s\n' server round "events/s" "p50 ms" "p99 ms" non2xx "server us/ev" \
  "redis us/ev"
awk -F'\t' '{printf "%-8s %5s %10s %8s %8s %7s %14s %13s\n", $1, $2, $3, $4, $5, $6, $7, $8}' "$RESULTS"
median() { awk -F'\t' -v l="$1" -v c="$2" '$1 == l {print $c}' "$RESULTS" | sort -g \
  | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
ratio=$(awk -F'\t' '$1 == "gateway" {g[$2] = $3} $1 == "webdis" {w[$2] = $3} END {for (r in g) if (w[r] > 0) print g[r] / w[r]}' \
  "$RESULTS" | sort -g | awk '{v[NR] = $1} END {printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}')
echo "median: gateway $(median gateway 3) events/s (p99 $(median gateway 5) ms), webdis $(median webdis 3) events/s" \
  "(p99 $(median webdis 5) ms); ratio gateway / webdis $ratio (median of the rounds' ratios; goal >= 1.3)"
echo "CPU per event in the rounds, server + its Redis (wrk's own is the same for both): gateway" \
  "$(awk -F'\t' '$1 == "gateway" {printf "%s%.0f", (n++ ? ", " : ""), $7 + $8}' "$RESULTS") us, webdis" \
  "$(awk -F'\t' '$1 == "webdis" {printf "%s%.0f", (n++ ? ", " : ""), $7 + $8}' "$RESULTS") us; the gateway with the" \
  "projection of the round's events after it: $(awk -F'\t' '{printf "%s%.0f", (NR > 1 ? ", " : ""), $4 + $5}' \
  "$SUSTAINED") us"
echo "the gateway with its projection caught up: $(awk -F'\t' '{printf "%s%d (drained in %.1f s)", (NR > 1 ? ", " : ""), $3, $2}' \
  "$SUSTAINED") events/s; median $(cut -f3 "$SUSTAINED" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')"
echo "stored: gateway $(redis-cli -p "$GW_REDIS" dbsize) keys, every event projected (backlog $(backlog "$GW_REDIS"));" \
  "webdis stream: $(redis-cli -p "$WD_REDIS" xlen bench) entries"

# The tail at half of the gateway's maximum rate (or RATE), both servers at the same rate, alternating. The maximum
# is the rate it keeps up with, projection included (above): at half of its burst rate, projection falls behind
# (Redis spends about 120 µs on projecting an event, bench/ProjectionBench.java), the backlog grows until the
# projector runs flat out, and requests queue for seconds: a load no site can put on it for long.
rate=${RATE:-$(cut -f3 "$SUSTAINED" | sort -g | awk '{v[NR] = $1} END {printf "%d", v[int((NR + 1) / 2)] / 2}')}
[ -f "$WORK/ConstantRate.class" ] || javac -d "$WORK" -cp "$JAR" bench/ConstantRate.java
steady() { # label round
  local url=http://127.0.0.1:$GW_PORT/e method=POST line
  if [ "$1" = webdis ]; then url="http://127.0.0.1:$WD_PORT/XADD/bench/*/e"; method=PUT; fi
  line=$(java -cp "$WORK:$JAR" ConstantRate --url "$url" --method "$method" --rate "$rate" \
    --seconds "$STEADY_SECONDS" --warmup 5 --connections "$CONNECTIONS" --run "$1s$2")
  # the gateway's backlog as the round ends: whether projection kept up (it yields to a busy intake until it is
  # ingest.maxLagSeconds behind, then runs flat out)
  local waiting=-
  [ "$1" = gateway ] && waiting=$(backlog "$GW_REDIS")
  echo "$line" | tr ' ' '\n' | awk -F= -v l="$1" -v r="$2" -v b="$waiting" '{v[$1] = $2} END {
    printf "%s\t%s\t%d\t%.2f\t%.2f\t%.2f\t%d\t%s\n", l, r, v["ok"], v["p50_us"] / 1000, v["p99_us"] / 1000,
      v["p999_us"] / 1000, v["non2xx"] + v["errors"], b}'
}
STEADY=$WORK/steady.tsv
echo
echo "at a steady $rate events/s (bench/ConstantRate.java, ${STEADY_SECONDS}s per round after 5 s of warm-up," \
  "$CONNECTIONS connections, latency from each request's due time)"
for round in $(seq 1 "$ROUNDS"); do
  steady gateway "$round" >> "$STEADY"
  drain 180 0.2 "$GW_REDIS"
  steady webdis "$round" >> "$STEADY"
done
drain 180 0.2 "$GW_REDIS"
printf '%-8s %5s %8s %8s %8s %9s %7s %8s\n' server round answered "p50 ms" "p99 ms" "p99.9 ms" failed backlog
awk -F'\t' '{printf "%-8s %5s %8s %8s %8s %9s %7s %8s\n", $1, $2, $3, $4, $5, $6, $7, $8}' "$STEADY"
smedian() { awk -F'\t' -v l="$1" -v c="$2" '$1 == l {print $c}' "$STEADY" | sort -g \
  | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
echo "median at $rate events/s: gateway p50 $(smedian gateway 4) / p99 $(smedian gateway 5) ms, webdis p50" \
  "$(smedian webdis 4) / p99 $(smedian webdis 5) ms (goal: the gateway's p99 <= 5 ms); backlog $(backlog "$GW_REDIS")"
