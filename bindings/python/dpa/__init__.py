"""dpa: GDPR data processing agreements as data, checked against the law.

    >>> import dpa
    >>> doc = dpa.load("examples/dpas/caelex.json")
    >>> report = dpa.evaluate(doc, as_of="2026-11-23")
    >>> report.to_pandas()          # one row per finding

Parsing, evaluation, tenant checks and diffs run in C++ without the GIL.
"""
from __future__ import annotations

import errno
import functools
import html
import json
import os
from typing import Iterable, Optional, Sequence, Tuple, Union

from . import _dpa

__version__ = _dpa.__version__
__all__ = [
    "DpaError", "ParseError", "ValidationError", "VersionError",
    "Document", "Report", "Finding", "Tenant", "TenantPolicy",
    "load", "load_tenant", "evaluate", "check_tenant", "diff", "rules", "Graph", "load_graph", "build_graph",
]


class DpaError(ValueError):
    """Base of every dpa error. Carries code, json_pointer, line and column."""

    code: str = ""
    json_pointer: str = ""
    line: int = 0
    column: int = 0
    help: str = ""
    diagnostics: list = []


class ParseError(DpaError):
    """The input is not a valid document: JSON, format or content. `diagnostics` lists every problem."""


class ValidationError(DpaError):
    """An argument has a value that is not allowed."""


class VersionError(ParseError):
    """An input in a format version this library does not read ("format": "dpa/2"); also a ParseError."""


_dpa._set_parse_error(ParseError)
_dpa._set_version_error(VersionError)
_dpa._set_validation_error(ValidationError)

Finding = _dpa.Finding
PathLike = Union[str, "os.PathLike[str]"]


class Document:
    """A loaded DPA document (immutable)."""

    def __init__(self, native, source: str = "", file: str = ""):
        self._native = native
        self._source = source
        self._file = file

    id = property(lambda self: self._native.id)
    title = property(lambda self: self._native.title)
    version = property(lambda self: self._native.version)
    subprocessors = property(lambda self: self._native.subprocessors, doc="The listed sub-processors, as dicts.")
    file = property(lambda self: self._file)

    def to_json(self) -> str:
        return self._native.to_json()

    def summary(self) -> str:
        return self._native.summary()

    def __repr__(self) -> str:
        return f"<dpa.Document {self.id!r} version {self.version!r}>"


class Report:
    """The findings of one evaluation (or tenant check, or diff)."""

    def __init__(self, native, changes: Optional[list] = None):
        self._native = native
        self.changes = changes or []

    subject = property(lambda self: self._native.subject, doc="The document's (or tenant's) id.")
    as_of = property(lambda self: self._native.as_of)

    @functools.cached_property
    def findings(self) -> list:
        """The findings, converted once and kept (a large graph has hundreds of thousands)."""
        return self._native.findings

    rules_run = property(lambda self: self._native.rules_run)
    not_evaluated = property(lambda self: self._native.not_evaluated)
    transfers = property(lambda self: self._native.transfers)
    counts = property(lambda self: self._native.counts)
    knowledge_version = property(lambda self: self._native.knowledge_version)

    def to_json(self) -> str:
        return self._native.to_json()

    def to_sarif(self) -> str:
        return self._native.to_sarif()

    def to_dict(self) -> dict:
        return json.loads(self.to_json())

    _COLUMNS = ["vendor", "rule", "family", "severity", "certainty", "subject", "message", "evidence",
                "reference", "suppressed"]

    def rows(self) -> list:
        """One dict per finding, with the columns of to_pandas()."""
        columns = self._native.columns()
        columns["vendor"] = [self.subject] * len(columns["rule"])
        return [dict(zip(self._COLUMNS, values)) for values in zip(*(columns[c] for c in self._COLUMNS))]

    def to_pandas(self):
        """One row per finding: vendor, rule, family, severity, certainty, subject, message, evidence, reference,
        suppressed. Built column by column in the native module (a million findings in about a second)."""
        import gc

        import pandas as pd

        enabled = gc.isenabled()
        gc.disable()  # millions of new objects, none of them in a cycle: collections would only cost time
        try:
            columns = self._native.columns()
            columns["vendor"] = [self.subject] * len(columns["rule"])
            return pd.DataFrame({c: columns[c] for c in self._COLUMNS}, columns=self._COLUMNS)
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
        return f"<dpa.Report {self.subject!r} as of {self.as_of}: {len(self.findings)} findings>"


class Tenant:
    """A tenant configuration (dpa-tenant/1)."""

    def __init__(self, native, source: str = ""):
        self._native = native
        self._source = source

    tenant = property(lambda self: self._native.tenant)


class TenantPolicy:
    """A DPA prepared once for checking many tenants; thread-safe."""

    def __init__(self, document: Document, as_of: Optional[str] = None):
        self._native = _dpa.NativeTenantPolicy(document._native, as_of)

    def check(self, tenant: Union[Tenant, PathLike]) -> Report:
        if not isinstance(tenant, Tenant):
            tenant = load_tenant(tenant)
        return Report(self._native.check(tenant._native))


def _is_json_text(source) -> bool:
    """A str that is JSON text rather than a path: it opens an object or an array, perhaps after
    white space or a byte order mark (which the loader then reports, located)."""
    return isinstance(source, str) and source.lstrip("\ufeff \t\r\n").startswith(("{", "["))


def _existing(source: PathLike) -> str:
    """The path as a str; FileNotFoundError when nothing is there."""
    path = os.fspath(source)
    if not os.path.exists(path):
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), path)
    return path


