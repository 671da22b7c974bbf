# Shared by the benchmark scripts: source it after setting WORK, DURATION and conns.

# measure NAME URL [wrk options...]: one row "NAME|requests/s|p50 ms|p99 ms" appended to
# $WORK/rows, at $conns connections, after a warm-up run (JIT).
measure() {
  local name=$1 url=$2; shift 2
  wrk -t1 -c"$conns" -d"${BENCH_WARMUP:-5}s" "$@" "$url" > /dev/null
  wrk -t1 -c"$conns" -d"${DURATION}s" --latency "$@" "$url" | python3 -c '
import re, sys
text = sys.stdin.read()
def ms(label):
    m = re.search(r"^\s+" + label + r"%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
p50, p99 = ms("50"), ms("99")
print(f"{sys.argv[1]}|{rps:.0f}|{p50:.2f}|{p99:.2f}" + (f"|{bad.group(1)} errors" if bad else ""))
' "$name" | tee -a "$WORK/rows"
}

# header URL NAME: the value of one response header.
header() { curl -sfI "$1" | tr -d '\r' | awk -v h="$2" 'tolower($1) == tolower(h) ":" { $1 = ""; sub(/^ /, ""); print }'; }

# server_copy DEST: a fresh copy of the configured WildFly from target/run-server, without the WAR.
server_copy() {
  rm -rf "$1"
  cp -r target/run-server/wildfly-39.0.1.Final "$1"
  # A `mvn wildfly:run` leaves its deployment in standalone.xml; the copy deploys its own.
  python3 - "$1/standalone/configuration/standalone.xml" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path).read()
open(path, "w").write(re.sub(r"\s*<deployments>.*?</deployments>", "", text, flags=re.S))
PY
}

# start_service SERVER_COPY IMAGES_DIR [-Dkey=value...]: a fresh copy of the configured WildFly
# from target/run-server with the WAR deployed, on port offset 100 (8180, management 10090);
# returns once the index is ready.
start_service() {
  local copy=$1 dir=$2; shift 2
  server_copy "$copy"
  cp target/imagestore.war "$copy/standalone/deployments/"
  "$copy/bin/standalone.sh" -b 127.0.0.1 -Djboss.socket.binding.port-offset=100 \
    -Dimagestore.dir="$dir" "$@" > "$WORK/server.log" 2>&1 &
  local ready=
  for _ in $(seq 600); do
    ready=$(curl -sf http://127.0.0.1:8180/api/storage-stats 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["index_ready"])' 2>/dev/null || true)
    [ "$ready" = "True" ] && return 0
    sleep 0.5
  done
  echo "the service did not get ready; see $WORK/server.log"
  return 1
}

# Installs wrk and nginx with apt-get if missing, and builds the WAR and the server if missing.
prepare() {
  if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx
  fi
  if [ ! -f target/imagestore.war ] || [ ! -d target/run-server/wildfly-39.0.1.Final ]; then
    mvn -B -q package -DskipTests
  fi
  mkdir -p "$WORK"
}

# start_nginx SERVER_BLOCKS: one nginx (one worker, like the reference runs) with the given
# server blocks inside the common http settings; stop_nginx stops it.
start_nginx() {
  mkdir -p "$WORK/nginx-temp"
  cat > "$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  etag on;
  types { image/png png; }
  client_body_temp_path $WORK/nginx-temp; proxy_temp_path $WORK/nginx-temp;
  fastcgi_temp_path $WORK/nginx-temp; uwsgi_temp_path $WORK/nginx-temp; scgi_temp_path $WORK/nginx-temp;
$1
}
CONF
  nginx -c "$WORK/nginx.conf"
}
stop_nginx() { [ -f "$WORK/nginx.pid" ] && nginx -c "$WORK/nginx.conf" -s stop 2>/dev/null || true; }

# stop_all: the nginx above and the service copy in $SERVER, if they run.
stop_all() {
  stop_nginx
  pkill -f "jboss.home.dir=$SERVER" 2>/dev/null || true
}
