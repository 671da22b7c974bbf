#!/usr/bin/env bash
# Tries every script in server-config/ as an admin would, on fresh copies of both servers, against
# a throwaway PostgreSQL:   server-config/try.sh
#
# For WildFly 39 (jboss-cli) and then Payara 6 (asadmin): apply imagestore.*, system-properties.*
# (with imagestore.dir pointed at a folder of this run) and postgresql-datasource.*, deploy the WAR,
# save an image, check its row in PostgreSQL, restart the server, and check that the index came
# back from the database (the start-up reconciliation found the image unchanged, added nothing).
# Needs Debian's postgresql package and the build's target/ (it runs `mvn package` if missing).
# Ports: PostgreSQL 5499, WildFly 8580/10490 (offset 500), Payara 9180/9148 (portbase 9100).
set -euo pipefail
cd "$(dirname "$0")/.."

WORK=/tmp/imagestore-try
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
DRIVER_VERSION=42.7.13
PAYARA_ZIP=~/.m2/repository/fish/payara/distributions/payara/6.2025.9/payara-6.2025.9.zip
WILDFLY_HOME=$WORK/wildfly
PAYARA_HOME=$WORK/payara6
ASADMIN=("$PAYARA_HOME/bin/asadmin" --port 9148)

step() { printf '\n== %s\n' "$*"; }
as_postgres() { runuser -u postgres -- "$@"; }
psql_count() { as_postgres "$PG_BIN/psql" -h 127.0.0.1 -p 5499 -d "$1" -tAc 'select count(*) from imagestore_image'; }

stop_all() {
  "$WILDFLY_HOME/bin/jboss-cli.sh" --connect --controller=127.0.0.1:10490 --command=shutdown >/dev/null 2>&1 || true
  "${ASADMIN[@]}" stop-domain try >/dev/null 2>&1 || true
  as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg" stop -m fast >/dev/null 2>&1 || true
}
trap stop_all EXIT

[ -f target/imagestore.war ] && [ -d target/run-server/wildfly-39.0.1.Final ] || mvn -B -q package -DskipTests
[ -f "$PAYARA_ZIP" ] || mvn -B -q dependency:get -Dartifact=fish.payara.distributions:payara:6.2025.9:zip -Dtransitive=false
DRIVER=~/.m2/repository/org/postgresql/postgresql/$DRIVER_VERSION/postgresql-$DRIVER_VERSION.jar
[ -f "$DRIVER" ] || mvn -B -q dependency:get -Dartifact=org.postgresql:postgresql:$DRIVER_VERSION -Dtransitive=false

stop_all
rm -rf "$WORK" && mkdir -p "$WORK" && chmod 755 "$WORK"

step "PostgreSQL: a throwaway cluster with one database per server"
install -d -o postgres "$WORK/pg"
as_postgres "$PG_BIN/initdb" -D "$WORK/pg" -A trust -U postgres >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg" -o "-p 5499 -k /tmp -c listen_addresses=127.0.0.1" -l "$WORK/pg/server.log" start >/dev/null
for db in imagestore_wildfly imagestore_payara; do
  as_postgres "$PG_BIN/psql" -h 127.0.0.1 -p 5499 -qc "create database $db"
done
as_postgres "$PG_BIN/psql" -h 127.0.0.1 -p 5499 -qc "create user imagestore password 'secret'"
for db in imagestore_wildfly imagestore_payara; do
  as_postgres "$PG_BIN/psql" -h 127.0.0.1 -p 5499 -d $db -qc "alter database $db owner to imagestore; alter schema public owner to imagestore"
done

