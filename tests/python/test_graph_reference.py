"""An independent reading of graph-format.md in plain Python, compared with
`dpa graph check` on generated graphs (with and without cycles) and the
hand-made example: counts per rule and the undetermined count must agree."""
import json
import os
import pathlib
import subprocess
import sys
from collections import defaultdict

import pytest

CLI = os.environ.get("DPA_CLI", "dpa")
GEN = os.environ.get("DPA_GEN_GRAPH")
ROOT = pathlib.Path(os.environ.get("DPA_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))

EEA = set("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO".split())
ADEQUATE = set("CH GB JP KR NZ IL UY AR".split())
RULES = ["transfer/scc-module", "transfer/obsolete-mechanism", "transfer/derogation", "transfer/missing-mechanism",
         "breach/unbounded", "breach/chain-budget", "notice/flowdown", "retention/flowdown", "categories/leak",
         "graph/cycle"]


def hours(d):
    return int(d[:-1]) * (24 if d.endswith("d") else 1)


def reference(doc):
    as_of = doc["as_of"]
    budget = hours(doc.get("breach_budget", "72h"))
    orgs = {o["id"]: o for o in doc["organisations"]}
    ags = doc["agreements"]
    counts = dict.fromkeys(RULES, 0)
    clients = {a["client"] for a in ags}
    processors = {a["processor"] for a in ags}
    roots = clients - processors
    incoming = defaultdict(list)
    out = defaultdict(list)
    for a in ags:
        incoming[a["processor"]].append(a)
        out[a["client"]].append(a["processor"])

    for a in ags:
        p = orgs[a["processor"]]
        certs = set(p.get("certifications", []))
        country = p["country"]
        if country in EEA or country in ADEQUATE or (country == "US" and "dpf" in certs and as_of >= "2023-07-10"):
            pass
        else:
            m = set(a.get("mechanisms", []))
            root = a["client"] in roots
            valid = (("scc2021-m2" in m and root and as_of >= "2021-06-27")
                     or ("scc2021-m3" in m and not root and as_of >= "2021-06-27")
                     or ("dpf" in m and country == "US" and "dpf" in certs and as_of >= "2023-07-10")
                     or ("bcr-p" in m and "bcr-p" in certs)
                     or ("scc2010" in m and as_of <= "2022-12-26")
                     or ("privacy-shield" in m and "2016-08-01" <= as_of <= "2020-07-15")
                     or ("safe-harbor" in m and as_of <= "2015-10-05"))
            if not valid:
                if any(x.startswith("scc2021-m") for x in m):
                    counts["transfer/scc-module"] += 1
                elif m & {"scc2010", "privacy-shield", "safe-harbor"}:
                    counts["transfer/obsolete-mechanism"] += 1
                elif "art49-derogation" in m:
                    counts["transfer/derogation"] += 1
                else:
                    counts["transfer/missing-mechanism"] += 1
        if "breach_notice" not in a:
            counts["breach/unbounded"] += 1

    # Strongly connected components (Kosaraju, iterative).
    order, seen = [], set()
    for start in orgs:
        if start in seen:
            continue
        seen.add(start)
        stack = [(start, iter(out[start]))]
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                stack.pop()
                order.append(node)
            elif nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, iter(out[nxt])))
    reverse = defaultdict(list)
    for a in ags:
        reverse[a["processor"]].append(a["client"])
    component, cyclic = {}, set()
    for start in reversed(order):
        if start in component:
            continue
        members, stack = [], [start]
        component[start] = start
        while stack:
            node = stack.pop()
            members.append(node)
            for prev in reverse[node]:
                if prev not in component:
                    component[prev] = start
                    stack.append(prev)
        if len(members) > 1:
            counts["graph/cycle"] += 1
            cyclic.update(members)
    for a in ags:
        if a["client"] == a["processor"]:
            counts["graph/cycle"] += 1
            cyclic.add(a["client"])
    tainted, stack = set(cyclic), list(cyclic)
    while stack:
        node = stack.pop()
        for nxt in out[node]:
            if nxt not in tainted:
                tainted.add(nxt)
                stack.append(nxt)

    latency = {}
    sys.setrecursionlimit(100000)

    def L(a):
        key = a["id"]
        if key in latency:
            return latency[key]
        value = None
        if "breach_notice" in a and a["client"] not in tainted:
            ups = [L(f) for f in incoming[a["client"]]]
            if all(u is not None for u in ups):
                value = hours(a["breach_notice"]) + max(ups, default=0)
        latency[key] = value
        return value

    undetermined = 0
    for a in ags:
        v = L(a)
        if v is None:
            undetermined += 1
        elif v > budget:
            counts["breach/chain-budget"] += 1

    for a in ags:
        c = a["client"]
        if c in roots:
            continue
        ins = incoming[c]
        notices = [hours(f["change_notice"]) for f in ins if "change_notice" in f]
        if notices and ("change_notice" not in a or hours(a["change_notice"]) < max(notices)):
            counts["notice/flowdown"] += 1
        cats = set(a.get("categories", []))
        for cat in cats:
            if "retention" in a and cat in a["retention"]:
                upstream = [hours(f["retention"][cat]) for f in ins
                            if cat in f.get("categories", []) and cat in f.get("retention", {})]
                if upstream and hours(a["retention"][cat]) > min(upstream):
                    counts["retention/flowdown"] += 1
            if not any(cat in f.get("categories", []) for f in ins):
                counts["categories/leak"] += 1
    return counts, undetermined


def dpa_counts(path):
    out = subprocess.run([CLI, "graph", "check", "--format", "json", str(path)], capture_output=True, timeout=120)
    assert out.returncode in (0, 1), out.stderr
    report = json.loads(out.stdout)
    return {k: report["counts"][k] for k in RULES}, report["undetermined"]


def test_hand_made_example():
    path = ROOT / "examples/graphs/small.json"
    assert dpa_counts(path) == reference(json.loads(path.read_text()))


@pytest.mark.skipif(not GEN, reason="the graph generator is not built")
@pytest.mark.parametrize("seed,back_edges", [(1, 0.0), (2, 0.001), (3, 0.01), (4, 0.05), (5, 0.2)])
def test_generated_graphs(tmp_path, seed, back_edges):
    path = tmp_path / f"g{seed}.json"
    with path.open("w") as f:
        subprocess.run([GEN, "1500", str(seed), str(back_edges)], stdout=f, check=True)
    expected = reference(json.loads(path.read_text()))
    assert dpa_counts(path) == expected
    if back_edges >= 0.01:
        assert expected[0]["graph/cycle"] > 0
