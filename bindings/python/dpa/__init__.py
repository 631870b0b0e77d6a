"""dpa: GDPR data processing agreements as data, checked against the law.

    >>> import dpa
    >>> doc = dpa.load("examples/dpas/caelex.json")
    >>> report = dpa.evaluate(doc, as_of="2026-11-23")
    >>> report.to_pandas()          # one row per finding

Every entry point takes its options under the same names and types:

    as_of          str "YYYY-MM-DD" or datetime.date (default: today, or the input's own date)
    rules, disable rule ids or families, as a str (comma-separated) or a sequence of str
    severity       severity overrides: a mapping {"transfer/no-tia": "info"}, or RULE=LEVEL items as a str
                   (comma-separated) or a sequence of str (documents, tenants, diffs)
    suppressions   a suppression file: a path, JSON text or bytes (documents)
    baseline       an earlier JSON report: a path, JSON text, bytes or a Report; only new findings are
                   reported (documents)
    breach_budget  a duration as text ("72 hours", "3 days")
    threads        an int >= 1 (graphs: passes side by side; the result is the same for any value)

Options are read by the library's one option parser; a bad value raises ValidationError naming it.
Parsing, evaluation, tenant checks and diffs run in C++ without the GIL.
"""
from __future__ import annotations

import datetime
import errno
import html
import importlib
import json
import os
import warnings
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, List, Optional, Tuple, TypedDict, Union, cast

from . import _dpa
from ._dpa import Evidence, Finding, TransferChange

__version__: str = _dpa.__version__
__all__ = [
    "DpaError", "ParseError", "ValidationError", "VersionError",
    "Document", "Report", "GraphReport", "Finding", "Evidence", "Tenant", "TenantPolicy",
    "Graph", "ScenarioReport", "TransferChange",
    "Diagnostic", "Subprocessor", "Transfer", "NotEvaluated", "Change", "GraphNote", "RuleInfo",
    "load", "load_tenant", "evaluate", "check_tenant", "diff", "rules", "load_graph", "build_graph",
]


class Diagnostic(TypedDict):
    """One problem of an input that does not load (DpaError.diagnostics)."""

    code: str
    message: str
    json_pointer: str
    line: int
    column: int
    help: str


class DpaError(ValueError):
    """Base of every dpa error. Carries code, json_pointer, line and column."""

    code: str = ""
    json_pointer: str = ""
    line: int = 0
    column: int = 0
    help: str = ""
    diagnostics: List[Diagnostic] = []


class ParseError(DpaError):
    """The input is not a valid document: JSON, format or content. `diagnostics` lists every problem."""


class ValidationError(DpaError):
    """An argument has a value that is not allowed."""


class VersionError(ParseError):
    """An input in a format version this library does not read ("format": "dpa/2"); also a ParseError."""


_dpa._set_parse_error(ParseError)
_dpa._set_version_error(VersionError)
_dpa._set_validation_error(ValidationError)

PathLike = Union[str, "os.PathLike[str]"]
"""A path: str or pathlib.Path."""
Source = Union[str, bytes, "os.PathLike[str]"]
"""A path, JSON text (a str that opens with `{` or `[`) or bytes."""
DateLike = Union[str, datetime.date]
"""A date: "YYYY-MM-DD" or a datetime.date."""
Selection = Union[str, Sequence[str]]
"""Rule ids or families: one str (comma-separated) or a sequence of str."""
Severities = Union[Mapping[str, str], str, Sequence[str]]
"""Severity overrides: {"transfer/no-tia": "info"}, or RULE=LEVEL items as one str (comma-separated) or a
sequence of str."""


class Subprocessor(TypedDict):
    id: str
    name: str
    country: Optional[str]
    legal_name: Optional[str]
    purpose: Optional[str]


class Transfer(TypedDict):
    """Where one recipient's data goes and on what basis (Report.transfers)."""

    recipient: str
    name: str
    country: str
    basis: str  # "eea", "adequacy", "tool", "none", "undetermined"
    detail: str
    pointer: str


class NotEvaluated(TypedDict):
    """A rule that could not judge the document, and why (Report.not_evaluated)."""

    rule: str
    reason: str
    detail: str
    pointer: str


class Change(TypedDict):
    """One change between two versions of a DPA (Report.changes of a diff)."""

    kind: str
    pointer: str
    subject: str
    before: Any  # the old value as a Python value; None where the member was added
    after: Any  # the new value; None where it was removed
    message: str
    direction: str
    certainty: str


