"""Extract the interface's strings and compile the translations (`./dev i18n`).

    .venv/bin/python tools/i18n.py          update resources/i18n/*.ts, compile the .qm files
    .venv/bin/python tools/i18n.py --check  only say what is out of date or untranslated

pyside6-lupdate reads every tr()/translate()/QT_TRANSLATE_NOOP in reviewer/ui/, and every
Msg("…") of reviewer/core (the core's messages, see reviewer/core/messages.py; lupdate is told
Msg is QT_TR_NOOP, so they land in the context ""), and merges the strings into
resources/i18n/reviewer_XX.ts (kept translations stay; strings gone from the code are
dropped; no line numbers, so moving code does not change the file). A translator fills in
the .ts (Qt Linguist: `.venv/bin/pyside6-linguist resources/i18n/reviewer_de.ts`, or any
editor), then this script runs pyside6-lrelease into reviewer/ui/translations/reviewer_XX.qm,
which ship with the package and the installers. English is the source language: its .ts
holds only the plural forms ("%n clip(s)" -> "%n clip" / "%n clips").

tests/test_i18n.py uses the same functions: it fails when the .ts files miss a string of the
code, a German translation is missing or unfinished, or a .qm is older than its .ts.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "reviewer" / "ui", ROOT / "reviewer" / "core")
TS_DIR = ROOT / "resources" / "i18n"
QM_DIR = ROOT / "reviewer" / "ui" / "translations"
# language -> (Qt's name for it, only plural forms?)
LANGUAGES = {"en": ("en_US", True), "de": ("de_DE", False)}
# Plural forms per language, as Qt's numerus rules have them.
NUMERUS_FORMS = {"en": 2, "de": 2}
# Placeholders that must survive translation: Qt's %n / %1, Python's {name}, HTML tags' names.
_PLACEHOLDER = re.compile(r"%L?n|%L?\d|\{[a-z_]*\}")


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease beside this Python (the venv), else on PATH."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (./dev sets it up)")
    return found


def ts_path(language: str, folder: Path = TS_DIR) -> Path:
    return folder / f"reviewer_{language}.ts"


def qm_path(language: str, folder: Path = QM_DIR) -> Path:
    return folder / f"reviewer_{language}.qm"


def lupdate(ts: Path, language: str) -> str:
    """Merge the strings of reviewer/ui and the Msgs of reviewer/core into `ts` (created if
    missing); lupdate's summary."""
    qt_name, plural_only = LANGUAGES[language]
    cmd = [tool("pyside6-lupdate"), "-extensions", "py", "-locations", "none", "-no-obsolete",
           "-source-language", "en_US", "-target-language", qt_name,
           "-tr-function-alias", "QT_TR_NOOP+=Msg",
           *(["-pluralonly"] if plural_only else []), *map(str, SOURCES), "-ts", str(ts)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return done.stdout + done.stderr


def lrelease(ts: Path, qm: Path) -> str:
    """Compile `ts` into `qm`; lrelease's summary ("Generated N translation(s) ...")."""
    qm.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([tool("pyside6-lrelease"), "-nounfinished", str(ts), "-qm", str(qm)],
                          capture_output=True, text=True, check=True)
    return done.stdout + done.stderr


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str
    numerus: bool
    translations: tuple[str, ...]  # one, or one per plural form
    unfinished: bool


def read_messages(ts: Path) -> dict[tuple[str, str, str], Message]:
    """Every message of a .ts file by (context, source, comment)."""
    found: dict[tuple[str, str, str], Message] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            tr = m.find("translation")
            assert tr is not None
            numerus = m.get("numerus") == "yes"
            forms = tuple(f.text or "" for f in tr.iter("numerusform")) if numerus \
                else (tr.text or "",)
            key = (name, m.findtext("source") or "", m.findtext("comment") or "")
            found[key] = Message(*key, numerus, forms,
                                 tr.get("type") in ("unfinished", "vanished", "obsolete"))
    return found


def translation_problems(ts: Path, language: str) -> list[str]:
    """What is missing or wrong in a translation: unfinished or empty messages, the wrong
    number of plural forms, placeholders lost or added."""
    problems = []
    for m in read_messages(ts).values():
        where = f"{m.context}: {m.source!r}"
        if m.unfinished or not all(t.strip() for t in m.translations):
            problems.append(f"{where} is not translated")
            continue
        if m.numerus and len(m.translations) != NUMERUS_FORMS[language]:
            problems.append(f"{where} has {len(m.translations)} plural forms, "
                            f"{NUMERUS_FORMS[language]} wanted")
        want = sorted(set(_PLACEHOLDER.findall(m.source)))
        for t in m.translations:
            # A plural form may leave %n out ("ein Clip"), nothing else.
            n = {"%Ln" if "%Ln" in m.source else "%n"} if m.numerus else set()
            got = sorted(set(_PLACEHOLDER.findall(t)) | n)
            if sorted(set(want) | n) != got:
                problems.append(f"{where}: placeholders {want} but {t!r}")
    return problems


def stale(language: str) -> list[str]:
    """Strings the code has and the .ts lacks, and strings the .ts keeps that the code no
    longer has (lupdate into a copy and compare)."""
    ts = ts_path(language)
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / ts.name
        if ts.exists():
            shutil.copy(ts, fresh)
        lupdate(fresh, language)
        now = set(read_messages(fresh))
    had = set(read_messages(ts)) if ts.exists() else set()
    return ([f"missing from {ts.name}: {k[0]}: {k[1]!r}" for k in sorted(now - had)]
            + [f"no longer in the code: {k[0]}: {k[1]!r}" for k in sorted(had - now)])


def qm_outdated(language: str) -> bool:
    """The shipped .qm differs from what lrelease makes of the .ts now."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.qm"
        lrelease(ts_path(language), fresh)
        shipped = qm_path(language)
        return not shipped.exists() or shipped.read_bytes() != fresh.read_bytes()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 when something is out of date")
    args = parser.parse_args(argv)
    bad = 0
    for language in LANGUAGES:
        ts = ts_path(language)
        if args.check:
            issues = stale(language) + (["the .qm is out of date"] if qm_outdated(language)
                                        else [])
        else:
            ts.parent.mkdir(parents=True, exist_ok=True)
            print(lupdate(ts, language).strip())
            print(lrelease(ts, qm_path(language)).strip())
            issues = []
        issues += translation_problems(ts, language) if ts.exists() else []
        for issue in issues:
            print(f"{language}: {issue}")
        bad += len(issues)
    return 1 if bad and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
