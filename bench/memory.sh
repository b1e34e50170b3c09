#!/usr/bin/env bash
# Redis memory per anonymous visitor, per lead and per day of a site's aggregates, for the gateway build and
# (COMPARE_JAR) another one, each on its own redis-server (used_memory is a server's figure), one after the other.
#
#   bench/memory.sh                                  # target/leadgate.jar; about 3 minutes per build
#   COMPARE_JAR=/tmp/landed.jar bench/memory.sh      # also the build before, and the ratio
#   VISITORS=1000 LEADS=100 bench/memory.sh          # a shorter run
#
# Per build: Redis as docker/compose.yaml runs it (AOF everysec), the gateway with bench/memory.yaml (site `bench`,
# default retention and timeline cap, one form). bench/MemoryLoad.java sends a warm-up of 100 visitors (scripts
# loaded, tables grown), then VISITORS anonymous visitors x VIEWS page views, one batch per visitor: a campaign
# landing page (utm tags, an external referrer), then pages of a 12-page site, 32-hex visitor and event ids as the
# snippet makes them. After the projector has drained the log: used_memory growth / VISITORS. Then LEADS of those
# visitors submit the form (each a new lead): growth / LEADS, once the form events are projected. The day's
# aggregate keys of the site (lg:{d:bench}:*) are summed with MEMORY USAGE. Bytes do not depend on the machine's
# load; the times printed do.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/common.sh
. bench/common.sh

VISITORS=${VISITORS:-5000}
VIEWS=${VIEWS:-10}
LEADS=${LEADS:-500}
COMPARE_JAR=${COMPARE_JAR:-}
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:-}
JAR=${GATEWAY_JAR:-target/leadgate.jar}
KEEP=${KEEP:-0}

for tool in redis-server redis-cli curl java; do
  command -v "$tool" >/dev/null 2>&1 || { echo "memory.sh needs $tool" >&2; exit 1; }
done
if [ ! -f "$JAR" ]; then
  echo "building $JAR"
  mvn -q -o -DskipTests package
fi

WORK=$(mktemp -d /tmp/leadgate-memory.XXXXXX)
PIDS=()
trap cleanup EXIT

info() { # port section field
  redis-cli -p "$1" info "$2" | tr -d '\r' | awk -F: -v f="$3" '$1 == f {print $2}'
}

drained() { # port: waits until the projector has emptied the log (at most 300 s)
  drain 300 0.5 "$1"
  [ "$(backlog "$1")" -eq 0 ] || { echo "the backlog did not drain" >&2; return 1; }
  sleep 1
}

settled_memory() { # port -> used_memory once it stopped moving (lazy frees, AOF buffers)
  local a b
  b=$(info "$1" memory used_memory)
  for _ in 1 2 3 4 5; do
    sleep 1
    a=$b
    b=$(info "$1" memory used_memory)
    [ "$a" != "$b" ] || break
  done
  echo "$b"
}

