#!/usr/bin/env bash
# Intake benchmark: POST /e through the gateway on Redis (AOF, appendfsync everysec, as docker/compose.yaml) against a
# bare Vert.x server answering 204 to the same request, both driven by the same wrk script on 127.0.0.1.
# Prints events/s, p50 and p99 for each and the ratio gateway / bare, checks that Redis holds every event the
# gateway answered 202 for, and reports the projector's backlog after each run and how long it takes to drain.
#
#   bench/collect.sh                              # defaults below: about 2.5 minutes (the burst drain included)
#   INSTANCES=2 CONNECTIONS=64 bench/collect.sh
#   COMPARE_JAR=/tmp/before.jar bench/collect.sh  # also measures another build of the gateway, in the same rounds
#   GATEWAY_JAR=/tmp/after.jar bench/collect.sh   # measures that build instead of target/leadgate.jar
#   PROFILE=1 bench/collect.sh                    # JFR of the gateway's last measured run and of its burst (docs/benchmarks.md)
#
# The servers are measured in rounds (bare, then each gateway), each run after the previous gateway's backlog has
# drained and the machine is quiet, so that a burst of other work on the machine hits one run, not a whole server;
# the summary is the median round. In these runs the projector works as in production, at the same time as intake.
# Then comes one "burst" run per gateway with the projector held off (the gateway's Redis user loses XREADGROUP
# for the run, an ACL change, nothing in the gateway is altered): what intake alone takes, the log absorbing the
# burst; the projector then gets its rights back and the time it takes to drain the backlog is the projection rate.
# Everything it starts (redis-server, gateways, bare server) listens on 127.0.0.1 on free ports and is stopped on
# exit.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/common.sh
. bench/common.sh

INSTANCES=${INSTANCES:-1}        # HTTP verticle instances of the gateway, and of the bare server
THREADS=${THREADS:-1}            # wrk threads
CONNECTIONS=${CONNECTIONS:-48}   # wrk connections
WARMUP=${WARMUP:-15}             # seconds of warm-up per server (the gateway needs ~15 s of load for the JIT)
DURATION=${DURATION:-8}          # seconds per measured run
ROUNDS=${ROUNDS:-3}              # measured runs per server
BURST=${BURST:-1}                # 1: also one run per gateway with the projector held off, then its drain
DRAIN_LIMIT=${DRAIN_LIMIT:-120}  # seconds to wait at most for the projector to drain the backlog
COMPARE_JAR=${COMPARE_JAR:-}     # optional second gateway jar (for example the build before a change)
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:-}  # extra JVM options for the gateway(s)
PROFILE=${PROFILE:-0}            # 1: JFR (settings=profile) of each gateway's last measured run and burst, to /tmp
QUIET_MAX=${QUIET_MAX:-0.2}      # cores busy with other work up to which the machine counts as quiet
QUIET_WAIT=${QUIET_WAIT:-60}     # seconds to wait at most for a quiet machine before each measured run
# Redis runs with docker/compose.yaml's settings: AOF, fsync every second, rewrite after 400% growth.
# REDIS_OPTS adds options (or overrides: the last one given wins), e.g. "--auto-aof-rewrite-percentage 100" for
# Redis's default.
REDIS_OPTS=${REDIS_OPTS:-}
KEEP=${KEEP:-0}                  # 1: keep the work directory (wrk outputs, logs, Redis' AOF) after the run
JAR=${GATEWAY_JAR:-target/leadgate.jar}  # the gateway build to measure (its Vert.x also runs the bare server)
LUA=bench/pageview.lua
SITE=bench

# ---------------------------------------------------------------- prerequisites
need_tools wrk curl redis-server
if [ ! -f "$JAR" ]; then
  echo "building $JAR"
  mvn -q -o -DskipTests package
fi

WORK=$(mktemp -d /tmp/leadgate-bench.XXXXXX)
PIDS=()
trap cleanup EXIT

machine_busy() { # -> busy and total jiffies of the whole machine, summed over all cores
  awk '/^cpu /{idle = $5 + $6; total = 0; for (i = 2; i <= NF; i++) total += $i; print total - idle, total}' /proc/stat
}

children_cpu() { # -> $WORK/children: CPU seconds of this shell's finished children (so: of wrk, once it exited)
  times > "$WORK/times"
  tail -1 "$WORK/times" | awk '{
    t = 0
    for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] }
    printf "%.3f\n", t }' > "$WORK/children"
}

