#!/usr/bin/env bash
# The three save forms, one command:   bench/save-forms.sh
#
# Starts the service (a copy of target/run-server's WildFly, port offset 100, its stock 512 MB
# heap) on an empty folder and saves a 1.7 MB and a 20 MiB PNG (noise: 768x768 and 2600x2600) as
# base64 JSON, as the raw body (Content-Type: image/png, X-Image-Metadata) and as a multipart form,
# one request at a time with curl, side by side in one run. For each form and size it writes to
# bench/save-forms-results.md:
#   - latency p50 and p90 (curl's time_total, the whole upload included);
#   - bytes the server allocated per save: a JFR recording around the form's saves, its
#     jdk.ThreadAllocationStatistics (taken when the recording starts and stops) summed over
#     Undertow's worker and I/O threads (`default task-*`, `default I/O-*`: where requests run) and
#     divided by the saves. Background threads are left out: maintenance and the index's start-up
#     reconciliation allocated 89 MB during one form's saves in the first run, nothing to do with
#     them.
# Settings: BENCH_ROUNDS saves per form and size (20; a third as many for 20 MiB), BENCH_WARMUP
# saves before each (3).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${BENCH_ROUNDS:-20}
WARMUP=${BENCH_WARMUP:-3}
WORK=$PWD/bench/work
SERVER=$WORK/wildfly-save-forms
IMAGES=$WORK/save-forms-images
APP=http://127.0.0.1:8180
OUT=bench/save-forms-results.md

source bench/lib.sh
prepare
trap stop_all EXIT
rm -rf "$IMAGES" "$WORK/forms" && mkdir -p "$IMAGES" "$WORK/forms"
start_service "$SERVER" "$IMAGES"
pid=$(pgrep -f "jboss.home.dir=$SERVER" | head -1)

python3 - "$WORK/forms" <<'PY'
import base64, json, os, struct, sys, zlib
def png(side):
    raw = b''.join(b'\0' + os.urandom(side * 3) for _ in range(side))
    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', side, side, 8, 2, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(raw, 6)) + chunk(b'IEND', b''))
for name, side in (("small", 768), ("large", 2600)):
    data = png(side)
    open(os.path.join(sys.argv[1], name + ".png"), "wb").write(data)
    json.dump({"image": base64.b64encode(data).decode(), "metadata": {"prompt": "save forms bench"}},
              open(os.path.join(sys.argv[1], name + ".json"), "w"))
    print(f"{name}: {len(data)} bytes")
PY

cat > "$WORK/forms/allocation.jfc" <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.ThreadAllocationStatistics">
    <setting name="enabled">true</setting>
    <setting name="period">everyChunk</setting>
  </event>
</configuration>
JFC

# save FORM SIZE: one save through curl; prints time_total, keeps the name for the cleanup.
save() {
  local form=$1 size=$2 file=$WORK/forms/$2
  case $form in
    json) set -- -H 'Content-Type: application/json' --data-binary @"$file.json" ;;
    raw) set -- -H 'Content-Type: image/png' -H 'X-Image-Metadata: {"prompt": "save forms bench"}' \
      --data-binary @"$file.png" ;;
    multipart) set -- -F image=@"$file.png" -F 'metadata={"prompt": "save forms bench"}' ;;
  esac
  curl -sf -o "$WORK/forms/answer" -w '%{time_total}\n' "$@" "$APP/api/save-image"
}

: > "$WORK/forms/rows"
for size in small large; do
  rounds=$ROUNDS
  [ "$size" = large ] && rounds=$(( (ROUNDS + 2) / 3 ))
  for form in json raw multipart; do
    for _ in $(seq "$WARMUP"); do save "$form" "$size" > /dev/null; done
    jcmd "$pid" JFR.start name=forms settings="$WORK/forms/allocation.jfc" > /dev/null
    : > "$WORK/forms/times"
    for _ in $(seq "$rounds"); do save "$form" "$size" >> "$WORK/forms/times"; done
    jcmd "$pid" JFR.stop name=forms filename="$WORK/forms/$form-$size.jfr" > /dev/null
    jfr print --json --events jdk.ThreadAllocationStatistics "$WORK/forms/$form-$size.jfr" \
      > "$WORK/forms/$form-$size.json"
    python3 - "$WORK/forms" "$form" "$size" "$rounds" <<'PY' | tee -a "$WORK/forms/rows"
import json, os, sys
work, form, size, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
t = sorted(float(x) * 1000 for x in open(os.path.join(work, "times")))
p = lambda q: t[min(len(t) - 1, int(q * len(t)))]
samples = {}
for event in json.load(open(os.path.join(work, f"{form}-{size}.json")))["recording"]["events"]:
    v = event["values"]
    thread = v.get("thread") or {}
    if str(thread.get("javaName")).startswith(("default task-", "default I/O-")):
        samples.setdefault(thread["javaThreadId"], []).append(v["allocated"])
# A thread seen once started during the recording: all it allocated counts.
allocated = sum(max(a) - (min(a) if len(a) > 1 else 0) for a in samples.values())
png = os.path.getsize(os.path.join(work, size + ".png"))
print(f"{size}|{png}|{form}|{len(t)}|{p(0.5):.1f}|{p(0.9):.1f}|{allocated / rounds / 1e6:.1f}")
PY
  done
done

curl -sf "$APP/api/list-images?limit=1000" | python3 -c 'import json,sys; [print(i["filename"]) for i in json.load(sys.stdin)["images"]]' \
  | while read -r n; do curl -sf -o /dev/null -X DELETE "$APP/api/delete-image/$n"; done

{
  echo "# Save forms: base64 JSON, raw PNG, multipart"
  echo
  echo "bench/save-forms.sh on $(date -u +%Y-%m-%d), $(nproc) cores, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown);"
  echo "WildFly 39.0.1 with a 512 MB heap, a local folder, one request at a time (curl)."
  echo
  echo "| PNG | form | saves | p50 | p90 | allocated per save |"
  echo "| --- | --- | --- | --- | --- | --- |"
  while IFS='|' read -r size png form n p50 p90 mb; do
    echo "| $(printf "%'d" "$png") bytes | $form | $n | $p50 ms | $p90 ms | $mb MB |"
  done < "$WORK/forms/rows"
} > "$OUT"
cat "$OUT"