class GraphNote(TypedDict):
    """What build_graph could not carry into the graph."""

    file: str
    pointer: str
    message: str


class RuleInfo(TypedDict):
    id: str
    severity: str
    title: str
    reference: str
    url: str
    rationale: str
    remediation: str
    kinds: List[str]  # "document", "diff", "tenant", "graph"


# --- options: one shape everywhere, parsed by the library ---------------------------------------------------------

def _date(as_of: Optional[DateLike]) -> Optional[str]:
    """`as_of` as text for the library's parser: None, a str as given, or a date in ISO form."""
    if as_of is None or isinstance(as_of, str):
        return as_of
    if isinstance(as_of, datetime.datetime):
        return as_of.date().isoformat()
    if isinstance(as_of, datetime.date):
        return as_of.isoformat()
    raise TypeError(f"as_of must be a str (YYYY-MM-DD) or a datetime.date, not {type(as_of).__name__}")


def _selection(name: str, value: Optional[Selection]) -> List[str]:
    """Rule ids or families as a list of str; the library splits at commas and checks each one."""
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"{name} must be a str or a sequence of str, not a sequence holding {type(item).__name__}")
    return items


def _severity(value: Optional[Severities]) -> List[str]:
    """Severity overrides as RULE=LEVEL items; the library splits at commas and checks each rule and level."""
    if value is None:
        return []
    if isinstance(value, Mapping):
        items = []
        for rule, level in value.items():
            if not isinstance(rule, str) or not isinstance(level, str):
                raise TypeError("severity must map rule ids (str) to levels (str), not "
                                f"{type(rule).__name__} to {type(level).__name__}")
            items.append(f"{rule}={level}")
        return items
    return _selection("severity", value)


def _budget(breach_budget: Optional[str]) -> Optional[str]:
    if breach_budget is not None and not isinstance(breach_budget, str):
        raise TypeError(f"breach_budget must be a str such as \"72 hours\", not {type(breach_budget).__name__}")
    return breach_budget


def _threads(threads: int) -> int:
    if isinstance(threads, bool) or not isinstance(threads, int):
        raise TypeError(f"threads must be an int, not {type(threads).__name__}")
    if threads < 1:
        raise ValidationError(f"threads: `{threads}` is not a positive number")
    return threads


def _pandas() -> Any:
    """pandas, imported on first use (an optional dependency, without type information)."""
    return importlib.import_module("pandas")


# --- documents and reports ------------------------------------------------------------------------------------------

class Document:
    """A loaded DPA document (immutable)."""

    def __init__(self, native: _dpa.NativeDocument, source: Union[str, bytes] = "", file: str = "") -> None:
        self._native = native
        self._source = source
        self._file = file

    @property
    def id(self) -> str:
        return self._native.id

    @property
    def title(self) -> str:
        return self._native.title

    @property
    def version(self) -> Optional[str]:
        return self._native.version

    @property
    def subprocessors(self) -> List[Subprocessor]:
        """The listed sub-processors."""
        return cast(List[Subprocessor], self._native.subprocessors)

    @property
    def file(self) -> str:
        """The path it was loaded from; "" for text."""
        return self._file

    def to_json(self) -> str:
        return self._native.to_json()

    def summary(self) -> str:
        return self._native.summary()

    def __repr__(self) -> str:
        return f"<dpa.Document {self.id!r} version {self.version!r}>"


