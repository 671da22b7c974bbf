"""The performance page: every target figure from the results files of one bench/all.sh run.

Reads bench/results.md (bench/run.sh), bench/front-results.md (bench/front.sh) and
bench/latency-results.txt (bench/latency.sh), writes bench/RESULTS.md with the date, the machine's
cores and the commit, and puts the same table into README.md between its performance-table markers.
"""
import datetime, os, re, subprocess, sys

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
BEGIN, END = "<!-- performance-table -->", "<!-- /performance-table -->"


def table_rows(name):
    """The cells of each Markdown table row in a results file, header and rule lines left out."""
    rows = []
    for line in open(os.path.join(BENCH, name)):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and not cells[0].startswith("---") and "scenario" not in cells[0]:
            rows.append(cells)
    return rows


def run_row(label):
    return next(r for r in table_rows("results.md") if r[0] == label)


def latency(label):
    for line in open(os.path.join(BENCH, "latency-results.txt")):
        if line.startswith(label):
            return float(re.search(r"p50=\s*([\d.]+)", line).group(1))
    raise KeyError(label)


def met(ok):
    return "met" if ok else "**missed**"


rows = []
for offset in ("0", "90000"):
    r = run_row(f"list-images limit=50 offset={offset}, 8 conn")
    p50 = float(r[2])
    rows.append((f"list-images limit=50 offset={offset}, 100,000 images, 8 connections (bench/run.sh)",
                 f"p50 {p50:.2f} ms ({r[1]} req/s)", "p50 < 10 ms", met(p50 < 10)))
save = latency("save-image (POST")
rows.append(("save-image of a 1.7 MB PNG as base64 JSON, one client (bench/latency.sh, curl)",
             f"p50 {save:.1f} ms", "p50 < 25 ms", met(save < 25)))
direct = latency("save-image, body sent at once")
rows.append(("the same, body sent at once as chat back ends' HTTP clients send it (no Expect)",
             f"p50 {direct:.1f} ms", "p50 < 25 ms", met(direct < 25)))
for r in table_rows("front-results.md"):
    ratio = float(r[5].rstrip("x"))
    rows.append((f"{r[0]} through the caching front, against plain nginx (bench/front.sh)",
                 f"{r[5]} ({r[4]}; nginx {r[1]})", ">= 0.95x", met(ratio >= 0.95)))
    rows.append((f"{r[0]} through the X-Accel-Redirect front, against plain nginx (bench/front.sh)",
                 f"{r[3]} ({r[2]}; nginx {r[1]})", "", ""))

# BENCH_COMMIT names the commit when the run is from a copy of the tree without .git.
commit = os.environ.get("BENCH_COMMIT") or subprocess.run(
    ["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True
).stdout.strip() or "unknown"
cores = os.cpu_count()
table = [f"Measured {datetime.date.today()} on {cores} cores at commit {commit}, by `bench/all.sh` "
         "(wrk, nginx and the servers sharing the cores; GETs in requests/s).", "",
         "| figure | measured | target | |", "| --- | --- | --- | --- |"]
table += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
text = "\n".join(table) + "\n"
open(os.path.join(BENCH, "RESULTS.md"), "w").write("# Performance\n\n" + text)

readme_path = os.path.join(ROOT, "README.md")
readme = open(readme_path).read()
start, end = readme.index(BEGIN) + len(BEGIN), readme.index(END)
open(readme_path, "w").write(readme[:start] + "\n" + text + readme[end:])
sys.stdout.write(text)
