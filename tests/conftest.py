"""Shared fixtures. Every test runs with the network blocked and a throw-away library."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from reviewer.core.library import Library

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"


class NetworkBlocked(AssertionError):
    pass


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing the app does may reach the network; any attempt fails the test loudly.

    Local socketpairs and AF_UNIX sockets (multiprocessing) stay allowed.
    """

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise NetworkBlocked(f"network access attempted: {args[1:] or kwargs}")

    real_connect = socket.socket.connect

    def guarded_connect(self: socket.socket, address: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise NetworkBlocked(f"network access attempted: connect to {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test may ever touch a real user's library, even through the default location."""
    d = tmp_path / "library"
    monkeypatch.setenv("REVIEWER_DATA_DIR", str(d))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    # Deletes go to a trash inside tmp_path, never the user's (HOME moves there too).
    from tests.deletion_support import use_test_trash

    use_test_trash(tmp_path, monkeypatch)
    return d


@pytest.fixture
def library(isolated_data_dir: Path) -> Iterator[Library]:
    from reviewer.core.library import Library

    lib = Library.open(isolated_data_dir)
    try:
        yield lib
    finally:
        lib.close()


def tree_hashes(root: Path) -> dict[str, str]:
    """SHA-256 of every file under root (or of root itself), to prove an export is unchanged."""
    import hashlib

    paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


@pytest.fixture
def window_no_whisper(qtbot: Any, library: Library, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The main window on the test library, shown, with no transcription behind imports
    (for tests of other features that import through the window)."""
    from reviewer.core.jobs import JobKind
    from reviewer.ui.main_window import MainWindow

    library.jobs.hold(JobKind.TRANSCRIBE)
    w = MainWindow(library)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


@pytest.fixture
def local_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Call with an IANA zone name to make it the process's local zone for one test."""
    import time

    def use(zone: str) -> None:
        monkeypatch.setenv("TZ", zone)
        time.tzset()

    yield use
    monkeypatch.undo()
    time.tzset()