wait_quiet() { # waits (at most QUIET_WAIT s) until other work leaves the machine idle; prints the cores it used
  local deadline=$((SECONDS + QUIET_WAIT)) b0 t0 b1 t1 busy
  while :; do
    read -r b0 t0 < <(machine_busy)
    sleep 1
    read -r b1 t1 < <(machine_busy)
    busy=$(awk -v b="$((b1 - b0))" -v t="$((t1 - t0))" -v c="$(nproc)" 'BEGIN {printf "%.2f", c * b / t}')
    if awk -v b="$busy" -v m="$QUIET_MAX" 'BEGIN {exit !(b <= m)}' || [ $SECONDS -ge $deadline ]; then
      echo "$busy"
      return
    fi
  done
}

# ---------------------------------------------------------------- redis, as in production
REDIS_PORT=$(free_port)
REDIS_URL=redis://127.0.0.1:$REDIS_PORT
# shellcheck disable=SC2086
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$WORK" "${REDIS_PRODUCTION_OPTS[@]}" \
  --logfile "$WORK/redis.log" $REDIS_OPTS &
REDIS_PID=$!
PIDS+=("$REDIS_PID")
rcli() { redis-cli -p "$REDIS_PORT" "$@"; }
for _ in $(seq 1 100); do rcli ping >/dev/null 2>&1 && break; sleep 0.1; done
rcli ping >/dev/null
REDIS_PASS=bench-$RANDOM$RANDOM
redis_gateway_user "$REDIS_PORT" "$REDIS_PASS"
REDIS_URL=redis://leadgate:$REDIS_PASS@127.0.0.1:$REDIS_PORT
projector() { projector_reads "$REDIS_PORT" "$1"; } # hold|release

# ---------------------------------------------------------------- servers
# Each gateway of a run gets its own Redis database, so that the counts of two builds never mix.
declare -A PORT PID DB
DB_NEXT=0
start_gateway() { # label jar
  local label=$1 jar=$2 port db config jfr=()
  port=$(free_port)
  db=$DB_NEXT
  DB_NEXT=$((DB_NEXT + 1))
  config=$WORK/collect-$label.yaml
  sed "s/^  instances: .*/  instances: $INSTANCES/" bench/collect.yaml > "$config"
  if [ "$PROFILE" = 1 ]; then
    # recording from the start: starting JFR later invalidates the compiled code and measures the JIT instead
    jfr=(-XX:StartFlightRecording=name=bench,settings=profile,maxage=10m)
  fi
  # shellcheck disable=SC2086
  LEADGATE_REDIS_URL="$REDIS_URL/$db" LEADGATE_PORT=$port \
    java "${jfr[@]}" $GATEWAY_JAVA_OPTS -jar "$jar" --config "$config" > "$WORK/$label.log" 2>&1 &
  PID[$label]=$!
  PIDS+=("$!")
  PORT[$label]=$port
  DB[$label]=$db
  wait_http "http://127.0.0.1:$port/health/ready" 60
}

start_bare() {
  local port deadline
  port=$(free_port)
  java -cp "$JAR" bench/BareServer.java "$port" "$INSTANCES" > "$WORK/bare.log" 2>&1 &
  PID[bare]=$!
  PIDS+=("$!")
  PORT[bare]=$port
  deadline=$((SECONDS + 60))
  until grep -q "bare server on" "$WORK/bare.log" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ] || ! kill -0 "${PID[bare]}" 2>/dev/null; then
      cat "$WORK/bare.log" >&2
      echo "the bare server did not start" >&2
      return 1
    fi
    sleep 0.2
  done
}

GATEWAYS=(gateway)
start_gateway gateway "$JAR"
if [ -n "$COMPARE_JAR" ]; then
  GATEWAYS+=(compare)
  start_gateway compare "$COMPARE_JAR"
fi
start_bare

