"""Side-by-side benchmark: demarche against kuzu, duckdb, sqlite and networkx.

    python3 bench/peers/run.py --size medium [--peers demarche,kuzu,duckdb,sqlite,networkx]
                               [--runs 10] [--budget 10] [--cold 3] [--out target/bench-peers]

For each engine, a fresh child process loads the generated graph, persists it, answers the six
queries (first run = the answer, then warm runs: the median is reported) and exits; its peak
resident memory comes from wait4(). Cold start is then timed from spawning a fresh process to
reading its first answer (Q1) on stdout, the median of --cold tries. The answers of all engines
must agree; a disagreement is printed and makes the exit status 1.

demarche loads with `target/release/demarche import` (a process of its own, timed from spawn
to exit) and then target/release/examples/bench_driver, which opens the database, creates an
index on `id` per kind (counted into the load) and times the queries in process through the
library; cold start runs the CLI (`--read-only --format json -c Q1`). Build both first: `cargo build --release --bin demarche --example bench_driver`.
The Python peers run under the interpreter given by --python (a virtualenv with
bench/peers/requirements.txt).
"""

import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
QUERIES = ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6"]


def run_measured(cmd):
    """Like run_child, but measures the child's own peak RSS with wait4 (Linux: KiB)."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {err.decode()[-3000:]}")
    return json.loads(out), wall, usage.ru_maxrss / 1024


def cold_start(cmd):
    """Seconds from spawning cmd to its first line on stdout, and that line."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - t
    rest, err = proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {err[-2000:]}")
    return elapsed, line.strip()


