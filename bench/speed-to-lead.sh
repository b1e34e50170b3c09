#!/usr/bin/env bash
# Speed to lead: a lead-magnet form submitted → its signed lead.created webhook received by a local receiver.
# Prints p50/p90/p99 (the goal on a 2-core machine: p99 under 250 ms). Starts its own redis-server (AOF, fsync every
# second, as docker/compose.yaml runs it) and the gateway jar with a form and a webhook endpoint, then
# bench/SpeedToLead.java submits at a steady rate and receives the webhooks.
#
# Needs the forms feature (POST /f/{form}); without it the gateway refuses the forms: configuration and the script
# says so. Until then, bench/OutboxToWebhook.java measures outbox append → webhook received.
#
# Usage: bench/speed-to-lead.sh [submits per second, default 20] [seconds, default 30]
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:-20}
duration=${2:-30}
secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw

[ -f target/leadgate.jar ] || mvn -q -o -DskipTests package
work=$(mktemp -d -t leadgate-speed-to-lead.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
redis_port=$(free_port)
gateway_port=$(free_port)
receiver_port=$(free_port)

redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$work" --save '' --appendonly yes --appendfsync everysec \
  --logfile "$work/redis.log" &
pids+=($!)
for _ in $(seq 100); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.05; done

cat > "$work/leadgate.yaml" <<YAML
server:
  port: $gateway_port
  host: 127.0.0.1
redis:
  url: redis://127.0.0.1:$redis_port
secret: "$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
sites:
  - key: bench
    allowedOrigins: ["*"]
forms:
  - id: bench
    site: bench
    kind: contact
    fields:
      - {name: email, type: email, required: true}
      - {name: company}
    spam:
      blockDisposable: false
    rateLimit:
      perIp: 0
      perEmail: 0
webhooks:
  - id: crm
    url: http://127.0.0.1:$receiver_port/hook
    secret: $secret
    allowSubnets: [127.0.0.0/8]
    events: [lead.created]
YAML

java -jar target/leadgate.jar --config "$work/leadgate.yaml" > "$work/gateway.log" 2>&1 &
gateway_pid=$!
pids+=($gateway_pid)
for _ in $(seq 200); do
  curl -fs "http://127.0.0.1:$gateway_port/health/ready" >/dev/null 2>&1 && break
  if ! kill -0 "$gateway_pid" 2>/dev/null; then
    echo "the gateway did not start:" >&2
    tail -5 "$work/gateway.log" >&2
    grep -q "is not a known setting" "$work/gateway.log" \
      && echo "(this build does not have the forms feature yet: merge it, then run this again)" >&2
    exit 2
  fi
  sleep 0.1
done

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp target/leadgate.jar bench/SpeedToLead.java --gateway "http://127.0.0.1:$gateway_port" --form bench \
  --receiver-port "$receiver_port" --secret "$secret" --rate "$rate" --seconds "$duration"
