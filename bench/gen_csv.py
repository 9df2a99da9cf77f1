#!/usr/bin/env python3
"""Writes a plain-format CSV pair for import benchmarks: nodes.csv (id,kind,name,date,count)
and edges.csv (src,dst,type). Usage: gen_csv.py DIR [NODES] [EDGES] (default 1M / 5M)."""
import os
import random
import sys

out = sys.argv[1]
n_nodes = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
n_edges = int(sys.argv[3]) if len(sys.argv) > 3 else 5_000_000
kinds = ["Person", "Organization", "Country", "Measure", "Event"]
types = ["KNOWS", "WORKS_FOR", "TARGETS", "RESPONDS_TO", "LOCATED_IN"]
rng = random.Random(42)
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "nodes.csv"), "w") as f:
    f.write("id,kind,name,date,count\n")
    for i in range(n_nodes):
        kind = kinds[i % len(kinds)]
        date = f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}"
        f.write(f"{i},{kind},{kind} {i},{date},{rng.randint(0, 1000)}\n")
with open(os.path.join(out, "edges.csv"), "w") as f:
    f.write("src,dst,type\n")
    for _ in range(n_edges):
        f.write(f"{rng.randrange(n_nodes)},{rng.randrange(n_nodes)},{types[rng.randrange(len(types))]}\n")