def normalise(rows):
    return [[v for v in row] for row in rows]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", default="small")
    ap.add_argument("--peers", default="demarche,kuzu,duckdb,sqlite,networkx")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--budget", type=float, default=10.0, help="seconds of warm runs per query at most")
    ap.add_argument("--cold", type=int, default=3)
    ap.add_argument("--out", default=os.path.join(ROOT, "target", "bench-peers"))
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--fresh", action="store_true", help="forget earlier results of this size")
    ap.add_argument("--timeout", type=float, default=300.0, help="demarche per-query timeout, seconds")
    a = ap.parse_args()

    data = os.path.join(a.out, a.size)
    work = os.path.join(a.out, a.size + "-work")
    os.makedirs(work, exist_ok=True)
    if not os.path.exists(os.path.join(data, "params.json")):
        subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), a.size, data], check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(data, "params.json")) as f:
        params = json.load(f)
    driver = os.path.join(ROOT, "target", "release", "examples", "bench_driver")
    cli = os.path.join(ROOT, "target", "release", "demarche")
    peers_py = os.path.join(HERE, "peers.py")

    # Results accumulate per size: a run replaces the columns of the engines it ran and keeps
    # the others, so one engine can be re-measured after a change (--fresh starts over).
    path = os.path.join(a.out, f"{a.size}.json")
    results = {}
    if os.path.exists(path) and not a.fresh:
        with open(path) as f:
            results = json.load(f)["results"]
    for engine in a.peers.split(","):
        print(f"[{a.size}] {engine} ...", file=sys.stderr, flush=True)
        if engine == "demarche":
            snapshot = os.path.join(work, "demarche.db")
            for suffix in ("", "-wal", "-lock"):
                if os.path.exists(snapshot + suffix):
                    os.remove(snapshot + suffix)
            # Load = the bulk import (a process of its own) + the id indexes (in the driver).
            imp = [cli, "import", snapshot, "--nodes", os.path.join(data, "nodes.csv"),
                   "--relationships", os.path.join(data, "edges.csv")]
            t = time.perf_counter()
            proc = subprocess.Popen(imp, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            err = proc.stderr.read()
            _, status, usage = os.wait4(proc.pid, 0)
            import_s, import_rss = time.perf_counter() - t, usage.ru_maxrss / 1024
            if os.waitstatus_to_exitcode(status) != 0:
                print(f"  demarche import failed: {err.decode()[-2000:]}", file=sys.stderr)
                results[engine] = {"engine": engine, "failed": err.decode()[-2000:]}
                continue
            cmd = [driver, data, "--db", snapshot, "--runs", str(a.runs), "--budget", str(a.budget),
                   "--timeout", str(a.timeout)]
            cold_cmd = None
        else:
            cmd = [a.python, peers_py, "run", engine, data, work, "--runs", str(a.runs), "--budget", str(a.budget)]
            cold_cmd = [a.python, peers_py, "cold", engine, data, work]
        try:
            out, wall, rss = run_measured(cmd)
        except RuntimeError as e:
            print(f"  {engine} failed: {e}", file=sys.stderr)
            results[engine] = {"engine": engine, "failed": str(e)}
            continue
        out["peak_rss_mib"] = rss
        out["process_s"] = wall
        if engine == "demarche":
            out["import_s"] = import_s
            out["import_peak_rss_mib"] = import_rss
            out["load_s"] = import_s + out["index_s"]
            q1 = next(q["text"] for q in out["queries"] if q["name"] == "Q1")
            cold_cmd = [cli, snapshot, "--read-only", "--format", "json", "-c", q1]
        colds = []
        for _ in range(a.cold):
            secs, line = cold_start(cold_cmd)
            colds.append(secs)
        colds.sort()
        out["cold_s"] = colds[len(colds) // 2]
        out["cold_answer"] = line
        out["measured_at"] = time.strftime("%Y-%m-%d %H:%M:%S")
        results[engine] = out

    # Answers must agree.
    ok = True
    for q in QUERIES:
        answers = {}
        for engine, r in results.items():
            for item in r.get("queries", []):
                if item["name"] == q and "rows" in item:
                    answers[engine] = normalise(item["rows"])
        distinct = {json.dumps(v) for v in answers.values()}
        if len(distinct) > 1:
            ok = False
            print(f"DISAGREEMENT on {q}:", file=sys.stderr)
            for engine, v in answers.items():
                print(f"  {engine}: {json.dumps(v)[:300]}", file=sys.stderr)

    report = {"size": a.size, "params": params, "agree": ok, "results": results,
              "machine": {"cpus": os.cpu_count(), "uname": " ".join(os.uname())}}
    with open(path, "w") as f:
        json.dump(report, f, indent=1)
    print(table(report))
    print(f"\nfull results: {path}", file=sys.stderr)
    sys.exit(0 if ok else 1)


def fmt_ms(ms):
    if ms is None:
        return "—"
    if ms >= 1000:
        return f"{ms / 1000:.2f} s"
    if ms >= 10:
        return f"{ms:.1f} ms"
    if ms >= 0.1:
        return f"{ms:.2f} ms"
    return f"{ms:.3f} ms"


def table(report):
    engines = list(report["results"])
    rows = [["", *engines]]

    def cell(r, fn):
        try:
            return fn(r)
        except (KeyError, StopIteration, TypeError):
            return "—"

    rows.append(["load", *(cell(report["results"][e], lambda r: f"{r['load_s']:.2f} s") for e in engines)])
    rows.append(["cold start", *(cell(report["results"][e], lambda r: fmt_ms(r["cold_s"] * 1e3)) for e in engines)])
    for q in QUERIES:
        def med(r, q=q):
            item = next(i for i in r["queries"] if i["name"] == q)
            return fmt_ms(item["median_ms"]) if "median_ms" in item else "error"
        rows.append([q, *(cell(report["results"][e], med) for e in engines)])
    rows.append(["peak RSS", *(cell(report["results"][e], lambda r: f"{r['peak_rss_mib']:.0f} MiB") for e in engines)])
    lines = ["| " + " | ".join(r) + " |" for r in rows]
    lines.insert(1, "|" + "---|" * (len(engines) + 1))
    return f"{report['size']} ({report['params']['nodes']} nodes, {report['params']['relationships']} relationships)\n" + "\n".join(lines)


if __name__ == "__main__":
    main()
