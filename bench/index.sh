#!/usr/bin/env bash
# The index at scale, one command:   bench/index.sh
#
# list-images on the shared PostgreSQL index with BENCH_ROWS (1,000,000) rows, filled directly
# with SQL (the files need not exist for listing), and on the default H2 index with the 100,000
# images of bench/run.sh's seed folder, each measured with wrk at 1 and BENCH_CONNECTIONS (8)
# connections: limit=50 at offset 0, at the last page (offset = count - 50), after a cursor from
# the middle, and a q search (lighthouse, in 3% of prompts; on PostgreSQL also aurora, in 0.1%).
# Prints a Markdown table, also written to bench/index-results.md.
# Needs Debian's postgresql package; installs wrk and nginx (bench/lib.sh) if missing.
# Ports: PostgreSQL 5497, WildFly 8180/10090 (offset 100).
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${BENCH_ROWS:-1000000}
DURATION=${BENCH_SECONDS:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
WORK=$PWD/bench/work
SERVER=$WORK/wildfly
APP=http://127.0.0.1:8180
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PG=$WORK/pg
DRIVER_VERSION=42.7.13
DRIVER=~/.m2/repository/org/postgresql/postgresql/$DRIVER_VERSION/postgresql-$DRIVER_VERSION.jar
SEED=$WORK/seed-100000

source bench/lib.sh
prepare
[ -f "$DRIVER" ] || mvn -B -q dependency:get -Dartifact=org.postgresql:postgresql:$DRIVER_VERSION -Dtransitive=false
[ -f "$SEED/.complete" ] || { rm -rf "$SEED"; python3 bench/make_seed.py "$SEED" 100000; touch "$SEED/.complete"; }

as_postgres() { runuser -u postgres -- "$@"; }
psql_run() { as_postgres "$PG_BIN/psql" -h 127.0.0.1 -p 5497 -d imagestore -v ON_ERROR_STOP=1 -qAt "$@"; }
stop_pg() { as_postgres "$PG_BIN/pg_ctl" -D "$PG" stop -m fast >/dev/null 2>&1 || true; }
cleanup() { stop_all; stop_pg; }
trap cleanup EXIT
cleanup
sleep 1

echo "== PostgreSQL: a throwaway cluster"
rm -rf "$PG" && install -d -o postgres "$PG"
as_postgres "$PG_BIN/initdb" -D "$PG" -A trust -U postgres >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$PG" -o "-p 5497 -k /tmp -c listen_addresses=127.0.0.1 -c shared_buffers=512MB" -l "$PG/server.log" -w start >/dev/null
as_postgres "$PG_BIN/psql" -h 127.0.0.1 -p 5497 -qc "create database imagestore"

echo "== WildFly on PostgreSQL (server-config/wildfly/postgresql-datasource.cli)"
rm -rf "$WORK/empty" && mkdir -p "$WORK/empty"
server_copy "$SERVER"
# No scheduled reconciliation during the run: it would remove the rows without files.
"$SERVER/bin/standalone.sh" -b 127.0.0.1 -Djboss.socket.binding.port-offset=100 \
  -Dimagestore.dir="$WORK/empty" -Dimagestore.maintenance-interval-seconds=86400 > "$WORK/server.log" 2>&1 &
cli() { "$SERVER/bin/jboss-cli.sh" --connect --controller=127.0.0.1:10090 "$@"; }
for _ in $(seq 120); do cli --command=':read-attribute(name=server-state)' 2>/dev/null | grep -q running && break; sleep 0.5; done
cli --file=server-config/wildfly/postgresql-datasource.cli --resolve-parameter-values \
  -Ddriver.jar="$DRIVER" -Ddb.url=jdbc:postgresql://127.0.0.1:5497/imagestore -Ddb.user=postgres -Ddb.password=unused >/dev/null
for _ in $(seq 120); do cli --command=':read-attribute(name=server-state)' 2>/dev/null | grep -q running && break; sleep 0.5; done
cp target/imagestore.war "$SERVER/standalone/deployments/"
for _ in $(seq 240); do
  [ "$(curl -sf "$APP/api/storage-stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["index_ready"])' 2>/dev/null)" = True ] && break
  sleep 0.5
done

echo "== $ROWS rows by SQL"
filled_from=$(date +%s)
psql_run <<SQL
INSERT INTO imagestore_image (filename, created_micros, created_at, image_size, width, height,
    model_name, source_name, prompt_search, metadata_json, image_modified, sidecar_modified)
SELECT 'generated_' || to_char(t, 'YYYYMMDD_HH24MISS') || '_' || i || '.png',
       (extract(epoch FROM t) * 1000000)::bigint,
       to_char(t, 'YYYY-MM-DD"T"HH24:MI:SS.US') || 'Z',
       40000 + i % 1000, 768, 768, model, 'manual', prompt,
       json_build_object('prompt', prompt, 'negative_prompt', 'bad quality, blurry', 'width', 768,
         'height', 768, 'steps', 20, 'cfg_scale', 7.5, 'sampler_name', 'DPM++ 2M Karras',
         'model', model, 'source', 'manual')::text,
       1, 1
FROM (
  SELECT i, timestamp '2024-01-01' + i * interval '37 seconds' AS t,
         (ARRAY['AnythingV4_v45', 'sdxl', 'dreamshaper_8'])[1 + i % 3] AS model,
         w[1 + (i * 7) % 20] || ' ' || w[1 + (i * 11) % 20] || ' ' || w[1 + (i * 13) % 20] || ' '
           || w[1 + (i * 17) % 20] || CASE WHEN i % 33 = 0 THEN ' lighthouse' ELSE '' END
           || CASE WHEN i % 1000 = 7 THEN ' aurora' ELSE '' END AS prompt
  FROM generate_series(1, $ROWS) AS i,
       (SELECT string_to_array('mountain lake sunset forest portrait cat dog city night neon anime castle river ocean robot dragon flower garden winter desert', ' ') AS w) words
) rows;
UPDATE imagestore_totals SET image_count = (SELECT COUNT(*) FROM imagestore_image),
  image_bytes = (SELECT SUM(image_size) FROM imagestore_image);
VACUUM ANALYZE imagestore_image;
SQL
fill_seconds=$(( $(date +%s) - filled_from ))
echo "filled in $fill_seconds s"

# list_scenarios LABEL: the four list scenarios at 1 and $CONNECTIONS connections.
list_scenarios() {
  local label=$1 count cursor
  count=$(curl -sf "$APP/api/list-images?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
  cursor=$(curl -sf "$APP/api/list-images?limit=50&offset=$((count / 2))" | python3 -c 'import json,sys; print(json.load(sys.stdin)["next_cursor"])')
  # A fresh server's JIT: every scenario once before the first measurement.
  for url in "offset=0" "offset=$((count - 50))" "cursor=$cursor" "q=lighthouse"; do
    wrk -t1 -c"$CONNECTIONS" -d"${BENCH_WARMUP:-5}s" "$APP/api/list-images?limit=50&$url" > /dev/null
  done
  for conns in 1 "$CONNECTIONS"; do
    measure "$label|offset=0|$conns" "$APP/api/list-images?limit=50&offset=0"
    measure "$label|last page (offset=$((count - 50)))|$conns" "$APP/api/list-images?limit=50&offset=$((count - 50))"
    measure "$label|cursor from the middle|$conns" "$APP/api/list-images?limit=50&cursor=$cursor"
    measure "$label|q=lighthouse|$conns" "$APP/api/list-images?limit=50&q=lighthouse"
    [ "$label" = "${label#PostgreSQL}" ] || measure "$label|q=aurora|$conns" "$APP/api/list-images?limit=50&q=aurora"
  done
}

: > "$WORK/rows"
list_scenarios "PostgreSQL, $ROWS rows"
stop_all
sleep 2

echo "== WildFly on H2 with the 100,000-image seed folder"
start_service "$SERVER" "$SEED"
list_scenarios "H2, 100000 rows"

python3 - "$WORK/rows" "$DURATION" "$fill_seconds" "$(git rev-parse --short HEAD)" <<'EOF' | tee bench/index-results.md
import datetime, subprocess, sys
rows_file, duration, fill, commit = sys.argv[1:]
cpus = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
print(f"Measured {datetime.date.today()} at commit {commit} on {cpus} cores; WildFly 39.0.1, PostgreSQL 15")
print(f"(filled by SQL in {fill} s) and H2 in memory; wrk -t1, {duration} s per scenario after a warm-up,")
print("wrk, WildFly and the database sharing the cores. list-images limit=50.\n")
print("| index | scenario | connections | requests/s | p50 ms | p99 ms | target (1 connection) |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for line in open(rows_file):
    index, scenario, conns, rps, p50, p99, *err = line.strip().split("|")
    target = ("p50 < 50 ms" if scenario.startswith("q=") else "p50 < 10 ms") if conns == "1" else ""
    print(f"| {index} | {scenario} | {conns} | {float(rps):.0f} | {float(p50):.2f} | {float(p99):.2f} | {target} {' '.join(err)} |")
EOF
