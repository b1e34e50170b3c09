#!/usr/bin/env bash
# The gateway's resident memory (RSS) under the intake benchmark, for several sets of JVM options, to choose the
# options users start it with (docker/Dockerfile, docs/operations.md).
#
#   bench/footprint.sh                               # the sets below; about 1 minute each
#   OPTION_SETS='-Xmx96m|-Xmx128m -XX:+UseG1GC' bench/footprint.sh
#   EVENTS=100000 bench/footprint.sh                 # more events per set
#   RATE=6000 STEADY_SECONDS=30 bench/footprint.sh   # the steady phase (RATE=0: none)
#
# Per set: its own redis-server as in production (AOF everysec), the gateway (bench/collect.yaml) with the set's
# options, then wrk -t1 -c48 with bench/pageview.lua (the intake benchmark's page view; the projector running) until
# the gateway has accepted EVENTS (its /metrics; wrk is then stopped with SIGINT, which prints its results), the backlog drained, and then: the events/s of the run (load-sensitive: only a rough check), the
# RSS at the end and its peak (VmHWM), and the heap in use after a full GC (jcmd GC.heap_info).
# Then, since the options also decide the tail (a collection stops every thread): bench/ConstantRate.java sends at
# RATE events/s for STEADY_SECONDS (after 5 s of warm-up), the projector running, and the script prints p50, p99 and
# p99.9 from each request's due time, with the collector's pauses of that phase (-Xlog:gc, added to every set).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/common.sh
. bench/common.sh

EVENTS=${EVENTS:-50000}
RATE=${RATE:-5000}
STEADY_SECONDS=${STEADY_SECONDS:-20}
JAR=${GATEWAY_JAR:-target/leadgate.jar}
DEFAULT_SETS='|-XX:+UseSerialGC -Xmx128m'
DEFAULT_SETS+='|-XX:+UseSerialGC -Xmx96m -Xss512k -XX:MaxMetaspaceSize=80m -XX:ReservedCodeCacheSize=48m -Dio.netty.allocator.numDirectArenas=1 -Dio.netty.allocator.numHeapArenas=1'
DEFAULT_SETS+='|-XX:+UseSerialGC -Xmx96m -Xss512k -XX:MaxMetaspaceSize=80m -XX:ReservedCodeCacheSize=48m -XX:TieredStopAtLevel=1'
DEFAULT_SETS+='|-XX:+UseG1GC -Xmx128m'
OPTION_SETS=${OPTION_SETS:-$DEFAULT_SETS}

for tool in redis-server redis-cli curl java wrk jcmd; do
  command -v "$tool" >/dev/null 2>&1 || { echo "footprint.sh needs $tool" >&2; exit 1; }
done
[ -f "$JAR" ] || mvn -q -o -DskipTests package

WORK=$(mktemp -d /tmp/leadgate-footprint.XXXXXX)
PIDS=()
trap cleanup EXIT

accepted() { # gateway port -> events it accepted
  curl -fsS "http://127.0.0.1:$1/metrics" | awk '$1 ~ /^leadgate_events_accepted_total/ {s += $2} END {printf "%d\n", s}'
}

kb() { awk -v f="$2:" '$1 == f {print $2}' "/proc/$1/status"; }

echo "leadgate footprint, $(date -u +%FT%TZ): $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo)," \
  "$(java -version 2>&1 | head -1); wrk -t1 -c48 until $EVENTS events; load average $(cut -d' ' -f1 /proc/loadavg)"
