"""A delete (with a zip export rewrite) or an undo killed with SIGKILL at every step of its
journal, then the library reopened: each clip is fully deleted or fully present, the export
zip is byte-identical to the old one or exactly the new one, every other file is unchanged,
and nothing temporary is left behind. Also the `delete` / `undo` commands themselves.

The sweeps fork the test process (already warm) and kill the child at the Nth journal step
through REVIEWER_TEST_KILL_AT; one run goes through the real command line as well.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from reviewer.core.deletion import crashpoints
from reviewer.core.library import ClipQuery, Library
from reviewer.core.store import Clip, ClipStatus, DeleteBatch
from reviewer.testing.google_exports import AssistantEntry, said, tiny_mp3, write_takeout
from tests.conftest import REPO
from tests.deletion_support import (
    add_transcripts,
    file_hashes,
    transcript_rows,
    trash_files,
    use_test_trash,
)

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")

START = datetime(2023, 6, 1, 8, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def trash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return use_test_trash(tmp_path, monkeypatch)


@dataclass
class World:
    """A library with an imported zip export, and a saved copy of everything to reset to."""

    root: Path
    export: Path
    targets: list[int]
    others: list[int]

    @property
    def data_dir(self) -> Path:
        return self.root / "lib"

    @property
    def trash(self) -> Path:
        return self.root / "xdg-data" / "Trash"

    def _parts(self) -> list[str]:
        return ["lib", "dl", "xdg-data"]

    def save(self, name: str) -> None:
        saved = self.root / "saved" / name
        shutil.rmtree(saved, ignore_errors=True)
        for part in self._parts():
            if (self.root / part).exists():
                shutil.copytree(self.root / part, saved / part, symlinks=True)

    def reset(self, name: str) -> None:
        saved = self.root / "saved" / name
        for part in self._parts():
            shutil.rmtree(self.root / part, ignore_errors=True)
            if (saved / part).exists():
                shutil.copytree(saved / part, self.root / part, symlinks=True)


@dataclass
class State:
    """Everything the invariants compare: files by hash, clips, transcripts."""

    audio: dict[str, str]
    export: dict[str, str]  # every file of the download folder (the export and anything new)
    trash: dict[str, str]
    statuses: dict[int, str]
    transcripts: list[tuple[object, ...]]
    leftovers: list[str]


def build_world(root: Path, as_zip: bool = True) -> World:
    entries = [AssistantEntry(time=START + timedelta(hours=i), title=said(f"lights {i}"),
                              audio=tiny_mp3(i, "kill")) for i in range(7)]
    [export] = write_takeout(root / "dl", entries, as_zip=as_zip)
    with Library.open(root / "lib") as lib:
        lib.import_export([export])
        ids = lib.clip_ids()
        add_transcripts(lib, ids)
    world = World(root, export, targets=ids[1:4], others=[ids[0], *ids[4:]])
    world.save("before")
    return world


def state(world: World) -> State:
    with Library.open(world.data_dir) as lib:
        with lib.store.session() as s:
            statuses = {cid: st for cid, st in s.execute(select(Clip.id, Clip.status))}
        rows = transcript_rows(lib, sorted(statuses))
    leftovers = [p.relative_to(world.data_dir).as_posix()
                 for p in (world.data_dir / "deleting").rglob("*") if p.is_file()] \
        if (world.data_dir / "deleting").exists() else []
    leftovers += [p.name for p in (world.data_dir / "tmp").glob("*")]
    leftovers += [p.name for p in (world.data_dir / "audio").rglob(".*")]
    return State(audio=file_hashes(world.data_dir / "audio"),
                 export=file_hashes(world.root / "dl"), trash=trash_files(world.trash),
                 statuses=statuses, transcripts=rows, leftovers=leftovers)


def in_child(action: Callable[[], None], kill_at: str | None,
             trace: Path | None = None) -> bool:
    """Run `action` in a forked child, killed at journal step `kill_at`; True if killed."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            os.environ.pop(crashpoints.KILL_ENV, None)
            os.environ.pop(crashpoints.TRACE_ENV, None)
            if kill_at is not None:
                os.environ[crashpoints.KILL_ENV] = kill_at
            if trace is not None:
                os.environ[crashpoints.TRACE_ENV] = str(trace)
            crashpoints.reset()
            action()
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        assert os.WTERMSIG(status) == signal.SIGKILL
        return True
    assert os.WEXITSTATUS(status) == 0, "the child failed (see the captured output)"
    return False


