"""An import telling a transcription that follows it when new clips are in the library.

`reviewer scan` and the window start the transcription while the import still runs, so the
first clips are transcribed while the rest are imported (issue 17). The two share nothing
but the database: the import commits its clips in batches (each after its audio is on disk,
see importers.pipeline), then calls `committed`; the transcription, holding no list of its
own, asks the database again which clips wait for a transcript whenever a batch arrived
(see transcribe.job). `close` says the import ended (finished, cancelled or failed): the
transcription then takes what the last batch brought and ends once nothing is left.

Thread-safe: the import and the transcription run in different threads.
"""

from __future__ import annotations

import threading


class ImportFeed:
    """Batches committed by a running import, for the transcription that follows it."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._commits = 0
        self._closed = False
        self._imported = True

    def committed(self) -> None:
        """A batch of clips is committed (called by the import, in its thread)."""
        with self._cond:
            self._commits += 1
            self._cond.notify_all()

    def close(self, imported: bool = True) -> None:
        """The import ended. `imported=False`: it brought in no export at all (a wrong path,
        nothing recognised), so a follower that has had no batch takes nothing either,
        as no transcription would have started after such an import."""
        with self._cond:
            if not self._closed:
                self._closed = True
                self._imported = imported
            self._cond.notify_all()

    @property
    def closed(self) -> bool:
        with self._cond:
            return self._closed

    @property
    def commits(self) -> int:
        with self._cond:
            return self._commits

    @property
    def state(self) -> tuple[int, bool]:
        """(batches committed so far, closed), read together."""
        with self._cond:
            return self._commits, self._closed

    @property
    def anything_to_follow(self) -> bool:
        """False only for a closed feed that brought nothing (see `close`)."""
        with self._cond:
            return self._commits > 0 or not self._closed or self._imported

    def wait(self, commits_seen: int, closed_seen: bool, timeout_s: float) -> None:
        """Return when a batch beyond `commits_seen` arrived, the feed closed (unless that
        was seen already) or `timeout_s` passed."""
        with self._cond:
            self._cond.wait_for(lambda: self._commits != commits_seen
                                or self._closed != closed_seen, timeout_s)


__all__ = ["ImportFeed"]
