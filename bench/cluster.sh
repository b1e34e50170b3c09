#!/usr/bin/env bash
# Intake on a Redis Cluster: how the keys and the commands of an intake run spread over the masters, and the
# cross-slot work per event. Starts MASTERS redis-server nodes (cluster mode, no replicas, AOF everysec as in
# production) on 127.0.0.1, one gateway (bench/collect.yaml with `redis: {mode: cluster}`), drives POST /e with
# bench/pageview.lua (wrk), waits until the projector has projected every accepted event, and reads each master's
# INFO commandstats, errorstats and keyspace. On a shared 2-core machine the timing says nothing about scaling, so the
# report is counts and ratios: calls per event, shares per master, redirects and cross-slot refusals (goal: none).
#
#   bench/cluster.sh                       # 3 masters, 10 s warm-up, 15 s measured
#   PARTITIONS=6 bench/cluster.sh          # the event log in 6 streams instead of collect.yaml's 2
#   MASTERS=6 CONNECTIONS=32 bench/cluster.sh
#
# The counters are reset (CONFIG RESETSTAT) after the warm-up; an idle period as long as the measured run is counted
# first, so the gateway's own polling (stream reads, slot map refreshes, node probes) can be told from the load's work.
# Everything it starts listens on 127.0.0.1 on free ports and is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/common.sh
. bench/common.sh

MASTERS=${MASTERS:-3}            # cluster masters (no replicas: replication is not what this measures)
CONNECTIONS=${CONNECTIONS:-16}   # wrk connections
WARMUP=${WARMUP:-10}             # seconds of warm-up (not counted)
DURATION=${DURATION:-15}         # seconds of the measured run (and of the idle period before it)
PARTITIONS=${PARTITIONS:-}       # ingest.partitions (default: bench/collect.yaml's)
DRAIN_LIMIT=${DRAIN_LIMIT:-180}  # seconds to wait at most for the projector
KEEP=${KEEP:-0}                  # 1: keep the work directory
JAR=${GATEWAY_JAR:-target/leadgate.jar}
LUA=bench/pageview.lua
SITE=bench

need=()
for tool in wrk curl redis-server redis-cli; do
  command -v "$tool" >/dev/null 2>&1 || need+=("$tool")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing from Debian: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk curl redis-server >/dev/null
fi
if [ ! -f "$JAR" ]; then
  echo "building $JAR"
  mvn -q -o -DskipTests package
fi

WORK=$(mktemp -d /tmp/leadgate-cluster-bench.XXXXXX)
PIDS=()
trap cleanup EXIT

# ---------------------------------------------------------------- the cluster
PORTS=()
for i in $(seq 1 "$MASTERS"); do
  port=$(free_port)
  mkdir -p "$WORK/$port"
  redis-server --port "$port" --bind 127.0.0.1 --dir "$WORK/$port" --cluster-enabled yes \
    --cluster-config-file nodes.conf --cluster-node-timeout 5000 "${REDIS_PRODUCTION_OPTS[@]}" \
    --logfile "$WORK/$port/redis.log" &
  PIDS+=("$!")
  PORTS+=("$port")
