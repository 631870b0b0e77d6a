"""No rule reads free text. Every fact a rule uses is a structured member of
dpa/1; members that hold prose (a clause as written, a purpose, a security
measure, a retention's `until`) are for people. A substring test, a regular
expression or a case-folded comparison on one of them in src/rules fails here."""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
RULES = sorted((ROOT / "src" / "rules").glob("*.cpp")) + sorted((ROOT / "src" / "rules").glob("*.hpp"))

# The dpa/1 members that hold prose as written in the agreement.
PROSE = ["text", "context", "purpose", "until", "scope", "citation", "grounds", "limitation", "costs",
         "reference", "detail", "relation", "change", "area_text", "measures", "channels", "means", "examples"]
MEMBER = r"(?:\.|->)\s*(?:%s)\b" % "|".join(PROSE)
SEARCH = r"(?:find|rfind|find_first_of|contains|starts_with|ends_with|compare|icontains|istarts_with|search)\s*\("
PATTERNS = [
    re.compile(MEMBER + r"\s*(?:\)|\*)?\s*(?:\.|->)\s*" + SEARCH),            # m.text.find("x"), s.purpose->contains(
    re.compile(SEARCH + r"[^;]*?" + MEMBER),                                  # contains(m.text, ...), search(x.text.begin()
    re.compile(r"std::regex|boost::regex|<regex>"),
    re.compile(r"ascii_lower\s*\([^)]*" + MEMBER),                            # case-folding prose to compare it
]


def offences(text):
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        code = line.split("//", 1)[0]
        for p in PATTERNS:
            if p.search(code):
                out.append((n, line.strip()))
                break
    return out


def test_the_patterns_catch_what_they_are_for():
    # The check must be able to fail: the keyword test retention/backup-window once made.
    assert offences('if (m.text.find("ackup") != std::string::npos) backups_exist = true;')
    assert offences("if (boost::algorithm::icontains(s.purpose, \"backup\")) return;")
    assert offences("auto low = detail::ascii_lower(l.text);")
    assert offences("#include <regex>")
    assert not offences("if (std::find(m.begin(), m.end(), 3) != m.end()) return;")
    assert not offences("auto want = detail::ascii_lower(n);  // a recipient's name")


def test_no_rule_reads_prose():
    found = {}
    for f in RULES:
        if hits := offences(f.read_text()):
            found[f.name] = hits
    assert not found, f"rules reading free text: {found}"