RESULTS=$WORK/results
measure() { # label jar
  local label=$1 jar=$2 port gport pid rpid m0 m1 m2 aof0 aof1 t0 agg keys sample
  port=$(free_port)
  mkdir -p "$WORK/$label"
  redis-server --port "$port" --bind 127.0.0.1 --dir "$WORK/$label" "${REDIS_PRODUCTION_OPTS[@]}" \
    --logfile "$WORK/$label/redis.log" &
  rpid=$!
  PIDS+=("$rpid")
  for _ in $(seq 1 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  gport=$(free_port)
  # shellcheck disable=SC2086
  LEADGATE_REDIS_URL="redis://127.0.0.1:$port" LEADGATE_PORT=$gport \
    java $GATEWAY_JAVA_OPTS -jar "$jar" --config bench/memory.yaml > "$WORK/$label/gateway.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  wait_http "http://127.0.0.1:$gport/health/ready" 300
  java bench/MemoryLoad.java "http://127.0.0.1:$gport" warm 1000000 100 "$VIEWS" 5 >/dev/null
  drained "$port"
  m0=$(settled_memory "$port")
  aof0=$(info "$port" persistence aof_current_size)
  t0=$SECONDS
  java bench/MemoryLoad.java "http://127.0.0.1:$gport" run 0 "$VISITORS" "$VIEWS" 0 > "$WORK/$label/load.txt"
  drained "$port"
  m1=$(settled_memory "$port")
  aof1=$(info "$port" persistence aof_current_size)
  echo "$label: $VISITORS visitors x $VIEWS page views sent and projected in $((SECONDS - t0)) s ($(cat "$WORK/$label/load.txt"))"
  agg=0
  keys=0
  for key in $(redis-cli -p "$port" --scan --pattern 'lg:{d:bench}:*'); do
    agg=$((agg + $(redis-cli -p "$port" memory usage "$key" samples 0)))
    keys=$((keys + 1))
  done
  # a visitor's keys: its list, and the hash and id set of the build before (absent in this one)
  sample=$(redis-cli -p "$port" --scan --pattern 'lg:{s*}:tl:bench:*' | awk 'NR <= 200' | while read -r key; do
      for k in "$key" "${key/:tl:/:v:}" "${key/:tl:/:seen:}"; do
        redis-cli -p "$port" memory usage "$k" samples 0
      done | awk '{s += $1} END {print s + 0}'; done | awk '{s += $1; n++} END {printf "%.0f", s / n}')
  # a submission that still failed after its retries is counted out (the bytes are per lead made)
  java bench/MemoryLoad.java "http://127.0.0.1:$gport" run 0 0 "$VIEWS" "$LEADS" > "$WORK/$label/leads.txt" \
    2> "$WORK/$label/leads.err" || head -3 "$WORK/$label/leads.err" >&2
  made=$(grep -oE 'leads=[0-9]+' "$WORK/$label/leads.txt" | cut -d= -f2)
  echo "$label: leads $(cat "$WORK/$label/leads.txt")"
  drained "$port"
  m2=$(settled_memory "$port")
  printf '%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n' "$label" "$(( (m1 - m0) / VISITORS ))" \
    "$(( (m2 - m1) / (${made:-0} > 0 ? made : 1) ))" "$agg" "$keys" "$sample" "$(( (aof1 - aof0) / (VISITORS * VIEWS) ))" \
    "$(redis-cli -p "$port" dbsize)" "$(awk '/VmHWM/ {print $2 / 1024 " MB"}' "/proc/$pid/status")" >> "$RESULTS"
  kill "$pid" "$rpid"
  wait "$pid" "$rpid" 2>/dev/null || true
}

echo "leadgate Redis memory, $(date -u +%FT%TZ): $VISITORS visitors x $VIEWS page views, $LEADS leads;" \
  "redis $(redis-server --version | awk '{print $3}' | cut -d= -f2); work dir $WORK"
measure gateway "$JAR"
[ -z "$COMPARE_JAR" ] || measure compare "$COMPARE_JAR"

echo
printf '%-8s %12s %10s %22s %16s %14s %8s %14s\n' build "B/visitor" "B/lead" "aggregates of the day" \
  "visitor keys" "AOF B/event" keys "gateway peak"
while IFS=$'\t' read -r label visitor lead agg keys sample aof dbsize hwm; do
  printf '%-8s %12s %10s %14s in %2s keys %16s %14s %8s %14s\n' "$label" "$visitor" "$lead" "$agg" "$keys" \
    "$sample" "$aof" "$dbsize" "$hwm"
done < "$RESULTS"
echo "(B/visitor: used_memory growth per visitor after projection, keys, expires and aggregates included; B/lead:"
echo " growth per form submission that made a lead, its form event projected; visitor keys: MEMORY USAGE of a"
echo " visitor's keys, name and dict entry included, mean of 200 visitors; AOF B/event: AOF growth per page view)"
if [ -n "$COMPARE_JAR" ]; then
  awk -F'\t' '$1 == "gateway" {g = $2} $1 == "compare" {c = $2}
    END {printf "ratio gateway / compare, bytes per visitor: %.2f (goal <= 1500 bytes: %s)\n", g / c, g <= 1500 ? "met" : "not met"}' "$RESULTS"
fi