# ---------------------------------------------------------------- measuring
# run_wrk LABEL PHASE SECONDS: drives one server; leaves wrk's output in $WORK/LABEL-PHASE.txt and the CPU
# (clock ticks) the server, Redis, wrk and the whole machine used in $WORK/LABEL-PHASE.cpu
run_wrk() {
  local label=$1 phase=$2 seconds=$3
  local before_srv before_redis before_machine before_wrk
  before_srv=$(cpu_ticks "${PID[$label]}")
  before_redis=$(cpu_ticks "$REDIS_PID")
  children_cpu
  before_wrk=$(cat "$WORK/children")
  before_machine=$(machine_busy)
  BENCH_RUN="$label$phase" BENCH_SITE=$SITE timeout $((seconds + 30)) \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 5s -s "$LUA" "http://127.0.0.1:${PORT[$label]}/e" \
    > "$WORK/$label-$phase.txt"
  children_cpu
  echo "$(( $(cpu_ticks "${PID[$label]}") - before_srv )) $(( $(cpu_ticks "$REDIS_PID") - before_redis ))" \
    "$(awk -v a="$before_wrk" -v b="$(cat "$WORK/children")" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%d", (b - a) * hz}')" \
    "$before_machine $(machine_busy)" > "$WORK/$label-$phase.cpu"
}

PARTITIONS=$(awk '/^  partitions:/ {print $2}' bench/collect.yaml)
log_backlog() { # label -> events in the gateway's log streams not yet projected
  backlog "$REDIS_PORT" "${PARTITIONS:-2}" "${DB[$1]}"
}

projected() { # label -> events counted into the daily aggregates (each stored event once, by its id)
  rcli -n "${DB[$1]}" --scan --pattern "lg:{d:$SITE}:*:ev" | while read -r key; do
    rcli -n "${DB[$1]}" hvals "$key"
  done | awk '{s += $1} END {print s + 0}'
}

metric() { # label name -> the sum of a Prometheus counter over its series
  curl -fsS "http://127.0.0.1:${PORT[$1]}/metrics" \
    | awk -v name="$2" '$1 ~ "^"name"({|$)" {s += $2} END {printf "%d\n", s}'
}

timed_drain() { # label -> "seconds backlog-left": how long until the projector has emptied the log (at most DRAIN_LIMIT)
  local start=$EPOCHREALTIME end
  drain "$DRAIN_LIMIT" 0.1 "$REDIS_PORT" "${PARTITIONS:-2}" "${DB[$1]}"
  end=$EPOCHREALTIME
  awk -v s="$start" -v e="$end" -v n="$(log_backlog "$1")" 'BEGIN {printf "%.1f %d\n", e - s, n}'
}

status_count() { # file status -> answers with that status (wrk's STATUS line)
  grep '^STATUS' "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k {print $2}' | awk '{s += $1} END {print s + 0}'
}

RESULTS=$WORK/results.tsv
record() { # label round quiet-before [backlog drain-seconds]: one line of $RESULTS from the run's files
  local label=$1 round=$2 quiet=$3 backlog_after=${4:--} drain_secs=${5:--}
  local f=$WORK/$label-r$round.txt requests non2xx errors us p50 p99 srv redis wrk mb0 mt0 mb1 mt1 dsrv=0 dredis=0
  requests=$(field "$f" requests)
  non2xx=$(field "$f" non2xx)
  errors=$(field "$f" socket_errors)
  us=$(field "$f" duration_us)
  p50=$(field "$f" p50_us)
  p99=$(field "$f" p99_us)
  read -r srv redis wrk mb0 mt0 mb1 mt1 < "$WORK/$label-r$round.cpu"
  if [ -f "$WORK/$label-r$round.drain" ]; then
    read -r dsrv dredis < "$WORK/$label-r$round.drain"
  fi
  # CPU per event: what the server and Redis spent during the run plus while draining its backlog afterwards
  awk -v OFS='\t' -v l="$label" -v r="$round" -v q="$quiet" -v ok="$((requests - non2xx))" -v bad="$non2xx" \
    -v err="$errors" -v us="$us" -v p50="$p50" -v p99="$p99" -v srv="$srv" -v redis="$redis" -v wrk="$wrk" \
    -v busy="$((mb1 - mb0))" -v total="$((mt1 - mt0))" -v bl="$backlog_after" -v dr="$drain_secs" \
    -v dsrv="$dsrv" -v dredis="$dredis" -v hz="$(getconf CLK_TCK)" 'BEGIN {
      secs = us / 1e6; other = busy - srv - redis - wrk; if (other < 0) other = 0
      print l, r, sprintf("%.0f", ok / secs), sprintf("%.2f", p50 / 1000), sprintf("%.2f", p99 / 1000), bad, err,
        sprintf("%.2f", srv / hz / secs), sprintf("%.2f", redis / hz / secs), sprintf("%.2f", wrk / hz / secs),
        sprintf("%.2f", other / hz / secs), sprintf("%.2f", (total - busy) / hz / secs), q, bl, dr,
        sprintf("%.1f", (srv + dsrv) / hz * 1e6 / ok), sprintf("%.1f", (redis + dredis) / hz * 1e6 / ok)
    }' >> "$RESULTS"
}