done
for port in "${PORTS[@]}"; do
  for _ in $(seq 1 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
done
redis-cli --cluster create $(printf '127.0.0.1:%s ' "${PORTS[@]}") --cluster-replicas 0 --cluster-yes \
  > "$WORK/create.log" 2>&1 || { cat "$WORK/create.log" >&2; exit 1; }
for port in "${PORTS[@]}"; do
  for _ in $(seq 1 200); do
    redis-cli -p "$port" cluster info | grep -q 'cluster_state:ok' && break
    sleep 0.1
  done
done

# ---------------------------------------------------------------- the gateway
GW_PORT=$(free_port)
CONFIG=$WORK/cluster.yaml
{
  if [ -n "$PARTITIONS" ]; then
    sed "s/^  partitions: .*/  partitions: $PARTITIONS/" bench/collect.yaml
  else
    cat bench/collect.yaml
  fi
  echo "redis:"
  echo "  mode: cluster"
  echo "  nodes: [$(printf 'redis://127.0.0.1:%s, ' "${PORTS[@]}" | sed 's/, $//')]"
} > "$CONFIG"
PARTS=$(awk '/^  partitions:/ {print $2}' "$CONFIG")
LEADGATE_PORT=$GW_PORT java -jar "$JAR" --config "$CONFIG" > "$WORK/gateway.log" 2>&1 &
GW_PID=$!
PIDS+=("$GW_PID")
wait_http "http://127.0.0.1:$GW_PORT/health/ready" 90

metric() { # name -> the sum of a Prometheus counter over its series
  curl -fsS "http://127.0.0.1:$GW_PORT/metrics" | awk -v name="$1" '$1 ~ "^"name"({|$)" {s += $2} END {printf "%d\n", s}'
}
projected_or_seen() { echo $(( $(metric leadgate_events_projected_total) + $(metric leadgate_events_duplicate_total) )); }
drain_accepted() { # waits (polling the gateway, not Redis: its counters stay the load's) until every accepted event is projected
  local limit=$((SECONDS + DRAIN_LIMIT))
  while [ "$(projected_or_seen)" -lt "$(metric leadgate_events_accepted_total)" ] && [ $SECONDS -lt $limit ]; do
    sleep 0.5
  done
}
reset_stats() { for port in "${PORTS[@]}"; do redis-cli -p "$port" config resetstat >/dev/null; done; }
commandstats() { # port -> "command calls" lines (the calls since the last reset)
  redis-cli -p "$1" info commandstats | tr -d '\r' | awk -F'[:,=]' '/^cmdstat_/ {print substr($1, 9), $3}'
}
run_wrk() { # label seconds
  BENCH_RUN=$1 BENCH_SITE=$SITE timeout $(($2 + 30)) wrk -t1 -c"$CONNECTIONS" -d"$2s" --timeout 5s -s "$LUA" \
    "http://127.0.0.1:$GW_PORT/e" > "$WORK/$1.txt"
}

echo "leadgate intake on a Redis Cluster, $(date -u +%FT%TZ): $MASTERS masters, ingest.partitions $PARTS," \
  "wrk -t1 -c$CONNECTIONS, warm-up ${WARMUP}s, idle ${DURATION}s, measured ${DURATION}s; work dir $WORK"
run_wrk warmup "$WARMUP"
drain_accepted

# ---------------------------------------------------------------- idle, then the load
reset_stats
sleep "$DURATION"
for port in "${PORTS[@]}"; do commandstats "$port" > "$WORK/idle-$port.txt"; done
reset_stats
accepted0=$(metric leadgate_events_accepted_total)
started=$SECONDS
run_wrk run "$DURATION"
drain_accepted
elapsed=$((SECONDS - started))
for port in "${PORTS[@]}"; do
  commandstats "$port" > "$WORK/run-$port.txt"
  redis-cli -p "$port" info errorstats | tr -d '\r' | awk -F'[:=]' '/^errorstat_/ {print substr($1, 11), $3}' \
    > "$WORK/errors-$port.txt"
  redis-cli -p "$port" dbsize > "$WORK/keys-$port.txt"
done
events=$(( $(metric leadgate_events_accepted_total) - accepted0 ))
left=$(( $(metric leadgate_events_accepted_total) - $(projected_or_seen) ))

# ---------------------------------------------------------------- report
slots_of() { # port -> the slots the node serves (its line of CLUSTER NODES: ranges from the 9th field)
  redis-cli -p "$1" cluster nodes | awk '/myself/ {n = 0; for (i = 9; i <= NF; i++) {
      split($i, r, "-"); n += (r[2] == "" ? 1 : r[2] - r[1] + 1) } print n}'
}
owner() { # hash tag -> the port of the master serving it
  local slot
  slot=$(redis-cli -p "${PORTS[0]}" cluster keyslot "{$1}")
  for port in "${PORTS[@]}"; do
    redis-cli -p "$port" cluster nodes | awk -v s="$slot" '/myself/ {for (i = 9; i <= NF; i++) {
        split($i, r, "-"); if (r[2] == "") r[2] = r[1]; if (s >= r[1] && s <= r[2]) f = 1 } }
      END {exit !f}' && { echo "$port"; return; }
  done
}
declare -A SHARDS INPARTS
for s in $(seq 0 63); do
  p=$(owner "$(printf 's%02d' "$s")")
  SHARDS[$p]=$(( ${SHARDS[$p]:-0} + 1 ))
done
for s in $(seq 0 $((PARTS - 1))); do
  p=$(owner "in$s")
  INPARTS[$p]=$(( ${INPARTS[$p]:-0} + 1 ))
done

total_keys=0; total_calls=0
for port in "${PORTS[@]}"; do
  total_keys=$((total_keys + $(cat "$WORK/keys-$port.txt")))
  total_calls=$((total_calls + $(awk '{s += $2} END {print s + 0}' "$WORK/run-$port.txt")))