printf '%-4s %9s %9s %10s %10s %10s %28s  %s\n' set events "events/s" "RSS MB" "peak MB" "heap MB" "at RATE: ms, GC pauses" options
n=0
IFS='|' read -r -a SETS <<< "$OPTION_SETS"
for opts in "${SETS[@]}"; do
  n=$((n + 1))
  port=$(free_port)
  mkdir -p "$WORK/$n"
  redis-server --port "$port" --bind 127.0.0.1 --dir "$WORK/$n" "${REDIS_PRODUCTION_OPTS[@]}" --logfile "$WORK/$n/redis.log" &
  rpid=$!
  PIDS+=("$rpid")
  for _ in $(seq 1 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  gport=$(free_port)
  # shellcheck disable=SC2086
  LEADGATE_REDIS_URL="redis://127.0.0.1:$port" LEADGATE_PORT=$gport java $opts -Xlog:gc:file="$WORK/$n/gc.log" -jar "$JAR" \
    --config bench/collect.yaml > "$WORK/$n/gateway.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  wait_http "http://127.0.0.1:$gport/health/ready" 300
  BENCH_RUN="m$n" BENCH_SITE=bench wrk -t1 -c48 -d1800s --timeout 5s -s bench/pageview.lua \
    "http://127.0.0.1:$gport/e" > "$WORK/$n/run.txt" &
  wpid=$!
  while [ "$(accepted "$gport")" -lt "$EVENTS" ] && kill -0 "$wpid" 2>/dev/null; do sleep 0.5; done
  kill -INT "$wpid" 2>/dev/null || true
  wait "$wpid" || true
  deadline=$((SECONDS + 180))
  drain 180 0.5 "$port"
  events=$(field "$WORK/$n/run.txt" requests)
  rate=$(awk -v r="$(field "$WORK/$n/run.txt" requests)" -v us="$(field "$WORK/$n/run.txt" duration_us)" 'BEGIN {printf "%.0f", r / (us / 1e6)}')
  steady="-"
  if [ "$RATE" -gt 0 ]; then
    [ -f "$WORK/ConstantRate.class" ] || javac -d "$WORK" -cp "$JAR" bench/ConstantRate.java
    before=$(grep -c 'Pause' "$WORK/$n/gc.log" || true)
    line=$(java -XX:+UseSerialGC -cp "$WORK:$JAR" ConstantRate --url "http://127.0.0.1:$gport/e" --rate "$RATE" \
      --seconds "$STEADY_SECONDS" --warmup 5 --run "s$n")
    pauses=$(tail -n +"$((before + 1))" "$WORK/$n/gc.log" | grep 'Pause' | grep -oE '[0-9.]+ms$' | tr -d 'ms' \
      | awk '{n++; s += $1; if ($1 > m) m = $1} END {printf "%d/%.0f/%.0f", n, s, m}')
    steady=$(echo "$line" | tr ' ' '\n' | awk -F= -v g="$pauses" '{v[$1] = $2} END {
      printf "%.1f/%.1f/%.1f %s", v["p50_us"] / 1000, v["p99_us"] / 1000, v["p999_us"] / 1000, g}')
    drain $((deadline + 300 - SECONDS)) 0.5 "$port"
  fi
  rss=$(kb "$pid" VmRSS)
  hwm=$(kb "$pid" VmHWM)
  jcmd "$pid" GC.run >/dev/null 2>&1 || true
  heap=$(jcmd "$pid" GC.heap_info 2>/dev/null | grep -E 'generation|garbage-first heap|PSYoungGen|ParOldGen' \
    | grep -oE 'used [0-9]+K' | grep -oE '[0-9]+' | awk '{s += $1} END {print s + 0}' || true)
  printf '%-4s %9d %9d %10.0f %10.0f %10.0f %28s  %s\n' "$n" "$events" "$rate" "$((rss / 1024))" "$((hwm / 1024))" \
    "$((heap / 1024))" "$steady" "${opts:-(none: the defaults of the JVM)}"
  kill "$pid" "$rpid"
  wait "$pid" "$rpid" 2>/dev/null || true
done
echo "(RSS: at the end, backlog drained; peak: VmHWM over the run; heap: in use after a full GC; events/s: the"
echo " measured run, with the projector running; the machine's load moves it, RSS far less; at RATE: p50/p99/p99.9 ms"
echo " at $RATE events/s and the collector's pauses then: count/total ms/longest ms)"