echo "leadgate intake benchmark, $(date -u +%FT%TZ): $(nproc) cores, instances=$INSTANCES, wrk -t$THREADS" \
  "-c$CONNECTIONS, warm-up ${WARMUP}s, $ROUNDS rounds of ${DURATION}s per server; work dir $WORK" \
  "$([ "$KEEP" = 1 ] && echo "(kept)" || echo "(removed at the end; KEEP=1 keeps it)")"

# warm-up, then let the projector catch up so that it does not take CPU from the next run
run_wrk bare warmup "$WARMUP"
for g in "${GATEWAYS[@]}"; do
  run_wrk "$g" warmup "$WARMUP"
  read -r secs left < <(timed_drain "$g")
  echo "warm-up $g: $(field "$WORK/$g-warmup.txt" requests) requests; backlog drained in ${secs}s (left: $left)"
done

measure_gateway() { # label round: one measured run, then the drain of what the projector has not done yet
  local g=$1 round=$2 quiet begin end after d_srv d_redis secs left
  quiet=$(wait_quiet)
  [ "$round" = burst ] && projector hold
  begin=$(date +%T)
  run_wrk "$g" "r$round" "$DURATION"
  end=$(date +%T)
  after=$(log_backlog "$g")
  d_srv=$(cpu_ticks "${PID[$g]}")
  d_redis=$(cpu_ticks "$REDIS_PID")
  [ "$round" = burst ] && projector release
  read -r secs left < <(timed_drain "$g")
  echo "$(( $(cpu_ticks "${PID[$g]}") - d_srv )) $(( $(cpu_ticks "$REDIS_PID") - d_redis ))" > "$WORK/$g-r$round.drain"
  record "$g" "$round" "$quiet" "$after" "$secs"
  if [ "$left" -gt 0 ]; then
    echo "warning: $g still had $left events to project after ${DRAIN_LIMIT}s" >&2
  fi
  if [ "$PROFILE" = 1 ] && { [ "$round" = "$ROUNDS" ] || [ "$round" = burst ]; }; then
    jcmd "${PID[$g]}" JFR.dump name=bench begin="$begin" end="$end" filename="/tmp/leadgate-bench-$g-$round.jfr" \
      >/dev/null && echo "JFR of $g's run $round: /tmp/leadgate-bench-$g-$round.jfr"
  fi
}

for round in $(seq 1 "$ROUNDS"); do
  quiet=$(wait_quiet)
  run_wrk bare "r$round" "$DURATION"
  record bare "$round" "$quiet"
  for g in "${GATEWAYS[@]}"; do
    measure_gateway "$g" "$round"
  done
done
if [ "$BURST" = 1 ]; then
  quiet=$(wait_quiet)
  run_wrk bare rburst "$DURATION"
  record bare burst "$quiet"
  for g in "${GATEWAYS[@]}"; do
    measure_gateway "$g" burst
  done
fi

# ---------------------------------------------------------------- report
echo
echo "== runs (${DURATION}s each; CPU in cores of $(nproc): other = work on the machine outside this benchmark) =="
awk -F'\t' 'BEGIN {
    printf "%-8s %5s %9s %7s %7s %6s %7s | %6s %6s %6s %6s %6s | %5s | %7s %7s | %8s %8s\n", "server", "round",
      "events/s", "p50 ms", "p99 ms", "non2xx", "sockerr", "server", "redis", "wrk", "other", "idle", "quiet", "backlog",
      "drain s", "srv us/e", "rds us/e"
  } {
    printf "%-8s %5s %9s %7s %7s %6s %7s | %6s %6s %6s %6s %6s | %5s | %7s %7s | %8s %8s\n", $1, $2, $3, $4, $5, $6,
      $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17
  }' "$RESULTS"
echo "(quiet: cores busy just before the run; backlog: events not yet projected when the run ended; us/e: CPU"
echo " microseconds per event of the server and of Redis, during the run and the drain after it; round burst:"
echo " the projector held off during the run)"

