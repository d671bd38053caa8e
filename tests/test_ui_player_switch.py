"""Moving through clips while they play never freezes the window.

The fresh-clone suite once hung until CI's time ran out: the GUI thread, holding Python's GIL
in QMediaPlayer.stop(), waited for Qt's signal-slot lock, which the FFmpeg backend's audio
thread held while it waited for the GIL (see reviewer.ui.detail._control). It happened when a
clip was left while playing, a few times in a thousand; here the user's path (play, pause, go
to the next clip while it plays) runs many times. A freeze fails through the per-test timeout,
with every thread's stack.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reviewer.core.library import Library
from reviewer.core.store import Clip
from reviewer.ui.detail import ClipDetail

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "resources" / "sample" / "takeout-sample.zip"
ROUNDS = 60
CEILING_MS = 60_000


@pytest.fixture(scope="module")
def playable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[tuple[Clip, Path]]]:
    library = Library.open(tmp_path_factory.mktemp("player-switch") / "library")
    library.import_export([SAMPLE])
    clips = [(c, library.audio_path(c)) for c in library.clips()]
    try:
        yield [(c, p) for c, p in clips if p is not None and p.is_file()][:6]
    finally:
        library.close()


@pytest.mark.timeout(600)
def test_play_pause_and_switch_clips_many_times(qtbot: QtBot,
                                                playable: list[tuple[Clip, Path]]) -> None:
    assert len(playable) >= 3
    pane = ClipDetail()
    qtbot.addWidget(pane)
    pane.resize(520, 640)
    pane.show()
    try:
        for i in range(ROUNDS):
            clip, audio = playable[i % len(playable)]
            pane.show_clip(clip, None, audio)
            with qtbot.waitSignal(pane.playbackStateChanged, timeout=CEILING_MS) as started:
                pane.play()
            assert started.args == [True]
            if i % 3 == 0:  # sometimes paused first, sometimes left while playing
                with qtbot.waitSignal(pane.playbackStateChanged, timeout=CEILING_MS):
                    pane.pause()
                assert not pane.playing
            elif i % 3 == 1:
                pane.seek(0.5)
            qtbot.wait(20)
        pane.show_clip(None, None, None)
        assert not pane.playing
    finally:
        pane.shutdown()
