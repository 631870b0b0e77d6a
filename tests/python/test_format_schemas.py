"""The JSON Schemas of dpa-graph/1, dpa-scenario/1 and dpa-knowledge/1 against
the files dpa reads: every example validates, the hostile inputs the loaders
reject for a structural reason are rejected by the schema too, and a table of
small documents gets the same verdict from the schema as from the loaders
(checked through the CLI when one is available)."""
import copy
import json
import os
import pathlib
import re
import shutil
import subprocess

import jsonschema
import pytest

ROOT = pathlib.Path(os.environ.get("DPA_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
SCHEMAS = {name: ROOT / "schema" / f"{name}.schema.json" for name in ("graph", "scenario", "knowledge")}


def _cli():
    cli = os.environ.get("DPA_CLI")
    if cli:
        return cli
    return shutil.which("dpa")


def _gen_graph():
    if os.environ.get("DPA_GEN_GRAPH"):
        return os.environ["DPA_GEN_GRAPH"]
    for candidate in (ROOT / "build/ci/tests/gen_graph", ROOT / "build/ci/gen_graph"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


CLI = _cli()
GEN = _gen_graph()
needs_cli = pytest.mark.skipif(CLI is None, reason="no dpa CLI (set DPA_CLI)")


@pytest.fixture(scope="module")
def validators():
    out = {}
    for name, path in SCHEMAS.items():
        schema = json.loads(path.read_text())
        jsonschema.Draft202012Validator.check_schema(schema)
        out[name] = jsonschema.Draft202012Validator(schema)
    return out


def errors(validator, instance):
    return sorted(e.message for e in validator.iter_errors(instance))


# ---------------------------------------------------------------- the schemas


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_is_a_valid_draft_2020_12_schema(name):
    schema = json.loads(SCHEMAS[name].read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    # as schema/dpa.schema.json: closed objects, and every member described
    def walk(node, where):
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                assert node.get("additionalProperties") is False, f"{where}: additionalProperties is not false"
                for member, sub in node["properties"].items():
                    assert "description" in sub, f"{where}/properties/{member}: no description"
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")
    walk(schema, name)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_examples_validate(validators, name):
    schema = json.loads(SCHEMAS[name].read_text())
    for example in schema.get("examples", []):
        assert errors(validators[name], example) == []


# --------------------------------------------------------------- the examples

EXAMPLES = ([("graph", p) for p in sorted((ROOT / "examples/graphs").glob("*.json"))] +
            [("scenario", p) for p in sorted((ROOT / "examples/scenarios").glob("*.json"))] +
            [("knowledge", ROOT / "data/jurisdictions.json")])


def test_there_are_examples():
    assert {kind for kind, _ in EXAMPLES} == {"graph", "scenario", "knowledge"}
    assert len([1 for kind, _ in EXAMPLES if kind == "graph"]) >= 2


@pytest.mark.parametrize("kind,path", EXAMPLES, ids=[f"{k}:{p.name}" for k, p in EXAMPLES])
def test_example_validates(validators, kind, path):
    assert errors(validators[kind], json.loads(path.read_text())) == []


@pytest.mark.skipif(GEN is None, reason="the graph generator is not built (DPA_GEN_GRAPH)")
@pytest.mark.parametrize("seed,back_edges", [(7, "0.0"), (8, "0.05")])
def test_generated_graph_validates(validators, seed, back_edges):
    text = subprocess.run([GEN, "2000", str(seed), back_edges], capture_output=True, check=True, timeout=120).stdout
    graph = json.loads(text)
    assert len(graph["agreements"]) > 1000
    assert errors(validators["graph"], graph) == []


@needs_cli
def test_built_graph_validates(validators):
    dpas = sorted(p for p in (ROOT / "examples/dpas").glob("*.json"))
    out = subprocess.run([CLI, "graph", "build", "--quiet", "--as-of", "2026-11-23", *map(str, dpas)],
                         capture_output=True, timeout=120)
    assert out.returncode == 0, out.stderr
    graph = json.loads(out.stdout)
    assert any(o["country"] == "ZZ" for o in graph["organisations"])  # the extension is exercised
    assert errors(validators["graph"], graph) == []


# ------------------------------------------------------------ hostile inputs

HOSTILE = ([("graph", p) for p in sorted((ROOT / "tests/hostile/graph").glob("*.json"))] +
           [("scenario", ROOT / "tests/hostile/scenario-bad.json")])

# Rejected by the loaders for a reason no JSON Schema can state: the schema
# judges a parsed JSON value, and these are not JSON, or their problem is a
# limit or lost in parsing.
NOT_EXPRESSIBLE = {
    "duplicate-key.json": "a member repeated in one object: parsing keeps one of them, so the schema never sees it",
    "invalid-utf8.json": "invalid UTF-8: not JSON text, nothing to validate",
    "nul-byte.json": "an unescaped control character in a string: a JSON syntax error",
    "truncated.json": "the text ends early: a JSON syntax error",
    "nested-deep.json": "nesting deeper than the loader's limit of 64 levels: a limit",
}


def test_hostile_files_are_classified():
    names = {p.name for _, p in HOSTILE}
    assert set(NOT_EXPRESSIBLE) <= names, "a skipped file no longer exists"
    assert len(names) > len(NOT_EXPRESSIBLE)


@pytest.mark.parametrize("kind,path", HOSTILE, ids=[p.name for _, p in HOSTILE])
def test_hostile_file_is_rejected_by_the_schema(validators, kind, path):
    if path.name in NOT_EXPRESSIBLE:
        pytest.skip(NOT_EXPRESSIBLE[path.name])
    instance = json.loads(path.read_bytes())  # (a file that is not JSON belongs in NOT_EXPRESSIBLE)
    assert errors(validators[kind], instance), f"{path.name} validates against the {kind} schema"


@needs_cli
@pytest.mark.parametrize("kind,path", HOSTILE, ids=[p.name for _, p in HOSTILE])
def test_hostile_file_is_rejected_by_the_cli(kind, path):
    if kind == "graph":
        out = subprocess.run([CLI, "graph", "check", "--format", "json", str(path)], capture_output=True, timeout=120)
    else:
        out = subprocess.run([CLI, "graph", "scenario", "--format", "json", str(ROOT / "examples/graphs/small.json"),
                              str(path)], capture_output=True, timeout=120)
    assert out.returncode != 0 and out.stdout == b"" and b"error:" in out.stderr


# ----------------------------------------------- same verdict as the loaders

GRAPH_HEAD = {"format": "dpa-graph/1"}
ORGS = [{"id": "c", "country": "DE"}, {"id": "p", "country": "IN"}]


def graph_with(**members):
    doc = {**GRAPH_HEAD, "organisations": copy.deepcopy(ORGS),
           "agreements": [{"id": "a", "client": "c", "processor": "p"}]}
    for key, value in members.items():
        where, _, member = key.partition("__")
        if where == "root":
            doc[member] = value
        elif where == "org":
            doc["organisations"][1][member] = value
        elif where == "ag":
            doc["agreements"][0][member] = value
        elif where == "drop_org":
            del doc["organisations"][1][member]
        elif where == "drop_ag":
            del doc["agreements"][0][member]
    return doc


# (name, document, accepted by the loader). Only structural cases: the
# schema is expected to agree with the loader on every one.
GRAPH_CASES = [
    ("minimal", {"format": "dpa-graph/1"}, True),
    ("empty lists", {"format": "dpa-graph/1", "organisations": [], "agreements": []}, True),
    ("every member", graph_with(root__as_of="2026-11-23", root__breach_budget="72h", org__name="P Ltd",
                                org__certifications=["dpf", "bcr-p", "dpf"], ag__categories=["contact", "", "contact"],
                                ag__mechanisms=["scc2021-m2", "art49-derogation"], ag__breach_notice="0h",
                                ag__change_notice="007d", ag__retention={"contact": "30d", "not listed": "1h"}), True),
    ("empty name", graph_with(org__name=""), True),
    ("ZZ", graph_with(org__country="ZZ"), True),
    ("largest duration in days", graph_with(ag__breach_notice="1000000000d"), True),
    ("largest duration, leading zeros", graph_with(ag__breach_notice="0001000000000h"), True),
    ("leap day", graph_with(root__as_of="2000-02-29"), True),
    ("year 0000 leap day", graph_with(root__as_of="0000-02-29"), True),
    ("no format", {"organisations": []}, False),
    ("other format", {"format": "dpa-graph/2"}, False),
    ("not an object", ["dpa-graph/1"], False),
    ("unknown root member", graph_with(root__version="1"), False),
    ("unknown organisation member", graph_with(org__vat="DE123"), False),
    ("unknown agreement member", graph_with(ag__note="x"), False),
    ("organisation without country", graph_with(drop_org__country=None), False),
    ("organisation without id", graph_with(drop_org__id=None), False),
    ("empty organisation id", graph_with(org__id=""), False),
    ("agreement without client", graph_with(drop_ag__client=None), False),
    ("agreement without processor", graph_with(drop_ag__processor=None), False),
    ("agreement without id", graph_with(drop_ag__id=None), False),
    ("empty agreement id", graph_with(ag__id=""), False),
    ("null name", graph_with(org__name=None), False),
    ("null as_of", graph_with(root__as_of=None), False),
    ("lower-case country", graph_with(org__country="in"), False),
    ("unassigned country", graph_with(org__country="XK"), False),
    ("EU is no country", graph_with(org__country="EU"), False),
    ("unknown certification", graph_with(org__certifications=["iso27001"]), False),
    ("certifications as a string", graph_with(org__certifications="dpf"), False),
    ("unknown mechanism", graph_with(ag__mechanisms=["scc2021-m5"]), False),
    ("category not a string", graph_with(ag__categories=[7]), False),
    ("categories as a string", graph_with(ag__categories="contact"), False),
    ("duration with a space", graph_with(ag__breach_notice="72 h"), False),
    ("duration in upper case", graph_with(ag__breach_notice="72H"), False),
    ("duration without unit", graph_with(ag__breach_notice="72"), False),
    ("duration with a sign", graph_with(ag__breach_notice="+3h"), False),
    ("fractional duration", graph_with(ag__change_notice="1.5d"), False),
    ("unit alone", graph_with(root__breach_budget="h"), False),
    ("duration over the limit", graph_with(ag__breach_notice="1000000001h"), False),
    ("duration as a number", graph_with(ag__breach_notice=72), False),
    ("retention not a duration", graph_with(ag__retention={"contact": 30}), False),
    ("retention as a list", graph_with(ag__retention=["30d"]), False),
    ("no such day", graph_with(root__as_of="2023-02-29"), False),
    ("1900 is no leap year", graph_with(root__as_of="1900-02-29"), False),
    ("month 13", graph_with(root__as_of="2026-13-01"), False),
    ("date with time", graph_with(root__as_of="2026-11-23T00:00"), False),
]

SCENARIO_CASES = [
    ("minimal", {"format": "dpa-scenario/1", "changes": []}, True),
    ("every member", {"format": "dpa-scenario/1", "name": "", "as_of": "2027-06-01",
                      "changes": [{"id": "adequacy/US-DPF", "valid_from": "2023-07-10", "valid_until": "2027-05-31",
                                   "remove": False},
                                  {"tool": "scc-2010", "valid_until": None},
                                  {"id": "adequacy/BR", "remove": True}]}, True),
    ("id names the entry, tool ignored", {"format": "dpa-scenario/1",
                                          "changes": [{"id": "adequacy/BR", "tool": 5, "valid_until": "2027-01-01"}]}, True),
    ("tool names the entry, id ignored", {"format": "dpa-scenario/1",
                                          "changes": [{"id": 5, "tool": "scc-2021", "valid_until": "2030-01-01"}]}, True),
    ("no format", {"changes": []}, False),
    ("other format", {"format": "dpa-graph/1", "changes": []}, False),
    ("no changes", {"format": "dpa-scenario/1"}, False),
    ("changes not a list", {"format": "dpa-scenario/1", "changes": {}}, False),
    ("unknown root member", {"format": "dpa-scenario/1", "changes": [], "graph": "g.json"}, False),
    ("null name", {"format": "dpa-scenario/1", "changes": [], "name": None}, False),
    ("bad as_of", {"format": "dpa-scenario/1", "changes": [], "as_of": "2027-02-30"}, False),
    ("change not an object", {"format": "dpa-scenario/1", "changes": ["adequacy/BR"]}, False),
    ("change names nothing", {"format": "dpa-scenario/1", "changes": [{"remove": True}]}, False),
    ("id not a string", {"format": "dpa-scenario/1", "changes": [{"id": 5, "remove": True}]}, False),
    ("unknown tool name", {"format": "dpa-scenario/1", "changes": [{"tool": "scc-2030", "remove": True}]}, False),
    ("unknown change member", {"format": "dpa-scenario/1", "changes": [{"id": "adequacy/BR", "until": "2027-01-01"}]},
     False),
    ("valid_from cleared", {"format": "dpa-scenario/1", "changes": [{"tool": "dpf", "valid_from": None}]}, False),
    ("bad valid_until", {"format": "dpa-scenario/1", "changes": [{"tool": "dpf", "valid_until": "soon"}]}, False),
    ("remove not a boolean", {"format": "dpa-scenario/1", "changes": [{"id": "adequacy/BR", "remove": "yes"}]}, False),
]


def kb_with(change):
    kb = json.loads((ROOT / "data/jurisdictions.json").read_text())
    change(kb)
    return kb


def kb_set(*path_and_value):
    *path, value = path_and_value

    def change(kb):
        node = kb
        for step in path[:-1]:
            node = node[step]
        if value is KeyError:
            del node[path[-1]]
        else:
            node[path[-1]] = value
    return change


KNOWLEDGE_CASES = [
    ("as shipped", kb_with(lambda kb: None), True),
    ("without optional sections", kb_with(lambda kb: [kb.pop(k) for k in ("notes", "organisations", "periods")]), True),
    ("empty lists", kb_with(lambda kb: kb.update(eea=[], adequacy=[], tools=[])), True),
    ("other format", kb_with(kb_set("format", "dpa-knowledge/2")), False),
    ("no compiled date", kb_with(kb_set("compiled", KeyError)), False),
    ("no tools", kb_with(kb_set("tools", KeyError)), False),
    ("unknown root member", kb_with(kb_set("license", "CC0")), False),
    ("unknown entry member", kb_with(kb_set("adequacy", 0, "comment", "x")), False),
    ("empty string", kb_with(kb_set("notes", "")), False),
    ("null where optional", kb_with(kb_set("adequacy", 0, "valid_until", None)), False),
    ("ZZ is no country here", kb_with(kb_set("eea", 0, "country", "ZZ")), False),
    ("unknown tool", kb_with(kb_set("tools", 0, "tool", "scc-2030")), False),
    ("bad date", kb_with(kb_set("tools", 0, "valid_from", "2021-06-31")), False),
    ("source not a string", kb_with(kb_set("sources", "gdpr", 1)), False),
    ("required entry member missing", kb_with(kb_set("eea", 0, "source", KeyError)), False),
]


def cli_accepts(kind, doc, tmp_path):
    path = tmp_path / f"{kind}.json"
    path.write_text(json.dumps(doc))
    if kind == "graph":
        out = subprocess.run([CLI, "graph", "check", "--format", "json", str(path)], capture_output=True, timeout=60)
        return out.returncode in (0, 1) and out.stdout != b""
    if kind == "scenario":
        out = subprocess.run([CLI, "graph", "scenario", "--format", "json", str(ROOT / "examples/graphs/small.json"),
                              str(path)], capture_output=True, timeout=60)
        return out.returncode in (0, 1) and out.stdout != b""
    out = subprocess.run([CLI, "check", "--as-of", "2026-11-23", "--knowledge", str(path),
                          str(ROOT / "examples/dpas/axion.json")], capture_output=True, timeout=60)
    return out.returncode in (0, 1)


CASES = ([("graph", *c) for c in GRAPH_CASES] + [("scenario", *c) for c in SCENARIO_CASES] +
         [("knowledge", *c) for c in KNOWLEDGE_CASES])


@pytest.mark.parametrize("kind,name,doc,accepted", CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_schema_verdict(validators, kind, name, doc, accepted):
    assert (errors(validators[kind], doc) == []) == accepted


@needs_cli
@pytest.mark.parametrize("kind,name,doc,accepted", CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_loader_verdict(tmp_path, kind, name, doc, accepted):
    assert cli_accepts(kind, doc, tmp_path) == accepted


# -------------------------------------------- the schemas can fail (mutation)


def test_mutated_examples_are_rejected(validators):
    small = json.loads((ROOT / "examples/graphs/small.json").read_text())
    assert errors(validators["graph"], small) == []
    for mutate in (lambda g: g["agreements"][0].__setitem__("breach_notise", "24h"),
                   lambda g: g["organisations"][0].__setitem__("certification", ["dpf"]),
                   lambda g: g.__setitem__("budget", "72h"),
                   lambda g: g["organisations"][2].__setitem__("country", "USA"),
                   lambda g: g["agreements"][1].__setitem__("mechanisms", ["DPF"]),
                   lambda g: g["agreements"][0]["retention"].__setitem__("contact", "30 days"),
                   lambda g: g["agreements"][0].pop("processor")):
        g = copy.deepcopy(small)
        mutate(g)
        assert errors(validators["graph"], g) != []
    scenario = json.loads((ROOT / "examples/scenarios/dpf-falls.json").read_text())
    scenario["changes"][0]["valid_till"] = "2027-05-31"
    assert errors(validators["scenario"], scenario) != []
    kb = json.loads((ROOT / "data/jurisdictions.json").read_text())
    kb["tools"][0]["module"] = 2
    assert errors(validators["knowledge"], kb) != []


# --------------------------------------- the schemas' vocabularies, at source


def test_country_lists_match_data_countries():
    codes = sorted(c["code"] for c in json.loads((ROOT / "data/countries.json").read_text())["countries"])
    graph = json.loads(SCHEMAS["graph"].read_text())
    knowledge = json.loads(SCHEMAS["knowledge"].read_text())
    assert sorted(graph["$defs"]["country"]["enum"]) == sorted(codes + ["ZZ"])
    assert sorted(knowledge["$defs"]["country"]["enum"]) == codes


def test_vocabularies_match_the_source():
    load = (ROOT / "src/graph/load.cpp").read_text()
    mechanisms = re.findall(r'\{"([a-z0-9-]+)", graph_mechanism::', load)
    graph = json.loads(SCHEMAS["graph"].read_text())
    assert mechanisms and sorted(graph["$defs"]["mechanism"]["enum"]) == sorted(mechanisms)
    enums = (ROOT / "src/document/enums.hpp").read_text()
    tools = re.findall(r'ev<tool_kind>\{tool_kind::\w+, "([^"]+)"\}', enums)
    knowledge = json.loads(SCHEMAS["knowledge"].read_text())
    scenario = json.loads(SCHEMAS["scenario"].read_text())
    assert tools and sorted(knowledge["$defs"]["tool_kind"]["enum"]) == sorted(tools)
    tool_branch = scenario["$defs"]["change"]["anyOf"][1]["properties"]["tool"]
    assert sorted(tool_branch["enum"]) == sorted(tools)


def _is_date(y, m, d):
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return 1 <= m <= 12 and 1 <= d <= days[m - 1]


def test_date_pattern_is_the_calendar():
    pattern = re.compile(json.loads(SCHEMAS["graph"].read_text())["$defs"]["date"]["pattern"])
    for y in (0, 1, 4, 100, 200, 400, 1900, 1996, 2000, 2023, 2024, 2100, 9996, 9999):
        for m in range(0, 14):
            for d in range(0, 33):
                text = f"{y:04}-{m:02}-{d:02}"
                assert bool(pattern.search(text)) == _is_date(y, m, d), text
    for name in ("scenario", "knowledge"):
        assert json.loads(SCHEMAS[name].read_text())["$defs"]["date"]["pattern"] == pattern.pattern


def test_duration_pattern():
    pattern = re.compile(json.loads(SCHEMAS["graph"].read_text())["$defs"]["duration"]["pattern"])
    for ok in ("0h", "0d", "72h", "30d", "007d", "999999999h", "1000000000h", "1000000000d", "00001000000000d"):
        assert pattern.search(ok), ok
    for bad in ("", "h", "d", "72", "72H", "72 h", " 72h", "1.5d", "+3h", "-3h", "1000000001h", "9999999999d",
                "72hours", "3w", "1e3h"):
        assert not pattern.search(bad), bad
