#!/usr/bin/python3
"""Python call overhead per evaluation: dpa.evaluate from Python against the
same evaluation timed in C++ (Google Benchmark's evaluate_seed). Run after
`make python-install`, from the repository root."""
import timeit

import dpa

for seed in ("caos", "hoviguard", "sevenoways"):
    doc = dpa.load(f"examples/dpas/{seed}.json")
    n = 2000
    per_call = min(timeit.repeat(lambda: dpa.evaluate(doc, as_of="2026-11-23"), number=n, repeat=5)) / n
    findings = timeit.timeit(lambda: dpa.evaluate(doc, as_of="2026-11-23").findings, number=n) / n
    print(f"{seed:12s} dpa.evaluate {per_call * 1e6:7.1f} us/call;  with .findings converted {findings * 1e6:7.1f} us/call")