# check_index SERVER_URL DATABASE: save an image, see its row, restart, see the index survive.
await() {
  for _ in $(seq 240); do
    [ "$(curl -sf "$1/api/storage-stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["index_ready"])' 2>/dev/null)" = True ] && return 0
    sleep 0.5
  done
  echo "not ready: $1"; return 1
}
save_one() {
  python3 - "$1" <<'PY'
import base64, json, struct, sys, urllib.request, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
raw = b"".join(b"\0" + b"\x20\x80\xc0" * 16 for _ in range(16))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
body = json.dumps({"image": base64.b64encode(png).decode(), "metadata": {"prompt": "tried on a real database"}})
request = urllib.request.Request(sys.argv[1] + "/api/save-image", body.encode(), {"Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(request))["filename"])
PY
}
report() {
  curl -sf "$1/api/storage-stats" | python3 -c '
import json, sys
stats = json.load(sys.stdin)
last = stats["last_reconciliation"]
print("count=%d, last reconciliation: added=%d removed=%d unchanged=%d"
      % (stats["count"], last["added"], last["removed"], last["unchanged"]))
if last["unchanged"] != 1 or last["added"] != 0:
    sys.exit("the index did not survive the restart")
'
}

step "WildFly: jboss-cli with server-config/wildfly/*.cli"
cp -r target/run-server/wildfly-39.0.1.Final "$WILDFLY_HOME"
# A fresh copy of the stock standalone.xml, as an admin would start from.
unzip -q -o -j ~/.m2/repository/org/wildfly/wildfly-dist/39.0.1.Final/wildfly-dist-39.0.1.Final.zip \
  wildfly-39.0.1.Final/standalone/configuration/standalone.xml -d "$WILDFLY_HOME/standalone/configuration"
start_wildfly() {
  "$WILDFLY_HOME/bin/standalone.sh" -b 127.0.0.1 -Djboss.socket.binding.port-offset=500 >> "$WORK/wildfly.log" 2>&1 &
  for _ in $(seq 120); do
    "$WILDFLY_HOME/bin/jboss-cli.sh" --connect --controller=127.0.0.1:10490 --command=':read-attribute(name=server-state)' 2>/dev/null | grep -q running && return 0
    sleep 0.5
  done
}
cli() { "$WILDFLY_HOME/bin/jboss-cli.sh" --connect --controller=127.0.0.1:10490 "$@"; }
start_wildfly
cli --file=server-config/wildfly/imagestore.cli
sed "s|/var/lib/imagestore/images|$WORK/images-wildfly|" server-config/wildfly/system-properties.cli > "$WORK/system-properties.cli"
cli --file="$WORK/system-properties.cli"
cli --file=server-config/wildfly/postgresql-datasource.cli --resolve-parameter-values \
  -Ddriver.jar="$DRIVER" -Ddb.url=jdbc:postgresql://127.0.0.1:5499/imagestore_wildfly \
  -Ddb.user=imagestore -Ddb.password=secret
cli --command='/subsystem=undertow/server=default-server/http-listener=default:read-attribute(name=max-post-size)'
cp target/imagestore.war "$WILDFLY_HOME/standalone/deployments/"
await http://127.0.0.1:8580
echo "saved $(save_one http://127.0.0.1:8580); rows in PostgreSQL: $(psql_count imagestore_wildfly)"
cli --command=shutdown >/dev/null; sleep 2
start_wildfly
await http://127.0.0.1:8580
echo "after a restart: $(report http://127.0.0.1:8580)"
ls "$WORK/images-wildfly"
cli --command=shutdown >/dev/null

step "Payara: asadmin with server-config/payara/*.asadmin"
unzip -q "$PAYARA_ZIP" -d "$WORK"
"$PAYARA_HOME/bin/asadmin" create-domain --portbase 9100 --nopassword try >/dev/null
"${ASADMIN[@]}" start-domain try
"${ASADMIN[@]}" multimode --file server-config/payara/imagestore.asadmin
sed "s|/var/lib/imagestore/images|$WORK/images-payara|" server-config/payara/system-properties.asadmin > "$WORK/system-properties.asadmin"
"${ASADMIN[@]}" multimode --file "$WORK/system-properties.asadmin"
"${ASADMIN[@]}" add-library "$DRIVER"
sed -e 's|serverName=localhost:portNumber=5432:databaseName=imagestore:|serverName=127.0.0.1:portNumber=5499:databaseName=imagestore_payara:|' \
  server-config/payara/postgresql-datasource.asadmin > "$WORK/postgresql-datasource.asadmin"
"${ASADMIN[@]}" restart-domain try
"${ASADMIN[@]}" multimode --file "$WORK/postgresql-datasource.asadmin"
"${ASADMIN[@]}" restart-domain try
"${ASADMIN[@]}" deploy target/imagestore.war
await http://127.0.0.1:9180
echo "saved $(save_one http://127.0.0.1:9180); rows in PostgreSQL: $(psql_count imagestore_payara)"
"${ASADMIN[@]}" restart-domain try
await http://127.0.0.1:9180
echo "after a restart: $(report http://127.0.0.1:9180)"
ls "$WORK/images-payara"
step "done: every server-config script applied on both servers, index kept in PostgreSQL across a restart"
