#!/usr/bin/env bash
# Intake alone, build against build: each gateway jar in turn on its own fresh Redis (AOF everysec, rewrite at 400%,
# as bench/collect.sh), the projector held off (the same ACL change as collect.sh's burst run), 15 s of warm-up,
# then one measured run of wrk with bench/pageview.lua. The jars alternate for PAIRS rounds, so a slow minute of the
# machine hits one run, not one build; the summary is each jar's median. Quicker and less noisy than collect.sh for
# a change of the intake path; it has no bare server and no projection (collect.sh has both).
#
#   bench/intake-ab.sh /tmp/before.jar target/leadgate.jar
#   PARTITIONS=1 PAIRS=5 bench/intake-ab.sh target/leadgate.jar
#   bench/intake-ab.sh "target/leadgate.jar@-Xmx96m -XX:+UseSerialGC" "target/leadgate.jar@-Xmx96m -XX:+UseSerialGC -XX:-TieredCompilation"
#                                                      # JAR@OPTIONS: the same jar with other JVM options
#   PROFILE=1 bench/intake-ab.sh target/leadgate.jar   # async-profiler (Maven Central) of each measured run,
#                                                      # collapsed stacks in /tmp/intake-ab-<run>.collapsed
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/common.sh
. bench/common.sh

PAIRS=${PAIRS:-3}
WARMUP=${WARMUP:-15}
DURATION=${DURATION:-8}
CONNECTIONS=${CONNECTIONS:-48}
INSTANCES=${INSTANCES:-1}
PARTITIONS=${PARTITIONS:-2}
PROFILE=${PROFILE:-0}
ASYNC_PROFILER_VERSION=4.1  # tools.profiler:async-profiler on Maven Central
[ $# -gt 0 ] || set -- target/leadgate.jar

for tool in wrk redis-server redis-cli curl; do
  command -v "$tool" >/dev/null || { echo "needs $tool (bench/collect.sh installs it)" >&2; exit 1; }
done
for jar in "$@"; do
  [ -f "${jar%%@*}" ] || { echo "no such jar: ${jar%%@*}" >&2; exit 1; }
done
AGENT=
if [ "$PROFILE" = 1 ]; then
  mvn -q -B -ntp dependency:get -Dartifact="tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION" >/dev/null
  AGENT=$(mktemp -d /tmp/async-profiler.XXXXXX)
  unzip -q -o "$HOME/.m2/repository/tools/profiler/async-profiler/$ASYNC_PROFILER_VERSION/async-profiler-$ASYNC_PROFILER_VERSION.jar" 'linux-x64/*' -d "$AGENT"
  AGENT=$AGENT/linux-x64/libasyncProfiler.so
fi

WORK=$(mktemp -d /tmp/intake-ab.XXXXXX)
PIDS=()
trap cleanup EXIT

# run_one JAR[@OPTIONS] RUN: writes to $WORK/RUN.line "events/s p50_ms p99_ms gateway_us_per_event redis_us_per_event"
run_one() {
  local jar=${1%%@*} options= run=$2 dir rport gport redis gateway pass deadline r0 g0 hz out requests secs
  [ "$jar" = "$1" ] || options=${1#*@}
  dir=$WORK/$run
  mkdir -p "$dir"
  rport=$(free_port)
  redis-server --port "$rport" --bind 127.0.0.1 --dir "$dir" "${REDIS_PRODUCTION_OPTS[@]}" --logfile "$dir/redis.log" &
  redis=$!
  PIDS+=("$redis")
  deadline=$((SECONDS + 10))
  until redis-cli -p "$rport" ping >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || { echo "redis did not start" >&2; exit 1; }
    sleep 0.1
  done
  pass=ab-$RANDOM$RANDOM
  redis_gateway_user "$rport" "$pass"
  sed "s/^  instances: .*/  instances: $INSTANCES/; s/^  partitions: .*/  partitions: $PARTITIONS/" \
    bench/collect.yaml > "$dir/config.yaml"
  gport=$(free_port)
  # shellcheck disable=SC2086 # the options are words
  LEADGATE_REDIS_URL="redis://leadgate:$pass@127.0.0.1:$rport" LEADGATE_PORT=$gport \
    java $options -jar "$jar" --config "$dir/config.yaml" > "$dir/gateway.log" 2>&1 &
  gateway=$!
  PIDS+=("$gateway")
  wait_http "http://127.0.0.1:$gport/health/ready" 60 || { cat "$dir/gateway.log" >&2; exit 1; }
  projector_reads "$rport" hold
  BENCH_RUN="w$run" timeout $((WARMUP + 30)) wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 5s -s bench/pageview.lua \
    "http://127.0.0.1:$gport/e" > /dev/null
  sleep 2
  [ -z "$AGENT" ] || jcmd "$gateway" JVMTI.agent_load "$AGENT" '"start,event=itimer,interval=1ms,threads"' >/dev/null
  r0=$(cpu_ticks "$redis")
  g0=$(cpu_ticks "$gateway")
  out=$dir/wrk.txt
  BENCH_RUN="m$run" timeout $((DURATION + 30)) wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s \
    -s bench/pageview.lua "http://127.0.0.1:$gport/e" > "$out"
  hz=$(getconf CLK_TCK)
  requests=$(field "$out" requests)
  secs=$(awk -v us="$(field "$out" duration_us)" 'BEGIN {print us / 1e6}')
  awk -v n="$requests" -v s="$secs" -v p50="$(field "$out" p50_us)" -v p99="$(field "$out" p99_us)" \
    -v g="$(( $(cpu_ticks "$gateway") - g0 ))" -v r="$(( $(cpu_ticks "$redis") - r0 ))" -v hz="$hz" \
    'BEGIN {printf "%.0f %.2f %.2f %.1f %.1f\n", n / s, p50 / 1000, p99 / 1000, g / hz * 1e6 / n, r / hz * 1e6 / n}' \
    > "$WORK/$run.line"
  if [ -n "$AGENT" ]; then
    jcmd "$gateway" JVMTI.agent_load "$AGENT" "\"stop,collapsed,file=/tmp/intake-ab-$run.collapsed\"" >/dev/null
  fi
  if [ "$(field "$out" non2xx)" != 0 ]; then
    echo "warning: $jar answered $(field "$out" non2xx) requests with an error in run $run" >&2
  fi
  kill "$gateway" "$redis"
  wait "$gateway" "$redis" 2>/dev/null || true
}

echo "intake A/B, $(date -u +%FT%TZ): $(nproc) cores, wrk -t1 -c$CONNECTIONS, ${WARMUP}s warm-up, ${DURATION}s runs," \
  "instances=$INSTANCES partitions=$PARTITIONS, projector held off"
printf '%-4s %-40s %9s %7s %7s %9s %9s\n' run jar events/s "p50 ms" "p99 ms" "gw us/e" "redis us/e"
RESULTS=$WORK/results
for pair in $(seq 1 "$PAIRS"); do
  i=0
  for jar in "$@"; do
    i=$((i + 1))
    run=$pair-$i
    run_one "$jar" "$run"
    line=$(cat "$WORK/$run.line")
    # shellcheck disable=SC2086
    printf '%-4s %-40s %9s %7s %7s %9s %9s\n' "$run" "$jar" $line
    echo "$i $line" >> "$RESULTS"
  done
done
echo "== medians over $PAIRS runs each"
i=0
for jar in "$@"; do
  i=$((i + 1))
  awk -v j="$i" '$1 == j {print $2}' "$RESULTS" | sort -n \
    | awk -v jar="$jar" '{v[NR] = $1} END {printf "%-40s %9.0f events/s\n", jar, NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
done