class Report:
    """The findings of one evaluation (or tenant check, or diff)."""

    def __init__(self, native: _dpa.NativeReport, changes: Optional[List[Change]] = None) -> None:
        self._native = native
        self._findings: Optional[List[Finding]] = None
        self.changes: List[Change] = changes or []
        """A diff's change events (empty for other reports)."""

    @property
    def subject(self) -> str:
        """The document's (or tenant's) id."""
        return self._native.subject

    @property
    def as_of(self) -> str:
        return self._native.as_of

    @property
    def findings(self) -> List[Finding]:
        """The findings, converted once and kept (a large graph has hundreds of thousands)."""
        if self._findings is None:
            self._findings = self._native.findings
        return self._findings

    @property
    def rules_run(self) -> List[str]:
        return self._native.rules_run

    @property
    def not_evaluated(self) -> List[NotEvaluated]:
        return cast(List[NotEvaluated], self._native.not_evaluated)

    @property
    def transfers(self) -> List[Transfer]:
        return cast(List[Transfer], self._native.transfers)

    @property
    def notes(self) -> List[str]:
        """What the reader should know beyond the findings: assumptions made, a suppression that expired."""
        return self._native.notes

    @property
    def counts(self) -> dict[str, int]:
        """Findings per rule id, every rule that ran (0 included)."""
        return self._native.counts

    @property
    def knowledge_version(self) -> str:
        return self._native.knowledge_version

    @property
    def knowledge_checksum(self) -> str:
        return self._native.knowledge_checksum

    def to_json(self) -> str:
        return self._native.to_json()

    def to_sarif(self) -> str:
        return self._native.to_sarif()

    def to_dict(self) -> dict[str, Any]:
        return cast(dict[str, Any], json.loads(self.to_json()))

    _COLUMNS = ["vendor", "rule", "family", "severity", "certainty", "subject", "message", "evidence",
                "reference", "suppressed"]

    def rows(self) -> List[dict[str, Any]]:
        """One dict per finding, with the columns of to_pandas()."""
        columns = self._native.columns()
        columns["vendor"] = [self.subject] * len(columns["rule"])
        return [dict(zip(self._COLUMNS, values)) for values in zip(*(columns[c] for c in self._COLUMNS))]

    def to_pandas(self) -> Any:
        """A pandas.DataFrame, one row per finding: vendor, rule, family, severity, certainty, subject, message,
        evidence, reference, suppressed. The native module builds the columns as NumPy arrays, which the frame
        takes as they are (a million findings in about a second)."""
        import gc

        pd = _pandas()
        enabled = gc.isenabled()
        gc.disable()  # millions of new objects, none of them in a cycle: collections would only cost time
        try:
            return pd.DataFrame(self._native.arrays(), columns=self._COLUMNS, copy=False)
        finally:
            if enabled:
                gc.enable()

    def _repr_html_(self) -> str:
        colours = {"violation": "#b42318", "warning": "#b54708", "info": "#175cd3"}
        rows = "".join(
            f"<tr><td style='color:{colours.get(f.severity, '#000')}'>{html.escape(f.severity)}</td>"
            f"<td><code>{html.escape(f.rule)}</code></td><td>{html.escape(f.certainty)}</td>"
            f"<td>{html.escape(f.message)}</td>"
            f"<td><code>{html.escape(f.evidence[0].pointer if f.evidence else '')}</code></td></tr>"
            for f in self.findings if not f.suppressed
        )
        return (f"<p><b>{html.escape(self.subject)}</b> as of {self.as_of}: {len(self.findings)} findings</p>"
                "<table><thead><tr><th>severity</th><th>rule</th><th>certainty</th><th>message</th>"
                f"<th>where</th></tr></thead><tbody>{rows}</tbody></table>")

    def __len__(self) -> int:
        return len(self.findings)

    def __repr__(self) -> str:
        return f"<dpa.{type(self).__name__} {self.subject!r} as of {self.as_of}: {len(self.findings)} findings>"


class GraphReport(Report):
    """The findings of the graph rules (a Report), with the number of undetermined chains."""

    def __init__(self, native: _dpa.NativeReport, undetermined: int, text: str = "") -> None:
        super().__init__(native)
        self.undetermined: int = undetermined
        """The number of agreements whose chain latency is undetermined."""
        self._text = text

    def to_text(self) -> str:
        """What `dpa graph check` prints: the findings per rule, the undetermined chain
        latencies, and the first five findings of each rule."""
        return self._text


class Tenant:
    """A tenant configuration (dpa-tenant/1)."""

    def __init__(self, native: _dpa.NativeTenant, source: Union[str, bytes] = "") -> None:
        self._native = native
        self._source = source

    @property
    def tenant(self) -> str:
        return self._native.tenant


class TenantPolicy:
    """A DPA prepared once for checking many tenants; thread-safe."""

    def __init__(self, document: Union[Document, PathLike], as_of: Optional[DateLike] = None,
                 rules: Optional[Selection] = None, disable: Optional[Selection] = None, *,
                 severity: Optional[Severities] = None) -> None:
        if not isinstance(document, Document):
            document = load(document)
        self._native = _dpa.NativeTenantPolicy(document._native, _date(as_of), _selection("rules", rules),
                                               _selection("disable", disable), _severity(severity))

    def check(self, tenant: Union[Tenant, Source]) -> Report:
        if not isinstance(tenant, Tenant):
            tenant = load_tenant(tenant)
        return Report(self._native.check(tenant._native))