def delete_action(world: World) -> Callable[[], None]:
    def run() -> None:
        with Library.open(world.data_dir) as lib:
            report = lib.delete(world.targets, from_export=True)
            assert not report.problems, report.problems
    return run


def undo_action(world: World) -> Callable[[], None]:
    def run() -> None:
        with Library.open(world.data_dir) as lib:
            assert lib.undo_delete().ok
    return run


def journal_steps(world: World, action: Callable[[], None], start: str) -> list[str]:
    trace = world.root / "trace.txt"
    trace.unlink(missing_ok=True)
    world.reset(start)
    assert not in_child(action, None, trace)
    return trace.read_text().split()


def batch_states(world: World) -> list[str]:
    with Library.open(world.data_dir) as lib, lib.store.session() as s:
        return list(s.scalars(select(DeleteBatch.state).order_by(DeleteBatch.id)))


def check_one_of(world: World, now: State, before: State, after: State) -> str:
    """The state after a kill and a reopen is exactly `before` or exactly `after`: every
    file of the library and of the download folder (hashed) and of the trash."""
    assert now.leftovers == [], now.leftovers
    deleted = {cid for cid, st in now.statuses.items() if st == ClipStatus.DELETED}
    assert deleted in (set(), set(world.targets)), f"half a delete: {deleted}"
    for label, expected in (("before", before), ("after", after)):
        if (now.statuses, now.audio) == (expected.statuses, expected.audio):
            assert now.transcripts == expected.transcripts
            assert now.export == expected.export, label
            assert now.trash == expected.trash
            return label
    raise AssertionError(f"neither before nor after: {now.statuses} {sorted(now.audio)}")


@pytest.mark.parametrize("as_zip", [True, False], ids=["zip", "folder"])
def test_delete_killed_at_every_journal_step(tmp_path: Path, as_zip: bool) -> None:
    world = build_world(tmp_path, as_zip)
    before = state(world)
    steps = journal_steps(world, delete_action(world), "before")
    after = state(world)
    export_steps = ({"zip-member", "zip-ready", "zip-backup", "zip-swapped",
                     "zip-original-gone"} if as_zip else {"export-file"})
    assert {"intent", "staged", "committed", "audio-gone", "done", *export_steps} <= set(steps)
    # Gone from the export: one zip replaced by its cleaned copy, or three files of a folder.
    assert len(set(before.export.items()) - set(after.export.items())) == (1 if as_zip else 3)
    assert len(after.trash) == (4 if as_zip else 6)
    seen = []
    for n in range(1, len(steps) + 1):
        world.reset("before")
        assert in_child(delete_action(world), str(n)), f"step {n} ({steps[n - 1]}) not reached"
        now = state(world)  # the reopen reconciles
        outcome = check_one_of(world, now, before, after)
        assert outcome == ("before" if n < steps.index("committed") + 1 else "after"), \
            (n, steps[n - 1])
        assert batch_states(world) == ["rolled_back" if outcome == "before" else "done"]
        assert state(world) == now  # a second reopen changes nothing
        seen.append(outcome)
    assert "before" in seen and "after" in seen
    # After the last kill (and its reconciliation) undo still brings everything back.
    with Library.open(world.data_dir) as lib:
        assert lib.undo_delete().ok
    restored = state(world)
    assert (restored.audio, restored.export, restored.transcripts, restored.trash) == (
        before.audio, before.export, before.transcripts, {})


def test_undo_killed_at_every_journal_step(tmp_path: Path) -> None:
    world = build_world(tmp_path)
    before = state(world)
    world.reset("before")
    assert not in_child(delete_action(world), None)
    world.save("deleted")
    deleted = state(world)
    steps = journal_steps(world, undo_action(world), "deleted")
    assert {"undo-intent", "undo-audio", "undo-zip-restored", "undo-zip-swapped",
            "undone"} <= set(steps)
    undone = state(world)
    assert (undone.audio, undone.export, undone.transcripts) == (
        before.audio, before.export, before.transcripts)
    for n in range(1, len(steps) + 1):
        world.reset("deleted")
        assert in_child(undo_action(world), str(n))
        now = state(world)
        # An undo killed after its journal entry is finished at the next start.
        assert check_one_of(world, now, undone, deleted) == "before", (n, steps[n - 1])
        assert batch_states(world) == ["undone"]


