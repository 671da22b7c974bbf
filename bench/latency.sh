#!/usr/bin/env bash
# Save and GET latency for one 1.7 MB PNG (768x768 noise) against a running imagestore.
# Usage: bench/latency.sh [base-url] [rounds]     (default http://localhost:8080, 30 rounds)
# Start the service first (mvn wildfly:run). Saved images are deleted again at the end.
set -euo pipefail
base=${1:-http://localhost:8080}
rounds=${2:-30}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import base64, json, os, struct, sys, zlib
w = h = 768
raw = b''.join(b'\0' + os.urandom(w * 3) for _ in range(h))
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
png = (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
       + chunk(b'IDAT', zlib.compress(raw, 6)) + chunk(b'IEND', b''))
json.dump({"image": base64.b64encode(png).decode(), "metadata": {"prompt": "latency bench"}},
          open(os.path.join(sys.argv[1], 'body.json'), 'w'))
print(f"PNG: {len(png)} bytes, request body: {os.path.getsize(os.path.join(sys.argv[1], 'body.json'))} bytes")
PY

: > "$work/save.times"; : > "$work/save-direct.times"; : > "$work/get.times"; : > "$work/names"
# save TIMES [curl options]: one save, its time appended to TIMES.
save() {
  local times=$1; shift
  curl -sf -o "$work/answer" -w '%{time_total}\n' -H 'Content-Type: application/json' "$@" \
    --data-binary @"$work/body.json" "$base/api/save-image" >> "$work/$times"
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["filename"])' "$work/answer" >> "$work/names"
}
# curl asks `Expect: 100-continue` for a body over 1 MB and sends it after the server's 100 answer;
# the HTTP clients of chat back ends (Python requests and httpx, Java's HttpClient, Node's fetch)
# send the body at once. Both are measured, in turns.
for _ in $(seq "$rounds"); do
  save save.times
  save save-direct.times -H 'Expect:'
done
name=$(head -1 "$work/names")
for _ in $(seq $((rounds * 3))); do
  curl -sf -o /dev/null -w '%{time_total}\n' "$base/storage/images/$name" >> "$work/get.times"
done
while read -r n; do curl -sf -o /dev/null -X DELETE "$base/api/delete-image/$n"; done < "$work/names"

python3 - "$work" <<'PY'
import statistics, sys, os
for label, f in (("save-image (POST, base64 JSON)", "save.times"),
                 ("save-image, body sent at once (no Expect)", "save-direct.times"),
                 ("GET /storage/images (200, full body)", "get.times")):
    t = sorted(float(x) * 1000 for x in open(os.path.join(sys.argv[1], f)))
    p = lambda q: t[min(len(t) - 1, int(q * len(t)))]
    print(f"{label:42s} n={len(t):3d}  p50={p(0.5):7.1f} ms  p90={p(0.9):7.1f} ms  max={t[-1]:7.1f} ms")
PY
