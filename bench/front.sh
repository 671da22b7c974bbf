#!/usr/bin/env bash
# The front-server benchmark, one command:   bench/front.sh
#
# GET of a 1.7 MB and a 40 KB image and a 304 revalidation, on the same folder in the same run,
# from one nginx (one worker) with three server blocks:
#   - plain nginx serving the folder (sendfile on, etag on): the reference;
#   - the shipped server-config/nginx/imagestore.conf in front of imagestore running with
#     imagestore.offload=x-accel-redirect: imagestore decides every request, nginx sends the bytes;
#   - the shipped server-config/nginx/imagestore-cache.conf: nginx keeps imagestore's answers in
#     proxy_cache (validity 10 s, revalidated in the background), so repeats never reach the
#     application server.
# Prints a Markdown table (also written to bench/front-results.md).
# Settings: BENCH_SECONDS per scenario (10), BENCH_WARMUP (5), BENCH_CONNECTIONS (8), BENCH_TURNS
# (3: plain nginx and the caching front take turns, BENCH_SECONDS split between them).
# Ports: 8180/10090 (WildFly, offset 100), 8280 (plain), 8380 (front), 8480 (caching front).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${BENCH_SECONDS:-10}
conns=${BENCH_CONNECTIONS:-8}
TURNS=${BENCH_TURNS:-3}
WORK=$PWD/bench/work
SEED=$WORK/seed-front
SERVER=$WORK/wildfly-front

source bench/lib.sh
prepare
[ -f "$SEED/.complete" ] || { rm -rf "$SEED"; python3 bench/make_seed.py "$SEED" 0; touch "$SEED/.complete"; }

trap stop_all EXIT
stop_all
sleep 1

start_service "$SERVER" "$SEED" -Dimagestore.offload=x-accel-redirect

# The shipped front config, with only its ADAPT lines changed.
front=$(sed -E \
  -e "s|^([[:space:]]*)server [^#]*# ADAPT.*|\1server 127.0.0.1:8180;|" \
  -e "s|^([[:space:]]*)listen [^#]*# ADAPT.*|\1listen 127.0.0.1:8380;|" \
  -e "s|^([[:space:]]*)alias [^#]*# ADAPT.*|\1alias $SEED/;|" \
  server-config/nginx/imagestore.conf)
# The shipped caching front, likewise (its upstream renamed: both configs name one).
rm -rf "$WORK/front-cache"
cache=$(sed -E \
  -e "s|^proxy_cache_path [^#]*# ADAPT.*|proxy_cache_path $WORK/front-cache levels=1:2 keys_zone=imagestore:10m max_size=2g inactive=1d use_temp_path=off;|" \
  -e "s|^([[:space:]]*)server [^#]*# ADAPT.*|\1server 127.0.0.1:8180;|" \
  -e "s|^([[:space:]]*)listen [^#]*# ADAPT.*|\1listen 127.0.0.1:8480;|" \
  -e "s|imagestore_app|imagestore_cached_app|g" \
  server-config/nginx/imagestore-cache.conf)
start_nginx "
server { listen 127.0.0.1:8280; root $SEED; keepalive_requests 1000000; open_file_cache max=10000 inactive=60s; }
$front
$cache"

: > "$WORK/rows"
BIG=generated_20251130_000000_big.png
SMALL=generated_20251130_000000_small.png
# settle: waits (at most a minute) until the service's JVM is idle after its start (JIT, the
# index's start-up), so that it takes no core from nginx and wrk in what follows.
settle() {
  local pid ticks before
  pid=$(pgrep -f "jboss.home.dir=$SERVER" | head -1)
  for _ in $(seq 30); do
    before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    sleep 2
    ticks=$(( $(awk '{print $14 + $15}' "/proc/$pid/stat") - before ))
    [ "$ticks" -le 10 ] && return 0  # under 5% of one core over 2 s (100 ticks a second)
  done
}
# scenarios SERVER BASE: the three scenarios against one server.
scenarios() {
  local server=$1 base=$2
  cmp -s "$SEED/$BIG" <(curl -sf "$base/$BIG") || { echo "$server did not serve $BIG byte for byte"; exit 1; }
  measure "$server GET 1.7 MB" "$base/$BIG"
  measure "$server GET 40 KB" "$base/$SMALL"
  measure "$server 304" "$base/$SMALL" -H "If-None-Match: $(header "$base/$SMALL" ETag)"
}
# in_turns: plain nginx and the caching front, whose ratio is the target, measured in turns
# (BENCH_TURNS times each, DURATION split between the turns, a 2 s warm-up before each), so that
# a drift of the machine's speed during the run falls on both; the table takes each one's median.
in_turns() {
  local DURATION=$(( (DURATION + TURNS - 1) / TURNS )) BENCH_WARMUP=2
  for _ in $(seq "$TURNS"); do
    scenarios nginx http://127.0.0.1:8280
    scenarios cache http://127.0.0.1:8480/storage/images
  done
}
settle
scenarios front http://127.0.0.1:8380/storage/images
# The caching front wants the bytes from the application: no X-Accel-Redirect (nginx never caches
# an answer that carries one). The same service, started again without offload; plain nginx is
# measured right beside it, on a settled service, since the two are compared.
pkill -f "jboss.home.dir=$SERVER" || true
while curl -sf -o /dev/null http://127.0.0.1:8180/ 2>/dev/null; do sleep 0.5; done
sleep 2
start_service "$SERVER" "$SEED"
settle
in_turns
python3 - "$WORK/rows" "$DURATION" "$conns" "$TURNS" <<'PY' | tee bench/front-results.md
import subprocess, sys, datetime
import statistics
runs = {}
for line in open(sys.argv[1]):
    name, rps, p50, p99, *err = line.strip().split("|")
    runs.setdefault(name, []).append((float(rps), float(p50), err[0] if err else ""))
# A server measured in turns: the median of its turns' requests/s and p50s, and every error.
rows = {name: (statistics.median(r[0] for r in turns), statistics.median(r[1] for r in turns),
               " ".join(r[2] for r in turns if r[2])) for name, turns in runs.items()}
duration, conns, turns = sys.argv[2:]
cpus = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
nginx = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip().split("/")[-1]
print(f"Measured {datetime.date.today()} on {cpus} cores; nginx {nginx} with one worker, WildFly 39.0.1;")
print(f"wrk -t1, {conns} connections, {duration} s per scenario after a warm-up (plain nginx and the caching front:\n"
      f"in {turns} turns each, medians), all on the same cores.\n")
print("| GET scenario | plain nginx req/s | front (X-Accel-Redirect) req/s | front / nginx | caching front req/s | caching / nginx |")
print("| --- | --- | --- | --- | --- | --- |")
for scenario in ("GET 1.7 MB", "GET 40 KB", "304"):
    n, f, e = (rows[f"{s} {scenario}"] for s in ("nginx", "front", "cache"))
    errors = " ".join(x for x in (n[2], f[2], e[2]) if x)
    print(f"| {scenario} | {n[0]:.0f} (p50 {n[1]:.2f} ms) | {f[0]:.0f} (p50 {f[1]:.2f} ms) | {f[0]/n[0]:.2f}x "
          f"| {e[0]:.0f} (p50 {e[1]:.2f} ms) | {e[0]/n[0]:.2f}x | {errors}")
PY