# --- the command line ------------------------------------------------------------------------


def _cli_env(root: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REVIEWER_", "XDG_"))}
    env.update(HOME=str(root / "home"), XDG_DATA_HOME=str(root / "xdg-data"),
               HF_HUB_OFFLINE="1", **extra)
    return env


def _cli(world: World, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reviewer", "--data-dir", str(world.data_dir), *args],
        cwd=REPO, env=_cli_env(world.root, **env), capture_output=True, text=True,
        stdin=subprocess.DEVNULL, timeout=120)


def test_cli_delete_killed_mid_zip_swap_then_undo(tmp_path: Path) -> None:
    world = build_world(tmp_path)
    before = state(world)
    ids = [str(i) for i in world.targets]

    refused = _cli(world, "delete", *ids)
    assert refused.returncode == 1 and "add --yes" in refused.stderr
    assert state(world) == before

    killed = _cli(world, "delete", *ids, "--from-export", "--yes",
                  **{crashpoints.KILL_ENV: "zip-backup"})
    assert killed.returncode == -signal.SIGKILL
    listed = _cli(world, "list")  # opening the library finishes the delete
    assert listed.returncode == 0, listed.stderr
    assert f"An interrupted delete #1 ({len(ids)} clip(s)) was finished." in listed.stderr
    assert len(listed.stdout.splitlines()) == len(world.others)
    now = state(world)
    assert now.leftovers == [] and list(now.export) == [world.export.name]
    assert {cid for cid, st in now.statuses.items() if st == "deleted"} == set(world.targets)
    assert now.export != before.export

    info = _cli(world, "info")
    assert "3 deleted" in info.stdout
    undo = _cli(world, "undo")
    assert undo.returncode == 0, undo.stderr
    assert "Restored 3 clips" in undo.stdout and f"put back: {world.export}" in undo.stdout
    restored = state(world)
    assert (restored.audio, restored.export, restored.transcripts) == (
        before.audio, before.export, before.transcripts)
    again = _cli(world, "undo")
    assert again.returncode == 1 and "already undone" in again.stdout


def test_cli_delete_flagged_report(tmp_path: Path) -> None:
    world = build_world(tmp_path)
    with Library.open(world.data_dir) as lib:
        flagged = lib.clip_ids(ClipQuery(flagged=True))
    out = _cli(world, "delete", "--flagged", "--permanent", "--yes", "999")
    assert out.returncode == 1, out.stderr  # 999 is not a clip
    assert f"Deleted {len(flagged)} clip(s)" in out.stdout
    assert "not in this library: 999" in out.stdout
    assert f"{len(flagged)} audio file(s) deleted permanently" in out.stdout
    assert "This delete cannot be undone." in out.stdout
    undo = _cli(world, "undo")
    assert undo.returncode == 1 and "permanent" in undo.stdout
    nothing = _cli(world, "delete", "--yes")
    assert nothing.returncode == 1 and "give the CLIP_IDs" in nothing.stderr


def test_zip_swap_without_hard_links_killed_at_each_step(tmp_path: Path) -> None:
    """Where the export's file system has no hard links (FAT, some network shares) the
    original is renamed away before the copy takes its name: a kill in between leaves the
    name missing for an instant, and the next start completes the swap."""
    world = build_world(tmp_path)
    before = state(world)

    def no_links(src: object, dst: object) -> None:
        raise OSError(1, "Operation not permitted")

    def action() -> None:
        os.link = no_links  # type: ignore[assignment]  # only in the forked child
        delete_action(world)()

    steps = journal_steps(world, action, "before")
    after = state(world)
    for name in ("zip-backup", "zip-swapped", "zip-original-gone"):
        n = steps.index(name) + 1
        world.reset("before")
        assert in_child(action, str(n))
        if name == "zip-backup":  # killed with the original renamed away, the copy not in
            assert not world.export.exists()
        assert check_one_of(world, state(world), before, after) == "after"
