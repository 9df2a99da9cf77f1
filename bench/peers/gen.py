"""Deterministic graph generator for the side-by-side benchmark (bench/peers).

Writes DIR/nodes.csv (`id,kind,name,date,count`), DIR/edges.csv (`src,dst,type`) and
DIR/params.json (the nodes each query starts from, chosen from the data). The random stream
is splitmix64 seeded with a fixed value, so the same size always gives the same bytes; the
Rust port in benches/support/mod.rs follows the same steps.

    python3 bench/peers/gen.py SIZE DIR      # SIZE: small | medium | large | N,M
"""

import datetime
import json
import os
import sys

SIZES = {"small": (10_000, 50_000), "medium": (100_000, 500_000), "large": (1_000_000, 5_000_000)}
SEED = 0x5EED_DE3A_2C4E
MASK = (1 << 64) - 1
# (kind, cumulative percent)
KINDS = [("Person", 40), ("Org", 60), ("Place", 75), ("Event", 87), ("Product", 95), ("Topic", 100)]
TYPES = [("KNOWS", 45), ("WORKS_AT", 65), ("LIKES", 80), ("MENTIONS", 92), ("LOCATED_IN", 97), ("PART_OF", 100)]
EPOCH = datetime.date(1990, 1, 1).toordinal()
SRC_SKEW = 1.8  # src = floor(n * u^1.8): low ids are hubs
DST_SKEW = 1.3


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self):
        return (self.next() >> 11) * (1.0 / (1 << 53))


def pick(table, r):
    for name, upto in table:
        if r < upto:
            return name
    raise AssertionError("table must end at 100")


def skewed(n, u, power):
    return min(int(n * (u**power)), n - 1)


def generate(n, m, out):
    os.makedirs(out, exist_ok=True)
    rng = SplitMix64(SEED)
    kinds = []
    with open(os.path.join(out, "nodes.csv"), "w", newline="") as f:
        f.write("id,kind,name,date,count\n")
        for i in range(n):
            kind = pick(KINDS, rng.next() % 100)
            date = datetime.date.fromordinal(EPOCH + rng.next() % 12_000).isoformat()
            count = rng.next() % 1000
            kinds.append(kind)
            f.write(f"{i},{kind},{kind.lower()}-{i},{date},{count}\n")
    degree = [0] * n
    part_of_out = [0] * n
    with open(os.path.join(out, "edges.csv"), "w", newline="") as f:
        f.write("src,dst,type\n")
        for _ in range(m):
            src = skewed(n, rng.uniform(), SRC_SKEW)
            dst = skewed(n, rng.uniform(), DST_SKEW)
            if dst == src:
                dst = (dst + 1) % n  # no self-loops: every engine then agrees on 2-hop counts
            rel = pick(TYPES, rng.next() % 100)
            degree[src] += 1
            degree[dst] += 1
            if rel == "PART_OF":
                part_of_out[src] += 1
            f.write(f"{src},{dst},{rel}\n")

    def first(start, ok):
        return next(i for i in list(range(start, n)) + list(range(0, start)) if ok(i))

    q4 = first(n // 1000, lambda i: part_of_out[i] > 0)
    q5a = first(n // 3, lambda i: degree[i] > 0)
    q5b = first(2 * n // 3, lambda i: degree[i] > 0)
    params = {
        "nodes": n,
        "relationships": m,
        "q1": n // 2,
        "q2": 3,
        "q3": n // 20,
        "q4": q4,
        "q5": [q5a, q5b],
        "kinds": {str(i): kinds[i] for i in {n // 2, 3, n // 20, q4, q5a, q5b}},
    }
    with open(os.path.join(out, "params.json"), "w") as f:
        json.dump(params, f, indent=1)
    return params


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    size = sys.argv[1]
    n, m = SIZES[size] if size in SIZES else map(int, size.split(","))
    print(json.dumps(generate(n, m, sys.argv[2])))


if __name__ == "__main__":
    main()
