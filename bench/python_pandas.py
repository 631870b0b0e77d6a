#!/usr/bin/python3
"""Report.findings and Report.to_pandas() on a large graph report, the Python
side of an evaluation that returns hundreds of thousands of findings.

    /usr/bin/python3 bench/python_pandas.py GRAPH.json

GRAPH.json from bench/gen_graph (e.g. `build/release/gen_graph 1000000 > g.json`);
run with the package installed (`make python-install`) or with PYTHONPATH at a
build's bindings/python directory."""
import sys
import time

import pandas  # noqa: F401  (imported here: its import is not to_pandas's cost)

import dpa


def timed(what, f):
    start = time.perf_counter()
    value = f()
    print(f"{what:34s} {time.perf_counter() - start:6.2f} s")
    return value


graph = timed("load_graph", lambda: dpa.load_graph(sys.argv[1]))
report = timed("evaluate", lambda: graph.evaluate(as_of="2026-11-23"))
for _ in range(3):
    frame = timed("to_pandas", report.to_pandas)
print(f"{len(frame)} findings")
timed("findings (first access)", lambda: report.findings)
timed("findings (again, cached)", lambda: report.findings)