def _is_json_text(source: object) -> bool:
    """A str that is JSON text rather than a path: it opens an object or an array, perhaps after
    white space or a byte order mark (which the loader then reports, located)."""
    return isinstance(source, str) and source.lstrip("\ufeff \t\r\n").startswith(("{", "["))


def _existing(source: PathLike) -> str:
    """The path as a str; FileNotFoundError when nothing is there."""
    path = os.fspath(source)
    if not os.path.exists(path):
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), path)
    return path


def _text(source: Source) -> Tuple[Union[str, bytes], str]:
    """(text, file) from JSON text, bytes, or a path."""
    if isinstance(source, (bytes, bytearray)):
        return bytes(source), ""  # the loader itself reports invalid UTF-8, with its location
    if isinstance(source, str) and _is_json_text(source):
        return source, ""
    path = _existing(source)
    return _dpa.read_file(path), path


_SUPPRESSIONS_MAX_BYTES = 16 << 20  # as `dpa check --suppressions` reads them
_BASELINE_MAX_BYTES = 256 << 20  # as `dpa check --baseline`: a report can be large


def _option_text(name: str, source: Union[Source, Report, None], max_bytes: int) -> Union[str, bytes, None]:
    """The JSON text of a suppressions or baseline argument: JSON text or bytes as given, a Report's JSON, or
    a path's contents (FileNotFoundError when nothing is there). The library parses it and reports problems
    as ValidationError naming the option."""
    if source is None:
        return None
    if isinstance(source, Report):
        return source.to_json()
    if isinstance(source, (bytes, bytearray)):
        return bytes(source)
    if isinstance(source, str) and _is_json_text(source):
        return source
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(f"{name} must be a path, JSON text or bytes, not {type(source).__name__}")
    return _dpa.read_file(_existing(source), max_bytes)


def load(source: Source) -> Document:
    """Load a DPA document from a path, JSON text or bytes. Raises ParseError with every problem located,
    FileNotFoundError for a path where nothing is."""
    text, file = _text(source)
    return Document(_dpa.parse_document(text), text, file)


def load_tenant(source: Source) -> Tenant:
    """Load a tenant configuration from a path, JSON text or bytes."""
    text, _ = _text(source)
    return Tenant(_dpa.parse_tenant(text), text)


def evaluate(document: Union[Document, PathLike], as_of: Optional[DateLike] = None,
             rules: Optional[Selection] = None, disable: Optional[Selection] = None,
             breach_budget: Optional[str] = None, *, severity: Optional[Severities] = None,
             suppressions: Optional[Source] = None, baseline: Optional[Union[Source, Report]] = None) -> Report:
    """Run the rule catalogue on a document at the law of `as_of` (default today).
    `rules` and `disable` take rule ids or families (an unknown one raises ValidationError naming it);
    `breach_budget` is the controller's own deadline to notify the authority ("72 hours").
    `severity` overrides rules' severities ({"transfer/no-tia": "info"} or "transfer/no-tia=info");
    `suppressions` (a suppression file: path, JSON text or bytes) marks the findings it names suppressed;
    `baseline` (an earlier report: a Report, or its JSON as a path, text or bytes) leaves out the findings
    it already has."""
    if not isinstance(document, Document):
        document = load(document)
    native = _dpa.evaluate(document._native, _date(as_of), _selection("rules", rules), _selection("disable", disable),
                           _budget(breach_budget), _severity(severity),
                           _option_text("suppressions", suppressions, _SUPPRESSIONS_MAX_BYTES),
                           _option_text("baseline", baseline, _BASELINE_MAX_BYTES), document._source, document._file)
    return Report(native)


def check_tenant(document: Union[Document, PathLike], tenant: Union[Tenant, Source], as_of: Optional[DateLike] = None,
                 rules: Optional[Selection] = None, disable: Optional[Selection] = None, *,
                 severity: Optional[Severities] = None) -> Report:
    """Check one tenant configuration against the DPA it accepted (for many, use TenantPolicy).
    `rules` and `disable` take tenant rule ids or families; `severity` overrides tenant rules' severities."""
    return TenantPolicy(document, as_of, rules, disable, severity=severity).check(tenant)