done
echo "events accepted in the measured run: $events (wrk: $(field "$WORK/run.txt" requests) requests," \
  "$(field "$WORK/run.txt" non2xx) not 2xx); not yet projected after the drain: $left; run + drain ${elapsed}s"
echo
echo "== spread over the masters (calls: run + drain, every command; keys: DBSIZE at the end) =="
printf "%-17s %6s %7s %9s %10s %7s %12s %7s %9s\n" master slots shards "log parts" keys "keys %" calls "calls %" "calls/ev"
for port in "${PORTS[@]}"; do
  keys=$(cat "$WORK/keys-$port.txt")
  calls=$(awk '{s += $2} END {print s + 0}' "$WORK/run-$port.txt")
  awk -v m="127.0.0.1:$port" -v sl="$(slots_of "$port")" -v sh="${SHARDS[$port]:-0}" -v ip="${INPARTS[$port]:-0}" \
    -v k="$keys" -v tk="$total_keys" -v c="$calls" -v tc="$total_calls" -v e="$events" 'BEGIN {
      printf "%-17s %6d %7d %9d %10d %6.1f%% %12d %6.1f%% %9.2f\n", m, sl, sh, ip, k, 100 * k / tk, c, 100 * c / tc, c / e }'
done
echo "(shards: of the 64 virtual shards lg:{sNN}, the ones whose slot the master serves; log parts: the event log's"
echo " streams lg:{inP}, which take every XADD of the intake)"
echo "site $SITE: its daily counts lg:{d:$SITE} on 127.0.0.1:$(owner "d:$SITE"), its lead index lg:{ix:$SITE} on" \
  "127.0.0.1:$(owner "ix:$SITE") (one slot per site: every projection batch of the site counts there)"
echo
echo "== calls per accepted event, all masters (idle: the same command's calls per second with no load) =="
echo "(commands a script runs count under their own names too; how many events share an XADD, a script call or a"
echo " transaction depends on the rate: the slower the run, the more calls per event)"
cat "$WORK"/run-*.txt | awk '{c[$1] += $2} END {for (k in c) print k, c[k]}' | sort -k2 -n -r > "$WORK/run-all.txt"
cat "$WORK"/idle-*.txt | awk '{c[$1] += $2} END {for (k in c) print k, c[k]}' > "$WORK/idle-all.txt"
awk -v e="$events" -v d="$DURATION" 'NR == FNR {idle[$1] = $2; next} {
    printf "%-28s %10d calls %8.4f per event   idle %7.1f/s\n", $1, $2, $2 / e, idle[$1] / d }' \
  "$WORK/idle-all.txt" "$WORK/run-all.txt"
echo
echo "== cross-slot work and redirects (INFO errorstats, all masters; goal: none) =="
crossslot=$(cat "$WORK"/errors-*.txt | awk '$1 == "CROSSSLOT" {s += $2} END {print s + 0}')
moved=$(cat "$WORK"/errors-*.txt | awk '$1 == "MOVED" {s += $2} END {print s + 0}')
ask=$(cat "$WORK"/errors-*.txt | awk '$1 == "ASK" {s += $2} END {print s + 0}')
multi=$(awk '$1 == "multi" {print $2}' "$WORK/run-all.txt")
exec_=$(awk '$1 == "exec" {print $2}' "$WORK/run-all.txt")
echo "CROSSSLOT refusals (a command or transaction naming keys of several slots): $crossslot"
echo "MOVED redirects: $moved, ASK redirects: $ask"
awk -v m="${multi:-0}" -v x="${exec_:-0}" -v e="$events" 'BEGIN {
  printf "MULTI/EXEC transactions: %d (%.4f per event), each on one slot: a cluster refuses any other\n", x, x / e }'
echo "other error replies: $(cat "$WORK"/errors-*.txt | awk '$1 != "CROSSSLOT" && $1 != "MOVED" && $1 != "ASK" {
  printf "%s=%s ", $1, $2}')"
echo
echo "== the gateway's per-node metrics (leadgate_redis_node_*, probed every 5 s) =="
curl -fsS "http://127.0.0.1:$GW_PORT/metrics" | grep -E '^leadgate_redis_node_(up|keys|redirects_total)' | sort
echo "versions: redis $(redis-server --version | awk '{print $3}' | cut -d= -f2), $(java -version 2>&1 | head -1)"
if [ "$crossslot" -gt 0 ]; then
  echo "CROSS-SLOT commands were refused: the gateway sent keys of several slots in one command" >&2
  exit 1
fi
