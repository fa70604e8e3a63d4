#!/usr/bin/env bash
# Starts the local stack (bin/run) on free ports with its data in a temporary folder, drives traffic
# through it (delivered and retried jobs, refused requests), scrapes it with Debian's
# Prometheus, then evaluates every query of every dashboard in deploy/grafana/dashboards through
# Prometheus' HTTP API and lists the ones that return nothing. Exit code 1 when any is empty.
#
# Needs: prometheus (Debian package 'prometheus'), curl, jq. Takes about three minutes.
#   scripts/check-dashboards.sh            # traffic for 60 s
#   TRAFFIC_SECONDS=120 scripts/check-dashboards.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

for tool in prometheus curl jq; do
  command -v "$tool" >/dev/null || { echo "check-dashboards: '$tool' is missing (apt-get install $tool)" >&2; exit 2; }
done

traffic_seconds=${TRAFFIC_SECONDS:-60}
work=$(mktemp -d -t hooklane-dashboards.XXXXXX)
stack_pid=""
prometheus_pid=""
cleanup() {
  local status=$?
  if [ -n "$prometheus_pid" ]; then kill "$prometheus_pid" 2>/dev/null; wait "$prometheus_pid" 2>/dev/null || true; fi
  if [ -n "$stack_pid" ]; then kill "$stack_pid" 2>/dev/null; wait "$stack_pid" 2>/dev/null || true; fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

free_port() {
  # Asks the kernel for a free port, then lets it go.
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || shuf -i 20000-29999 -n 1
}
# Four consecutive free ports for the services.
while :; do
  api_port=$(free_port)
  ok=1
  for offset in 1 2 3; do
    (echo >"/dev/tcp/127.0.0.1/$((api_port + offset))") 2>/dev/null && ok=0
  done
  [ "$ok" = 1 ] && break
done
kafka_port=$(free_port)
receiver_port=$(free_port)
prometheus_port=$(free_port)
ingest_port=$((api_port + 1)); router_port=$((api_port + 2)); worker_port=$((api_port + 3))

echo "Starting the local stack (API on $api_port, Kafka on $kafka_port; log: $work/stack.log) ..."
HOOKLANE_DATA_DIR="$work/data" HOOKLANE_LOCAL_KAFKA_PORT=$kafka_port HOOKLANE_LOCAL_API_PORT=$api_port \
  HOOKLANE_LOCAL_RECEIVER_PORT=$receiver_port bin/run >"$work/stack.log" 2>&1 &
stack_pid=$!
for _ in $(seq 1 600); do
  grep -q 'export HOOKLANE_KEY=' "$work/stack.log" && break
  if ! kill -0 "$stack_pid" 2>/dev/null || grep -q 'Exception in thread "main"' "$work/stack.log"; then
    echo "The local stack failed to start:" >&2; grep -m1 -A5 'Exception' "$work/stack.log" >&2 || tail -20 "$work/stack.log" >&2; exit 1
  fi
  sleep 1
done
key=$(grep -o 'export HOOKLANE_KEY=[^ ]*' "$work/stack.log" | head -1 | cut -d= -f2)
[ -n "$key" ] || { echo "The local stack did not start within 10 minutes; see $work/stack.log" >&2; exit 1; }

cat >"$work/prometheus.yml" <<YAML
global:
  scrape_interval: 5s
  evaluation_interval: 5s
rule_files:
  - $root/deploy/prometheus/alerts.yml
scrape_configs:
  - job_name: subscription-api
    static_configs: [{targets: ["127.0.0.1:$api_port"]}]
  - job_name: ingest
    static_configs: [{targets: ["127.0.0.1:$ingest_port"]}]
  - job_name: router
    static_configs: [{targets: ["127.0.0.1:$router_port"]}]
  - job_name: delivery-worker
    static_configs: [{targets: ["127.0.0.1:$worker_port"]}]
YAML
echo "Starting Prometheus on $prometheus_port ..."
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prometheus_port" >"$work/prometheus.log" 2>&1 &
prometheus_pid=$!

api() { curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $key" -H 'Content-Type: application/json' "$@"; }
# Delivered: the demo receiver answers 2xx. Retried: nothing listens on the worker's own port + 100.
api "http://127.0.0.1:$api_port/v1/subscriptions" \
  -d "{\"url\":\"http://127.0.0.1:$receiver_port/webhooks\",\"eventTypes\":[\"reportCreated\"]}" >/dev/null
api "http://127.0.0.1:$api_port/v1/subscriptions" \
  -d "{\"url\":\"http://127.0.0.1:$((worker_port + 100))/nobody\",\"eventTypes\":[\"reportCreated\"]}" >/dev/null
echo "Driving traffic for ${traffic_seconds}s ..."
end=$((SECONDS + traffic_seconds)); n=0
while [ $SECONDS -lt $end ]; do
  n=$((n + 1))
  api "http://127.0.0.1:$ingest_port/v1/events" -d "{\"type\":\"reportCreated\",\"data\":{\"n\":$n}}" >/dev/null
  [ $((n % 20)) = 0 ] && api "http://127.0.0.1:$ingest_port/v1/events" -d '{"data":{}}' >/dev/null
  sleep 0.2
done
echo "Posted $n events. Letting Prometheus scrape for 20s more ..."
sleep 20

echo
echo "Dashboard queries (\$__rate_interval = 1m):"
empty=0; total=0
for dashboard in deploy/grafana/dashboards/*.json; do
  while IFS=$'\t' read -r title expr; do
    total=$((total + 1))
    query=${expr//\$__rate_interval/1m}
    query=${query//\$__interval/15s}
    answer=$(curl -s --get "http://127.0.0.1:$prometheus_port/api/v1/query" --data-urlencode "query=$query")
    status=$(jq -r '.status' <<<"$answer")
    series=$(jq -r '.data.result | length' <<<"$answer" 2>/dev/null || echo 0)
    if [ "$status" != "success" ]; then
      empty=$((empty + 1)); printf '  ERROR  %s / %s: %s\n' "$(basename "$dashboard")" "$title" "$(jq -r '.error' <<<"$answer")"
    elif [ "$series" = 0 ]; then
      empty=$((empty + 1)); printf '  EMPTY  %s / %s: %s\n' "$(basename "$dashboard")" "$title" "$expr"
    else
      printf '  ok %3d  %s / %s\n' "$series" "$(basename "$dashboard")" "$title"
    fi
  done < <(jq -r '.panels[] | select(.targets) | .title as $t | .targets[] | [$t, .expr] | @tsv' "$dashboard")
done
echo
echo "$((total - empty)) of $total queries returned data; $empty returned nothing."
[ "$empty" = 0 ]
