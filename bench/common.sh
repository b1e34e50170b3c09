# Shared by the benchmark scripts (sourced, not run): free ports, waiting for a server, CPU of a process, wrk's
# results as bench/pageview.lua prints them, Redis as in production (and webdis in front of one) with the gateway's
# own ACL user, the projector's backlog, and the clean-up at exit.

# Redis as docker/compose.yaml runs it: AOF, fsync every second, rewrite after 400% growth (docs/redis.md).
REDIS_PRODUCTION_OPTS=(--save "" --appendonly yes --appendfsync everysec --auto-aof-rewrite-percentage 400)

# The JVM options users start the gateway with (docker/Dockerfile's JAVA_TOOL_OPTIONS; the README gives the same), for
# the scripts that measure the gateway as it runs, rather than a JVM option against another.
USER_JAVA_OPTS=$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\(.*\)"$/\1/p' "$(dirname "${BASH_SOURCE[0]}")/../docker/Dockerfile")
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}

need_tools() { # tool...: installs from Debian those not on the PATH (apt-get; root); the package is the tool's name
  local need=() tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || need+=("$tool")
  done
  if [ ${#need[@]} -gt 0 ]; then
    echo "installing from Debian: ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
}

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "no free port found" >&2
  exit 1
}

wait_http() { # url seconds
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then
      echo "no answer from $1 after $2 s" >&2
      return 1
    fi
    sleep 0.2
  done
}

cpu_ticks() { # pid -> utime + stime of the process (all its threads) and of its exited children, in clock ticks
  awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat" # children: Redis forks to rewrite its AOF
}

field() { # file key -> value of key=value on wrk's RESULT line (bench/pageview.lua)
  grep '^RESULT' "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k {print $2}'
}

# The gateways connect as their own user, so that a run can hold the projector off by an ACL change alone.
redis_gateway_user() { # port password
  redis-cli -p "$1" acl setuser leadgate on ">$2" '~*' '&*' +@all >/dev/null
}

projector_reads() { # port hold|release: takes the projector's reads away from the gateways' user, or gives them back
  if [ "$2" = hold ]; then
    redis-cli -p "$1" acl setuser leadgate -xreadgroup -xautoclaim -xclaim >/dev/null
  else
    redis-cli -p "$1" acl setuser leadgate +xreadgroup +xautoclaim +xclaim >/dev/null
  fi
}

backlog() { # redis-port [partitions [db]] -> events in the gateway's log streams not yet projected
  # (the projector deletes what it projected); an entry holds several events and lg:{inP}:waiting counts them (a build
  # from before packing has only XLEN). partitions: ingest.partitions (default 2); db: the Redis database (default 0)
  local n=0 p entries waiting
  for p in $(seq 0 $((${2:-2} - 1))); do
    entries=$(redis-cli -p "$1" -n "${3:-0}" xlen "lg:{in$p}:events")
    waiting=$(redis-cli -p "$1" -n "${3:-0}" get "lg:{in$p}:waiting")
    n=$((n + (${waiting:-0} > entries ? ${waiting:-0} : entries)))
  done
  echo "$n"
}

drain() { # seconds poll-interval redis-port [partitions [db]]: waits, at most seconds, until that backlog is empty
  local deadline=$((SECONDS + $1)) interval=$2
  shift 2
  while [ "$(backlog "$@")" -gt 0 ] && [ $SECONDS -lt $deadline ]; do sleep "$interval"; done
}

# The rate the gateway keeps up with, projection included (issue 18's "maximum"): a wrk burst of 8 s, its events over
# the burst and the time until they are all projected. Needs WORK for wrk's output.
max_rate() { # gateway-port redis-port -> events/s
  local started
  BENCH_RUN=max wrk -t1 -c48 -d8s --timeout 5s -s bench/pageview.lua "http://127.0.0.1:$1/e" > "$WORK/max.txt"
  started=$(date +%s.%N)
  drain 300 0.2 "$2"
  awk -v s="$started" -v e="$(date +%s.%N)" '/^RESULT/ {
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    print int((v["requests"] - v["non2xx"]) / (v["duration_us"] / 1e6 + e - s))}' "$WORK/max.txt"
}

# A redis-server as in production on a free port, its files in WORK/name; a script keeps it in PIDS.
start_redis() { # name variable: sets variable to its port and variable_PID to its pid
  local port
  port=$(free_port)
  mkdir -p "$WORK/$1"
  redis-server --port "$port" --bind 127.0.0.1 --dir "$WORK/$1" "${REDIS_PRODUCTION_OPTS[@]}" \
    --logfile "$WORK/$1/redis.log" >/dev/null &
  # not in a command substitution: its subshell would keep the pid from PIDS, and the server would outlive the run
  PIDS+=("$!")
  printf -v "$2" '%s' "$port"
  printf -v "$2_PID" '%s' "$!"
  for _ in $(seq 1 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
}

# Debian's webdis in front of the Redis on port $1, on a free port: each PUT /XADD/… one XADD; threads $2, a pool of $3
# Redis connections. Sets WD_PORT and WD_PID.
start_webdis() { # redis-port threads connections
  WD_PORT=$(free_port)
  cat > "$WORK/webdis.json" <<JSON
{"redis_host": "127.0.0.1", "redis_port": $1, "http_host": "127.0.0.1", "http_port": $WD_PORT,
 "threads": $2, "pool_size": $3, "daemonize": false, "database": 0, "verbosity": 1,
 "logfile": "$WORK/webdis.log", "acl": [{"disabled": ["DEBUG", "FLUSHALL", "FLUSHDB"]}]}
JSON
  webdis "$WORK/webdis.json" &
  WD_PID=$!
  PIDS+=("$WD_PID")
}

# A script keeps the processes it starts in PIDS and its files in WORK; `trap cleanup EXIT` stops the processes and
# removes the files, unless KEEP=1.
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
}