def diff(old: Union[Document, PathLike], new: Union[Document, PathLike], as_of: Optional[DateLike] = None,
         rules: Optional[Selection] = None, disable: Optional[Selection] = None, *,
         severity: Optional[Severities] = None) -> Report:
    """What changed between two versions; the report's `changes` lists the change events, each with
    `before` and `after` as Python values (None where the member was added or removed).
    `rules` and `disable` take diff rule ids or families and select the findings; `changes` lists every
    change whatever they select. `severity` overrides diff rules' severities."""
    old = old if isinstance(old, Document) else load(old)
    new = new if isinstance(new, Document) else load(new)
    native_changes, native = _dpa.diff(old._native, new._native, _date(as_of), _selection("rules", rules),
                                       _selection("disable", disable), _severity(severity))
    changes: List[Change] = []
    for c in native_changes:
        change = cast(Change, dict(c))
        change["before"] = json.loads(c["before"]) if c["before"] else None
        change["after"] = json.loads(c["after"]) if c["after"] else None
        changes.append(change)
    return Report(native, changes)


# --- graphs -----------------------------------------------------------------------------------------------------------

class ScenarioReport:
    """What changes in a graph under a dpa-scenario/1 file: the agreements that lose (`lost`) or gain
    (`gained`) their transfer basis, those with another transfer finding (`changed`), and the controllers
    whose data reaches an agreement that lost its basis. str() is the text `dpa graph scenario` prints,
    to_json() its JSON form."""

    _LISTS = ("lost", "gained", "changed")

    def __init__(self, native: _dpa.NativeScenarioReport) -> None:
        self._native = native
        self._rows: dict[str, List[TransferChange]] = {}  # each list converted once, when first asked for
        self._controllers: Optional[List[str]] = None

    def _list(self, kind: str) -> List[TransferChange]:
        rows = self._rows.get(kind)
        if rows is None:
            rows = self._rows[kind] = getattr(self._native, kind)
        return rows

    @property
    def name(self) -> str:
        """The scenario's name (its file when it names none)."""
        return self._native.name

    @property
    def graph(self) -> str:
        """The graph's file ("graph" for one loaded from text)."""
        return self._native.graph

    @property
    def as_of(self) -> str:
        return self._native.as_of

    @property
    def knowledge_base(self) -> str:
        """The version of the knowledge base the graph is judged by first."""
        return self._native.knowledge_base

    @property
    def knowledge_scenario(self) -> str:
        """The version of the knowledge base as the scenario changes it."""
        return self._native.knowledge_scenario

    @property
    def lost(self) -> List[TransferChange]:
        """Agreements that lose their transfer basis (`before` is None)."""
        return self._list("lost")

    @property
    def gained(self) -> List[TransferChange]:
        """Agreements that gain one (`after` is None)."""
        return self._list("gained")

    @property
    def changed(self) -> List[TransferChange]:
        """Agreements with another transfer finding either way."""
        return self._list("changed")

    @property
    def controllers(self) -> List[str]:
        """Ids of the controllers whose data reaches an agreement that lost its basis, sorted."""
        if self._controllers is None:
            self._controllers = self._native.controllers
        return self._controllers

    def to_json(self) -> str:
        return self._native.to_json()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form as Python values (`before`/`after` there are "" for none)."""
        return cast(dict[str, Any], json.loads(self.to_json()))

    def to_text(self, rows: int = 20) -> str:
        """The comparison for people: the counts, then at most `rows` agreements of each list."""
        return self._native.to_text(rows)

    def to_pandas(self) -> Any:
        """A pandas.DataFrame, one row per agreement: change ("lost", "gained", "changed"), agreement, client,
        processor, country, before, after."""
        pd = _pandas()

        columns = ["change", "agreement", "client", "processor", "country", "before", "after"]
        return pd.DataFrame([(kind, c.agreement, c.client, c.processor, c.country, c.before, c.after)
                             for kind in self._LISTS for c in self._list(kind)], columns=columns)

    def __getitem__(self, key: str) -> Any:
        """The dict this method returned before it returned a report (deprecated)."""
        warnings.warn("Graph.scenario() returns a ScenarioReport: use its attributes (report.lost) or to_dict()",
                      DeprecationWarning, stacklevel=2)
        if key in self._LISTS:
            return [{"agreement": c.agreement, "client": c.client, "processor": c.processor, "country": c.country,
                     "before": c.before or "", "after": c.after or ""} for c in self._list(key)]
        old = {"name": self.name, "as_of": self.as_of, "knowledge": self.knowledge_scenario,
               "controllers": self.controllers}
        return old[key]

    def __len__(self) -> int:
        """The number of agreements whose transfer finding differs."""
        return len(self.lost) + len(self.gained) + len(self.changed)

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        return (f"<dpa.ScenarioReport {self.name!r} as of {self.as_of}: {len(self.lost)} lost, "
                f"{len(self.gained)} gained, {len(self.changed)} changed, {len(self.controllers)} controllers>")


class Graph:
    """A sub-processor graph (dpa-graph/1), loaded by streaming."""

    def __init__(self, native: _dpa.NativeGraph, file: str = "") -> None:
        self._native = native
        self._file = file

    @property
    def organisations(self) -> int:
        """Number of organisations."""
        return self._native.organisations

    @property
    def agreements(self) -> int:
        """Number of agreements."""
        return self._native.agreements

    @property
    def file(self) -> str:
        """The path it was loaded from; "" for text."""
        return self._file

    def evaluate(self, as_of: Optional[DateLike] = None, rules: Optional[Selection] = None,
                 disable: Optional[Selection] = None, breach_budget: Optional[str] = None, threads: int = 1,
                 *, breach_budget_hours: Optional[int] = None) -> GraphReport:
        """The graph rules; the report's `undetermined` is the number of agreements whose chain latency is
        undetermined. `rules` and `disable` take graph rule ids or families (an unknown one raises
        ValidationError naming it). `breach_budget` is a duration as for documents: a whole number of hours
        ("72 hours", "3 days"). `threads` runs the rule passes side by side; the report is the same for any value.
        `breach_budget_hours` (an int) is deprecated: write breach_budget="<n> hours"."""
        if breach_budget_hours is not None:
            warnings.warn("breach_budget_hours is deprecated: write breach_budget=\"<n> hours\"", DeprecationWarning,
                          stacklevel=2)
            if breach_budget is not None:
                raise ValidationError("give breach_budget or breach_budget_hours, not both")
            if isinstance(breach_budget_hours, bool) or not isinstance(breach_budget_hours, int):
                raise TypeError(f"breach_budget_hours must be an int, not {type(breach_budget_hours).__name__}")
            if breach_budget_hours < 0:
                raise ValidationError(f"breach_budget_hours: `{breach_budget_hours}` is a negative number of hours")
            breach_budget = f"{breach_budget_hours} hours"
        native, undetermined, text = _dpa.evaluate_graph(self._native, _date(as_of), _selection("rules", rules),
                                                         _selection("disable", disable), _budget(breach_budget),
                                                         _threads(threads), self._file)
        return GraphReport(native, undetermined, text)

    def scenario(self, scenario: Source, as_of: Optional[DateLike] = None, threads: int = 1) -> ScenarioReport:
        """What changes under a dpa-scenario/1 file (path, JSON text or bytes), judged at `as_of` (default: the
        scenario's date, else the graph's). Raises ParseError, located, for a scenario that does not load."""
        text, file = _text(scenario)
        return ScenarioReport(_dpa.compare_scenario(self._native, text, _date(as_of), _threads(threads),
                                                    self._file or "graph", file or "scenario"))

    def __repr__(self) -> str:
        return f"<dpa.Graph {self.organisations} organisations, {self.agreements} agreements>"


def build_graph(sources: Iterable[Union[Document, PathLike]], as_of: Optional[DateLike] = None,
                controller_country: Optional[str] = None) -> Tuple[str, List[GraphNote]]:
    """Link DPA documents (paths or loaded Documents) into one dpa-graph/1 graph.
    Returns the graph's JSON text (for load_graph, or to save) and notes on what could not be carried.
    `controller_country` (ISO 3166-1 alpha-2) is for controllers whose DPA names no country."""
    docs = [s if isinstance(s, Document) else load(s) for s in sources]
    files = [d._file or d.id for d in docs]
    text, notes = _dpa.build_graph([d._native for d in docs], files, _date(as_of), controller_country)
    return text, cast(List[GraphNote], notes)


def load_graph(source: Source) -> Graph:
    """Load a dpa-graph/1 graph from a path (streamed), JSON text or bytes."""
    if isinstance(source, (bytes, bytearray)):
        return Graph(_dpa.parse_graph(bytes(source)))
    if isinstance(source, str) and _is_json_text(source):
        return Graph(_dpa.parse_graph(source))
    path = _existing(source)
    return Graph(_dpa.load_graph(path), path)


def rules() -> List[RuleInfo]:
    """The rule catalogue (single documents, diffs, tenants, graphs): each rule once, with the kinds it runs on."""
    return cast(List[RuleInfo], _dpa.rules())
