#!/usr/bin/env bash
# Every figure of the README's performance table from one run, one command:   bench/all.sh
#
# Runs bench/run.sh (list-images at 100,000 images), bench/front.sh (the two nginx fronts against
# plain nginx) and bench/latency.sh (save and GET of a 1.7 MB PNG, one client, after 100 rounds of
# warm-up, on a service of its own started like the others: a copy of the built WildFly on port
# 8180 with an empty folder), then bench/summary.py: bench/RESULTS.md with the date, the cores and
# the commit (BENCH_COMMIT if the tree has no .git), and the same table in README.md. About 9
# minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
bash bench/run.sh
bash bench/front.sh

WORK=$PWD/bench/work
SERVER=$WORK/wildfly
source bench/lib.sh
prepare
trap stop_all EXIT
stop_all
rm -rf "$WORK/latency-folder" && mkdir -p "$WORK/latency-folder"
start_service "$SERVER" "$WORK/latency-folder"
# A long-running service has compiled its save path; 20 rounds (40 saves) leave much of it to the
# interpreter and C1: p50 21.3 ms after 20 rounds, 16.2 ms after 100, in one service here.
bench/latency.sh http://127.0.0.1:8180 100 > /dev/null
bench/latency.sh http://127.0.0.1:8180 100 | tee bench/latency-results.txt
stop_all

python3 bench/summary.py
