"""The GUI and the CLI go through one door: `reviewer.core.api` (the Library and plain values).

Like the no-Qt test for the core, this reads the source: `reviewer/ui/` and `reviewer/cli*.py`
may not import sqlalchemy, the store, or any other core module directly, nor a private name,
nor anything the API does not list in its `__all__`. A GUI feature that needs something new
from the core gets it as a `Library` use case (or a value type) exported there first.
"""

from __future__ import annotations

import ast
from pathlib import Path

from reviewer.core import api

REPO = Path(__file__).resolve().parent.parent
DOOR = "reviewer.core.api"


def _outside_files() -> list[Path]:
    return [*sorted((REPO / "reviewer" / "ui").rglob("*.py")),
            *sorted((REPO / "reviewer").glob("cli*.py"))]


def _violations(path: Path, root: Path = REPO) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        where = f"{path.relative_to(root)}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "sqlalchemy" or \
                        alias.name.startswith("reviewer.core"):
                    found.append(f"{where} imports {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.module:
            module = node.module
            if module.split(".")[0] == "sqlalchemy":
                found.append(f"{where} imports from sqlalchemy")
            elif module == "reviewer.core" or module.startswith("reviewer.core."):
                if module != DOOR:
                    found.append(f"{where} imports from {module} (use {DOOR})")
                    continue
                for alias in node.names:
                    if alias.name.startswith("_"):
                        found.append(f"{where} imports the private name {alias.name}")
                    elif alias.name not in api.__all__:
                        found.append(f"{where} imports {alias.name}, which {DOOR} does not "
                                     "export")
    return found


def test_ui_and_cli_use_only_the_core_api() -> None:
    files = _outside_files()
    assert len(files) > 5
    problems = [v for f in files for v in _violations(f)]
    assert not problems, "\n".join(problems)


def test_the_api_exports_what_it_lists() -> None:
    missing = [name for name in api.__all__ if not hasattr(api, name)]
    assert not missing
    assert not [name for name in api.__all__ if name.startswith("_")]


def test_the_check_catches_a_back_door(tmp_path: Path) -> None:
    """The checker itself: each kind of back door is reported, imports inside functions too."""
    probe = tmp_path / "probe.py"
    probe.write_text("import sqlalchemy\n"
                     "from reviewer.core.store import Clip\n"
                     "from reviewer.core.api import _private\n"
                     "from reviewer.core.api import Library, NotExported\n"
                     "def f():\n    from reviewer.core.library import Library\n",
                     encoding="utf-8")
    found = _violations(probe, tmp_path)
    assert len(found) == 5, found
    assert any("NotExported" in f for f in found) and any("_private" in f for f in found)