median() { # label column -> the median of that column over the numbered rounds
  awk -F'\t' -v l="$1" -v c="$2" '$1 == l && $2 != "burst" {print $c}' "$RESULTS" | sort -g \
    | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
column() { # label round column
  awk -F'\t' -v l="$1" -v r="$2" -v c="$3" '$1 == l && $2 == r {print $c}' "$RESULTS"
}

echo
echo "== summary (instances=$INSTANCES, wrk -t$THREADS -c$CONNECTIONS, ${DURATION}s runs; median of $ROUNDS rounds) =="
for s in bare "${GATEWAYS[@]}"; do
  printf "%-8s %7.0f events/s  p50 %6.2f ms  p99 %7.2f ms  CPU per event: server %5.1f us, redis %5.1f us\n" "$s" \
    "$(median "$s" 3)" "$(median "$s" 4)" "$(median "$s" 5)" "$(median "$s" 16)" "$(median "$s" 17)"
done
for g in "${GATEWAYS[@]}"; do
  # ratio per round (bare and gateway of one round ran back to back), then the median of those
  ratio=$(awk -F'\t' -v g="$g" '$2 == "burst" {next} $1 == "bare" {b[$2] = $3} $1 == g {r[$2] = $3}
    END {for (k in r) if (b[k] > 0) print r[k] / b[k]}' "$RESULTS" | sort -g \
    | awk '{v[NR] = $1} END {printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}')
  echo "ratio $g / bare: $ratio, projector running (median of the rounds' ratios; goal >= 0.6)"
done
if [ "$BURST" = 1 ]; then
  for g in "${GATEWAYS[@]}"; do
    awk -v g="$g" -v r="$(column "$g" burst 3)" -v b="$(column bare burst 3)" -v p50="$(column "$g" burst 4)" \
      -v p99="$(column "$g" burst 5)" -v bl="$(column "$g" burst 14)" -v dr="$(column "$g" burst 15)" 'BEGIN {
        printf "burst %s: %.0f events/s (p50 %.2f ms, p99 %.2f ms) with the projector held off: ratio %.2f of bare\n", g, r,
          p50, p99, r / b
        printf "  (%.0f events/s in the run just before it);\n", b
        printf "  the projector then drained %d events in %.1f s: %.0f events/s\n", bl, dr, (dr > 0 ? bl / dr : 0)
      }'
  done
fi

echo
echo "== durability and projection =="
status=0
for g in "${GATEWAYS[@]}"; do
  accepted=$(metric "$g" leadgate_events_accepted_total)
  seen=$(status_count "$WORK/$g-warmup.txt" 202)
  for round in $(seq 1 "$ROUNDS") burst; do
    if [ -f "$WORK/$g-r$round.txt" ]; then
      seen=$((seen + $(status_count "$WORK/$g-r$round.txt" 202)))
    fi
  done
  inlog=$(log_backlog "$g")
  done_=$(projected "$g")
  echo "$g: projector backlog right after each run: $(awk -F'\t' -v g="$g" '$1 == g {printf "%s ", $14}' "$RESULTS")events;" \
    "drained in $(awk -F'\t' -v g="$g" '$1 == g {printf "%s ", $15}' "$RESULTS")s"
  echo "$g: 202 answers seen by wrk: $seen; events the gateway accepted: $accepted;" \
    "in Redis: $inlog in the log + $done_ projected = $((inlog + done_))"
  if [ $((inlog + done_)) -ne "$accepted" ] || [ "$seen" -gt "$accepted" ]; then
    echo "$g: MISMATCH: Redis does not hold every accepted event" >&2
    status=1
  else
    echo "$g: OK, Redis holds every event answered 202 (wrk may miss answers in flight when a run ends)"
  fi
done
echo
echo "== Redis CPU by command over the whole benchmark (INFO commandstats; scripts count their commands twice) =="
rcli info commandstats | tr -d '\r' | awk -F'[:,=]' '/^cmdstat_/ {
    printf "%-28s %10d calls %12.0f us total %8.2f us/call\n", substr($1, 9), $3, $5, $7 }' | sort -k4 -g -r | head -15
echo "redis: $(rcli info persistence | grep -E '^(aof_enabled|aof_last_write_status|aof_rewrites|aof_last_rewrite_time_sec):' | tr -d '\r' | tr '\n' ' ')"
echo "versions: redis $(redis-server --version | awk '{print $3}' | cut -d= -f2), $(java -version 2>&1 | head -1)," \
  "$(wrk -v 2>&1 | head -1 | awk '{print $1, $2}')"
exit $status
