#!/usr/bin/env bash
# The storage back-end benchmark, one command:   bench/s3.sh
#
# The same service on the filesystem back end and on the s3 back end (s3proxy 2.6.0 on loopback,
# its filesystem provider, SigV4), one after the other in one run, and prints a Markdown table
# (also written to bench/s3-results.md):
#   - save-image of a 1.7 MB PNG as base64 JSON, one client: requests/s, p50, p99;
#   - GET of a 1.7 MB and a 40 KB image, and a 304 revalidation, at BENCH_CONNECTIONS;
#   - start-up reconciliation of a bucket holding BENCH_IMAGES images in the seed's layout
#     (two objects each: 50,000 images are 100,000 objects), against the filesystem back end's
#     on the same images as a folder.
# s3proxy runs its in-memory provider here: its filesystem provider reads the whole folder for
# every page of a listing (8 s a page at 200,000 files, measured), which would measure s3proxy.
# The seed folder is copied into the bucket with 16 PUTs at a time (bench/Fill.java), untimed.
# BENCH_SIDECARS=full gives the sidecars width and height, as imagestore writes them (one read per
# image instead of two: the seed's have neither, so its images' headers are read too).
# Settings: BENCH_IMAGES (50000), BENCH_SECONDS per scenario (10), BENCH_WARMUP (5),
# BENCH_CONNECTIONS (8). Ports: 8180/10090 (WildFly, offset 100), 8380 (s3proxy).
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGES=${BENCH_IMAGES:-50000}
DURATION=${BENCH_SECONDS:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
WORK=$PWD/bench/work
SIDECARS=${BENCH_SIDECARS:-seed}
SEED=$WORK/seed-$IMAGES$([ "$SIDECARS" = full ] && echo -full || true)
SERVER=$WORK/wildfly
APP=http://127.0.0.1:8180
S3=http://127.0.0.1:8380
S3PROXY=$HOME/.m2/repository/org/gaul/s3proxy/2.6.0/s3proxy-2.6.0-jar-with-dependencies.jar
KEY=bench-identity
SECRET=bench-credential

source bench/lib.sh
prepare
[ -f "$S3PROXY" ] || mvn -B -q dependency:get -Dartifact=org.gaul:s3proxy:2.6.0:jar:jar-with-dependencies
[ -f "$SEED/.complete" ] || { rm -rf "$SEED"; python3 bench/make_seed.py "$SEED" "$IMAGES" "$SIDECARS"; touch "$SEED/.complete"; }

stop_s3() { pkill -f "s3proxy.*$WORK" 2>/dev/null || true; }
trap 'stop_all; stop_s3' EXIT
stop_all; stop_s3
sleep 1

cat > "$WORK/s3proxy.properties" <<CONF
s3proxy.endpoint=$S3
s3proxy.authorization=aws-v4
s3proxy.identity=$KEY
s3proxy.credential=$SECRET
jclouds.provider=transient
jclouds.identity=unused
jclouds.credential=unused
CONF
java -Xmx2g -jar "$S3PROXY" --properties "$WORK/s3proxy.properties" > "$WORK/s3proxy.log" 2>&1 &
for _ in $(seq 100); do curl -s -o /dev/null "$S3/" && break; sleep 0.2; done
echo "Copying the seed folder into the bucket..."
mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$WORK/sdk.classpath"
java -cp "$(cat "$WORK/sdk.classpath")" bench/Fill.java "$S3" $KEY $SECRET bench "$SEED"

python3 - "$SEED/generated_20251130_000000_big.png" "$WORK/save-body.json" <<'PY'
import base64, json, sys
json.dump({"image": base64.b64encode(open(sys.argv[1], "rb").read()).decode(),
           "metadata": {"prompt": "benchmark save", "model": "sdxl"}}, open(sys.argv[2], "w"))
PY

: > "$WORK/rows"
BIG=generated_20251130_000000_big.png
SMALL=generated_20251130_000000_small.png
for backend in filesystem s3; do
  if [ "$backend" = s3 ]; then
    settings=(-Dimagestore.storage=s3 -Dimagestore.s3.bucket=bench -Dimagestore.s3.endpoint=$S3
      -Dimagestore.s3.path-style=true -Daws.accessKeyId=$KEY -Daws.secretAccessKey=$SECRET)
  else
    settings=()
  fi
  started=$(date +%s.%N)
  start_service "$SERVER" "$SEED" "${settings[@]}"
  ready=$(python3 -c "import time; print(round(time.time() - $started, 1))")
  millis=$(curl -sf "$APP/api/storage-stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["last_reconciliation"]["millis"])')
  echo "$backend reconcile|$millis|$ready" >> "$WORK/rows"
  conns=1
  save_from=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  BENCH_BODY=$WORK/save-body.json measure "$backend save 1.7 MB" "$APP/api/save-image" -s bench/save.lua
  conns=$CONNECTIONS
  measure "$backend GET 1.7 MB" "$APP/storage/images/$BIG"
  measure "$backend GET 40 KB" "$APP/storage/images/$SMALL"
  measure "$backend 304" "$APP/storage/images/$SMALL" -H "If-None-Match: $(header "$APP/storage/images/$SMALL" ETag)"
  # The saves are not part of the seed: delete them again through the API.
  while :; do
    names=$(curl -sf "$APP/api/list-images?since=$save_from&limit=1000" | python3 -c 'import json,sys; print(json.dumps([i["filename"] for i in json.load(sys.stdin)["images"]]))')
    [ "$names" = "[]" ] && break
    curl -sf "$APP/api/delete-images" -H 'Content-Type: application/json' -d "{\"filenames\": $names}" > /dev/null
  done
  stop_all
  sleep 2
done

python3 - "$WORK/rows" "$IMAGES" "$DURATION" "$CONNECTIONS" "$SIDECARS" <<'PY' | tee "bench/s3-results$([ "$SIDECARS" = full ] && echo -full || true).md"
import datetime, subprocess, sys
rows = {}
for line in open(sys.argv[1]):
    name, *values = line.strip().split("|")
    rows[name] = values
images, duration, conns, sidecars = sys.argv[2:]
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
cpus = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
print(f"Measured {datetime.date.today()} on {cpus} cores, {java}; WildFly 39.0.1, H2 in memory; s3proxy 2.6.0")
print(f"(in-memory provider) on loopback; wrk -t1, saves with 1 connection, GETs with {conns},")
print(f"{duration} s per scenario after a warm-up; wrk, s3proxy and the server sharing the cores.\n")
print("| scenario | filesystem req/s | filesystem p50 ms | s3 req/s | s3 p50 ms | s3 p99 ms | s3 / filesystem |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for scenario in ("save 1.7 MB", "GET 1.7 MB", "GET 40 KB", "304"):
    f, s = rows[f"filesystem {scenario}"], rows[f"s3 {scenario}"]
    print(f"| {scenario} | {float(f[0]):.0f} | {f[1]} | {float(s[0]):.0f} | {s[1]} | {s[2]} | {float(s[0])/float(f[0]):.2f}x |")
f, s = rows["filesystem reconcile"], rows["s3 reconcile"]
kind = "sidecars with width and height" if sidecars == "full" else "seed sidecars, headers read too"
print(f"\n| start-up reconciliation of {int(images):,} images ({2*int(images):,} objects; {kind}) | filesystem | s3 | target |")
print("| --- | --- | --- | --- |")
print(f"| reconciliation | {int(f[0])/1000:.1f} s | {int(s[0])/1000:.1f} s | < 60 s (s3) |")
print(f"| ready after start | {f[1]} s | {s[1]} s | |")
PY
