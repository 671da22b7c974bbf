#!/usr/bin/env bash
# Thumbnails, one command:   bench/thumbnails.sh
#
# Starts the service (a copy of target/run-server's WildFly, port offset 100) on an empty folder,
# saves realistic PNGs of 1024x1024 and 2048x2048 (the tests' fixtures: gradients, soft shapes,
# low noise; Pngs.realistic), then measures and writes bench/thumbnails-results.md:
#   - first-request latency of each image's 256 px thumbnail (decoded, resized, encoded as WebP,
#     stored and sent), p50 and p90 per source size, one request at a time;
#   - repeated GETs of a thumbnail that exists against GETs of its 1024x1024 original, with wrk;
#   - lossless recompression: the service runs with imagestore.recompress=lossless, so the saves
#     above are recompressed; the stored bytes against the uploaded ones (storage-stats), and the
#     saves' p50 against the same saves on a second start with recompression off.
# Settings: BENCH_THUMBNAILS images per size (20), BENCH_SECONDS per wrk run (10),
# BENCH_WARMUP (5), BENCH_CONNECTIONS (8).
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT=${BENCH_THUMBNAILS:-20}
DURATION=${BENCH_SECONDS:-10}
conns=${BENCH_CONNECTIONS:-8}
WORK=$PWD/bench/work
SERVER=$WORK/wildfly-thumbnails
IMAGES=$WORK/thumbnail-images
FIXTURES=$WORK/thumbnail-fixtures
APP=http://127.0.0.1:8180

source bench/lib.sh
prepare
[ -d target/test-classes/org/imagestore/it ] || mvn -B -q test-compile
for size in 1024 2048; do
  [ -f "$FIXTURES/${size}x${size}-$((COUNT - 1)).png" ] ||
    java -cp target/test-classes org.imagestore.it.Pngs realistic "$FIXTURES" "$size" "$size" "$COUNT"
done

trap stop_all EXIT
stop_all
sleep 1
rm -rf "$IMAGES" "$WORK/rows"
mkdir -p "$IMAGES"
start_service "$SERVER" "$IMAGES" -Dimagestore.recompress=lossless

# The request bodies, made once: base64 JSON of each fixture.
for f in "$FIXTURES"/*.png; do
  [ -f "$f.json" ] ||
    python3 -c 'import base64,json,sys; print(json.dumps({"image": base64.b64encode(open(sys.argv[1],"rb").read()).decode()}))' "$f" > "$f.json"
done

# save FILE [TIMES]: saves a PNG, prints its filename and thumbnail_url; appends the time to TIMES.
save() {
  curl -sf -o "$WORK/answer" -w '%{time_total}\n' -H 'Content-Type: application/json' \
    --data-binary @"$1.json" "$APP/api/save-image" >> "${2:-/dev/null}"
  python3 -c 'import json,sys; a = json.load(open(sys.argv[1])); print(a["filename"], a["thumbnail_url"])' "$WORK/answer"
}

# A warm-up image of each size, so that the first measured request does not pay for the JIT.
for size in 1024 2048; do
  read -r _ url < <(save "$FIXTURES/${size}x${size}-0.png")
  for _ in 1 2 3; do curl -sf -o /dev/null "$APP$url"; done
done

: > "$WORK/first.times"
for size in 1024 2048; do
  : > "$WORK/save-lossless-$size.times"
  for seed in $(seq 0 $((COUNT - 1))); do
    read -r name url < <(save "$FIXTURES/${size}x${size}-$seed.png" "$WORK/save-lossless-$size.times")
    echo "$size $(curl -sf -o /dev/null -w '%{time_total}' "$APP$url")" >> "$WORK/first.times"
    last_name=$name last_url=$url
    [ "$size" = 1024 ] && { small_name=$name small_url=$url; }
  done
done
thumb_bytes=$(curl -sf "$APP$small_url" | wc -c)
original_bytes=$(curl -sf "$APP/storage/images/$small_name" | wc -c)

measure "GET thumbnail (256 px WebP, $thumb_bytes bytes)" "$APP$small_url"
measure "GET original (1024x1024 PNG, $original_bytes bytes)" "$APP/storage/images/$small_name"
curl -sf "$APP/api/storage-stats" > "$WORK/stats-lossless.json"

# The same saves with recompression off, for the time it costs.
stop_all
sleep 2
rm -rf "$IMAGES"
mkdir -p "$IMAGES"
start_service "$SERVER" "$IMAGES"
for size in 1024 2048; do
  read -r _ _ < <(save "$FIXTURES/${size}x${size}-0.png")
  : > "$WORK/save-none-$size.times"
  for seed in $(seq 0 $((COUNT - 1))); do
    read -r _ _ < <(save "$FIXTURES/${size}x${size}-$seed.png" "$WORK/save-none-$size.times")
  done
done

python3 - "$WORK" "$COUNT" "$conns" "$DURATION" <<'PY' | tee bench/thumbnails-results.md
import os, statistics, subprocess, sys
work, count, conns, duration = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
times = {}
for line in open(os.path.join(work, "first.times")):
    size, t = line.split()
    times.setdefault(size, []).append(float(t) * 1000)
def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
print(f"Thumbnails, {os.cpu_count()} cores, commit {commit}, WildFly 39 with a folder; curl and wrk on the same machine.\n")
print("| source | first request of its thumbnail, p50 | p90 | target (p50) |")
print("| --- | --- | --- | --- |")
for size, target in (("1024", "< 60 ms"), ("2048", "< 150 ms")):
    t = times[size]
    print(f"| {size}x{size} realistic PNG ({len(t)} images) | {pct(t, 0.5):.1f} ms | {pct(t, 0.9):.1f} ms | {target} |")
print(f"\nRepeated GETs, wrk -t1 -c{conns}, {duration} s after a warm-up:\n")
print("| request | requests/s | p50 | p99 |")
print("| --- | --- | --- | --- |")
for row in open(os.path.join(work, "rows")):
    name, rps, p50, p99 = row.strip().split("|")[:4]
    print(f"| {name} | {rps} | {p50} ms | {p99} ms |")
import json
stats = json.load(open(os.path.join(work, "stats-lossless.json")))
stored, saved = stats["total_bytes"], stats["recompression_saved_bytes"]
print("\nLossless recompression of the same fixtures (every save above, warm-up images included):\n")
print(f"Uploaded {stored + saved:,} bytes, stored {stored:,} ({100.0 * stored / (stored + saved):.1f}%, {saved:,} bytes saved).\n")
print("| save-image, base64 JSON | recompress=none, p50 | recompress=lossless, p50 | cost |")
print("| --- | --- | --- | --- |")
def load(name):
    return [float(x) * 1000 for x in open(os.path.join(work, name))]
for size in ("1024", "2048"):
    none, lossless = pct(load(f"save-none-{size}.times"), 0.5), pct(load(f"save-lossless-{size}.times"), 0.5)
    print(f"| {size}x{size} | {none:.1f} ms | {lossless:.1f} ms | {lossless - none:+.1f} ms |")
PY
