"""The dpa CLI and the dpa/1 schema, seen from outside: examples validate
against the JSON Schema, hostile inputs are rejected with located errors."""
import json
import os
import pathlib
import subprocess

import jsonschema
import pytest

CLI = os.environ.get("DPA_CLI", "dpa")
ROOT = pathlib.Path(os.environ.get("DPA_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
EXAMPLES = sorted((ROOT / "examples" / "dpas").rglob("*.json"))  # the seeds and the corpus of real DPAs
HOSTILE = sorted((ROOT / "tests" / "hostile").glob("*.json"))


def run(*args, timeout=60):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, timeout=timeout)


@pytest.fixture(scope="module")
def schema():
    s = json.loads((ROOT / "schema" / "dpa.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(s)
    return s


def test_seed_examples_are_present():
    assert {"axion", "caelex", "caos", "hoviguard", "sevenoways", "hoviguard-v1.1"} <= {p.stem for p in EXAMPLES}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_validates_against_schema(schema, path):
    jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schema)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_canonical_output_validates_and_round_trips(schema, path, tmp_path):
    first = run("format", path)
    assert first.returncode == 0, first.stderr
    jsonschema.validate(json.loads(first.stdout), schema)
    again = tmp_path / "again.json"
    again.write_bytes(first.stdout)
    second = run("format", again)
    assert second.returncode == 0
    assert second.stdout == first.stdout


def test_cli_prints_the_shipped_schema(schema):
    out = run("schema")
    assert out.returncode == 0
    assert json.loads(out.stdout) == schema


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.stem)
def test_hostile_input_is_rejected_with_location(path):
    out = run("validate", path)
    assert out.returncode == 1, out.stderr
    err = out.stderr.decode()
    lines = [l for l in err.splitlines() if l]
    assert lines, "no error message"
    for line in lines:
        # file:line:column: error: pointer: message
        head, _, rest = line.partition(": error: ")
        parts = head.rsplit(":", 2)
        assert len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit(), line
        assert int(parts[1]) >= 1 and int(parts[2]) >= 1
        assert rest.startswith("/"), line


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.stem)
def test_schema_agrees_hostile_input_is_invalid(schema, path):
    try:
        doc = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return  # not JSON at all: nothing for the schema to say
    if path.stem in ("bad-country", "bad-duration", "duplicate-id", "bad-date", "duplicate-key", "huge-number"):
        return  # semantic checks (codes, durations, ids, dates) the schema cannot express
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema)


def test_50mb_of_nested_arrays(tmp_path):
    big = tmp_path / "nested.json"
    with big.open("w") as f:
        f.write("[" * (25 * 1024 * 1024))
        f.write("]" * (25 * 1024 * 1024))
    out = run("validate", big)
    assert out.returncode == 1
    assert b":1:1: error: /: document of" in out.stderr or b"exceeds the limit" in out.stderr


def test_deep_nesting_under_the_size_limit(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 1_000_000 + "]" * 1_000_000)
    out = run("validate", deep)
    assert out.returncode == 1
    assert b"nesting deeper than 64 levels" in out.stderr


def test_usage_errors_exit_2():
    assert run("validate").returncode == 2
    assert run("no-such-command").returncode == 2
    assert run("validate", ROOT / "no-such-file.json").returncode == 2


def test_validate_json_output(tmp_path):
    out = run("validate", "--format", "json", ROOT / "tests/hostile/bad-country.json", EXAMPLES[0])
    assert out.returncode == 1
    report = json.loads(out.stdout)
    assert report[0]["valid"] is False
    assert report[0]["errors"][0]["pointer"] == "/subprocessors/0/country"
    assert report[0]["errors"][0]["help"] == "did you mean `DE`?"
    assert report[1] == {"file": str(EXAMPLES[0]), "valid": True, "errors": []}


def test_version():
    out = run("--version")
    assert out.returncode == 0
    assert out.stdout.startswith(b"dpa 0.")


def test_diff_and_tenant_take_the_rule_options_check_takes():
    old, new = ROOT / "examples/dpas/hoviguard-v1.1.json", ROOT / "examples/dpas/hoviguard.json"
    every = json.loads(run("diff", old, new, "--format", "json").stdout)
    some = json.loads(run("diff", old, new, "--format", "json", "--disable", "diff/subprocessor-added",
                          "--severity", "diff/weakened=info").stdout)
    assert every["changes"] == some["changes"]
    assert {f["rule"] for f in some["report"]["findings"]} == {"diff/weakened"}
    assert {f["severity"] for f in some["report"]["findings"]} == {"info"}
    assert some["report"]["rules_run"] == ["diff/weakened"]
    bad = run("diff", old, new, "--rules", "tenant/residency", "--severity", "diff/weakend=info")
    assert bad.returncode == 2
    lines = bad.stderr.decode().splitlines()
    assert lines == ["dpa: --rules: `tenant/residency` is a tenant rule, not a diff rule",
                     "dpa: --severity: `diff/weakend` is not a diff rule id or family; did you mean `diff/weakened`?"]
    tenant = ROOT / "examples/tenants/hoviguard-trips.json"
    only = json.loads(run("tenant", new, tenant, "--format", "json", "--rules", "tenant/dpa-version").stdout)
    assert only["rules_run"] == ["tenant/dpa-version"]
