#!/usr/bin/env bash
# The index and serving benchmark, one command:   bench/run.sh
#
# Starts the service on a folder pre-filled with 100,000 images in the seed's format, then
# measures with wrk, and prints a Markdown table (also written to bench/results.md):
#   - start-up reconciliation of the folder into the index;
#   - list-images limit=50 at offset 0 and 90,000, and a q search: p50, p99;
#   - save-image of a 1.7 MB PNG as base64 JSON: requests/s, p50;
#   - GET of a 1.7 MB and a 40 KB image, and a 304 revalidation, against the service, against
#     nginx (sendfile on, etag on) and against WildFly's own Undertow file handler, all on the
#     same folder in the same run.
# Settings: BENCH_IMAGES (100000), BENCH_SECONDS per scenario (10), BENCH_WARMUP (5),
# BENCH_CONNECTIONS (8).
# Everything runs on 127.0.0.1, on ports 8180/10090 (WildFly, offset 100) and 8280 (nginx),
# so a test server on 8080 is not disturbed. Installs wrk and nginx with apt-get if missing.
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGES=${BENCH_IMAGES:-100000}
DURATION=${BENCH_SECONDS:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
WORK=$PWD/bench/work
SEED=$WORK/seed-$IMAGES
SERVER=$WORK/wildfly
APP=http://127.0.0.1:8180
NGINX=http://127.0.0.1:8280

source bench/lib.sh
prepare
[ -f "$SEED/.complete" ] || { rm -rf "$SEED"; python3 bench/make_seed.py "$SEED" "$IMAGES"; touch "$SEED/.complete"; }

trap stop_all EXIT
stop_all
sleep 1

started=$(date +%s.%N)
start_service "$SERVER" "$SEED"
ready_wall=$(python3 -c "import time; print(round(time.time() - $started, 1))")
reconcile_ms=$(curl -sf "$APP/api/storage-stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["last_reconciliation"]["millis"])')

# WildFly's own static file handler on the same folder, as the in-server reference.
"$SERVER/bin/jboss-cli.sh" --connect --controller=127.0.0.1:10090 --commands="/subsystem=undertow/configuration=handler/file=bench-files:add(path=$SEED),/subsystem=undertow/server=default-server/host=default-host/location=\/bench-files:add(handler=bench-files)" > /dev/null
UNDERTOW=$APP/bench-files

start_nginx "server { listen 127.0.0.1:8280; root $SEED; }"

conns=$CONNECTIONS
: > "$WORK/rows"
BIG=generated_20251130_000000_big.png
SMALL=generated_20251130_000000_small.png
for server in app nginx undertow; do
  case $server in
    app) base=$APP/storage/images ;;
    nginx) base=$NGINX ;;
    undertow) base=$UNDERTOW ;;
  esac
  measure "$server GET 1.7 MB" "$base/$BIG"
  measure "$server GET 40 KB" "$base/$SMALL"
  etag=$(header "$base/$SMALL" ETag)
  if [ -n "$etag" ]; then
    measure "$server 304 (If-None-Match)" "$base/$SMALL" -H "If-None-Match: $etag"
  else
    measure "$server 304 (If-Modified-Since)" "$base/$SMALL" -H "If-Modified-Since: $(header "$base/$SMALL" Last-Modified)"
  fi
done
# The list scenarios twice: one client at a time (the latency a user sees on an idle service) and
# $CONNECTIONS at once (a loaded service: p50 then grows with the queue, by Little's law).
for conns in 1 "$CONNECTIONS"; do
  measure "list-images limit=50 offset=0, $conns conn" "$APP/api/list-images?limit=50&offset=0"
  measure "list-images limit=50 offset=90000, $conns conn" "$APP/api/list-images?limit=50&offset=$((IMAGES * 9 / 10))"
  measure "list-images q=lighthouse limit=50, $conns conn" "$APP/api/list-images?q=lighthouse&limit=50"
done
conns=$CONNECTIONS

python3 - "$SEED/$BIG" "$WORK/save-body.json" <<'EOF'
import base64, json, sys
json.dump({"image": base64.b64encode(open(sys.argv[1], "rb").read()).decode(),
           "metadata": {"prompt": "benchmark save", "model": "sdxl"}}, open(sys.argv[2], "w"))
EOF
save_from=$(date -u +%Y-%m-%dT%H:%M:%SZ)
BENCH_BODY=$WORK/save-body.json measure "save-image 1.7 MB PNG" "$APP/api/save-image" -s bench/save.lua
# The saves are not part of the seed folder: delete them again through the API.
curl -sf "$APP/api/delete-images" -H 'Content-Type: application/json' \
  -d "{\"filenames\": $(curl -sf "$APP/api/list-images?since=$save_from&limit=1000" | python3 -c 'import json,sys; print(json.dumps([i["filename"] for i in json.load(sys.stdin)["images"]]))')}" > /dev/null

python3 - "$WORK/rows" "$IMAGES" "$reconcile_ms" "$ready_wall" "$DURATION" "$CONNECTIONS" <<'EOF' | tee bench/results.md
import platform, subprocess, sys, datetime
rows = {}
for line in open(sys.argv[1]):
    name, rps, p50, p99, *err = line.strip().split("|")
    rows[name] = (float(rps), float(p50), float(p99), err[0] if err else "")
images, reconcile_ms, ready_wall, duration, conns = sys.argv[2:]
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
mem = round(int(open("/proc/meminfo").readline().split()[1]) / 1024 / 1024)
cpus = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
print(f"Measured {datetime.date.today()} on {cpus} cores, {mem} GiB, {java}; WildFly 39.0.1, H2 in memory;")
print(f"wrk -t1, {conns} connections unless a row says otherwise, {duration} s per scenario after a warm-up,")
print("wrk and the servers sharing the cores.\n")
print("| scenario | requests/s | p50 ms | p99 ms | target |")
print("| --- | --- | --- | --- | --- |")
print(f"| start-up reconciliation of {int(images):,} images | | {int(reconcile_ms)/1000:.1f} s (ready {ready_wall} s after start) | | < 30 s |")
def target(name):
    return "p50 < 50 ms" if "q=" in name else "p50 < 10 ms" if name.startswith("list") else ""

for name, (rps, p50, p99, err) in rows.items():
    if name.startswith(("app", "nginx", "undertow")):
        continue
    print(f"| {name} | {rps:.0f} | {p50:.2f} | {p99:.2f} | {target(name)} {err} |")
print("\n| GET scenario | imagestore servlet req/s | nginx req/s | Undertow file handler req/s | servlet / nginx | servlet / Undertow |")
print("| --- | --- | --- | --- | --- | --- |")
for scenario in ("GET 1.7 MB", "GET 40 KB", "304"):
    def pick(server):
        return next(v for k, v in rows.items() if k.startswith(server + " " + scenario))
    a, n, u = pick("app"), pick("nginx"), pick("undertow")
    label = next(k for k in rows if k.startswith("app " + scenario))[4:]
    print(f"| {label} | {a[0]:.0f} | {n[0]:.0f} | {u[0]:.0f} | {a[0]/n[0]:.2f}x | {a[0]/u[0]:.2f}x |")
EOF