def _text(source: Union[str, bytes, PathLike]) -> tuple:  # (str or bytes, file name)
    """(text, file) from JSON text, bytes, or a path."""
    if isinstance(source, (bytes, bytearray)):
        return bytes(source), ""  # the loader itself reports invalid UTF-8, with its location
    if _is_json_text(source):
        return source, ""
    path = _existing(source)
    return _dpa.read_file(path), path


def load(source: Union[str, bytes, PathLike]) -> Document:
    """Load a DPA document from a path, JSON text or bytes. Raises ParseError with every problem located."""
    text, file = _text(source)
    return Document(_dpa.parse_document(text), text, file)


def load_tenant(source: Union[str, bytes, PathLike]) -> Tenant:
    """Load a tenant configuration from a path, JSON text or bytes."""
    text, _ = _text(source)
    return Tenant(_dpa.parse_tenant(text), text)


def _selection(rules) -> list:
    if rules is None:
        return []
    if isinstance(rules, str):
        return [r.strip() for r in rules.split(",") if r.strip()]
    return list(rules)


def evaluate(document: Union[Document, PathLike], as_of: Optional[str] = None,
             rules: Union[None, str, Sequence[str]] = None, disable: Union[None, str, Sequence[str]] = None,
             breach_budget: Optional[str] = None) -> Report:
    """Run the rule catalogue on a document at the law of `as_of` (YYYY-MM-DD, default today).
    `rules` and `disable` take rule ids or families (an unknown one raises ValidationError naming it)."""
    if not isinstance(document, Document):
        document = load(document)
    try:
        native = _dpa.evaluate(document._native, as_of, _selection(rules), _selection(disable), breach_budget,
                               document._source, document._file)
    except ValueError as e:
        if isinstance(e, DpaError):
            raise
        raise ValidationError(str(e)) from None
    return Report(native)


def check_tenant(document: Union[Document, PathLike], tenant: Union[Tenant, PathLike],
                 as_of: Optional[str] = None) -> Report:
    """Check one tenant configuration against the DPA it accepted (for many, use TenantPolicy)."""
    if not isinstance(document, Document):
        document = load(document)
    return TenantPolicy(document, as_of).check(tenant)


def diff(old: Union[Document, PathLike], new: Union[Document, PathLike], as_of: Optional[str] = None) -> Report:
    """What changed between two versions; the report's `changes` lists the change events, each with
    `before` and `after` as Python values (None where the member was added or removed)."""
    old = old if isinstance(old, Document) else load(old)
    new = new if isinstance(new, Document) else load(new)
    changes, native = _dpa.diff(old._native, new._native, as_of)
    for c in changes:
        for side in ("before", "after"):
            c[side] = json.loads(c[side]) if c[side] else None
    return Report(native, changes)


class Graph:
    """A sub-processor graph (dpa-graph/1), loaded by streaming."""

    def __init__(self, native):
        self._native = native

    organisations = property(lambda self: self._native.organisations, doc="Number of organisations.")
    agreements = property(lambda self: self._native.agreements, doc="Number of agreements.")

    def evaluate(self, as_of: Optional[str] = None, breach_budget_hours: Optional[int] = None,
                 rules: Union[None, str, Sequence[str]] = None, threads: int = 1,
                 disable: Union[None, str, Sequence[str]] = None, breach_budget: Optional[str] = None) -> Report:
        """The graph rules; the report's `undetermined` is the number of agreements whose chain latency is undetermined.
        `rules` and `disable` take graph rule ids or families (an unknown one raises ValidationError naming it).
        `breach_budget` is a duration as for documents ("72 hours"); `breach_budget_hours`, a number of hours,
        is the older spelling of the same option.
        `threads` runs the rule passes side by side; the report is the same for any value."""
        if breach_budget is not None and breach_budget_hours is not None:
            raise ValidationError("give breach_budget or breach_budget_hours, not both")
        native, undetermined = _dpa.evaluate_graph(self._native, as_of, breach_budget_hours, _selection(rules), threads,
                                                   _selection(disable), breach_budget)
        report = Report(native)
        report.undetermined = undetermined
        return report

    def scenario(self, scenario: Union[str, bytes, PathLike], as_of: Optional[str] = None) -> dict:
        """What changes under a dpa-scenario/1 file (path or JSON text): the agreements that lose
        (`lost`) or gain (`gained`) their transfer basis, those with another transfer finding
        (`changed`), and the controllers whose data reaches an agreement that lost its basis."""
        text, _ = _text(scenario)
        return _dpa.compare_scenario(self._native, text, as_of)

    def __repr__(self) -> str:
        return f"<dpa.Graph {self.organisations} organisations, {self.agreements} agreements>"


def build_graph(sources: Sequence[Union[Document, str, PathLike]], as_of: Optional[str] = None,
                controller_country: Optional[str] = None) -> Tuple[str, list]:
    """Link DPA documents (paths or loaded Documents) into one dpa-graph/1 graph.
    Returns the graph's JSON text (for load_graph, or to save) and notes on what could not be carried."""
    docs = [s if isinstance(s, Document) else load(s) for s in sources]
    files = [d._file or d.id for d in docs]
    return _dpa.build_graph([d._native for d in docs], files, as_of, controller_country)


def load_graph(source: Union[str, bytes, PathLike]) -> Graph:
    """Load a dpa-graph/1 graph from a path (streamed) or JSON text."""
    if isinstance(source, (bytes, bytearray)):
        return Graph(_dpa.parse_graph(bytes(source)))
    if _is_json_text(source):
        return Graph(_dpa.parse_graph(source))
    return Graph(_dpa.load_graph(_existing(source)))


def rules() -> list:
    """The rule catalogue (single documents, diffs, tenants) as dicts."""
    return _dpa.rules()
