"""The clip pane on the offscreen platform, fed by the real pipeline (import, Whisper, flagging)."""

from __future__ import annotations

import html
import os
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot

from reviewer.core.audio.envelope import compute_envelope, envelope_columns
from reviewer.core.library import Library
from reviewer.core.store import Clip, Transcript
from reviewer.testing.alexa_exports import write_history_json_export
from reviewer.ui.detail import EMPTY_TEXT, ClipDetail

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "resources" / "sample" / "takeout-sample.zip"
PACIFIC = ZoneInfo("America/Los_Angeles")


@dataclass
class Sample:
    library: Library
    clips: list[Clip]

    def clip(self, said: str) -> Clip:
        return next(c for c in self.clips if said in (c.vendor_transcript or ""))

    def transcript(self, clip: Clip) -> Transcript | None:
        found = self.library.transcripts(clip.id)
        return found[-1] if found else None

    def audio(self, clip: Clip) -> Path | None:
        return self.library.audio_path(clip)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sample]:
    """The sample Takeout imported, three clips transcribed by the real model, all flagged.

    Built once per module (the model load is the slow part); tests only read it."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        library = Library.open(tmp_path_factory.mktemp("ui-detail") / "library")
        library.import_export([SAMPLE])
        report = library.transcribe(limit=3)
        assert report.done == 3, report
        library.flag()
        for clip in library.clips():  # as opening each clip in the window does
            library.word_times(clip.id)
    try:
        yield Sample(library, library.clips())
    finally:
        library.close()


@pytest.fixture
def pane(qtbot: QtBot) -> Iterator[ClipDetail]:
    widget = ClipDetail(tz=PACIFIC)
    qtbot.addWidget(widget)
    widget.resize(520, 640)
    widget.show()
    yield widget
    widget.stop()
    widget.show_clip(None, None, None)


def transcribed(sample: Sample) -> tuple[Clip, Transcript]:
    for clip in sample.clips:
        t = sample.transcript(clip)
        if t is not None and len(t.words) >= 3:
            return clip, t
    raise AssertionError("no transcribed clip with words")


# --- envelope maths -----------------------------------------------------------------------------

def test_envelope_is_min_max_per_bin_and_per_column() -> None:
    samples = np.zeros(16_000, dtype=np.float32)
    samples[8_000:8_010] = [0.5, -0.25, 0.1, 0, 0, 0, 0, 0, 0, 0]
    env = compute_envelope(samples, bins=100)
    assert env.duration_s == pytest.approx(1.0)
    assert env.peak == pytest.approx(0.5)
    assert env.maxs[50] == pytest.approx(0.5) and env.mins[50] == pytest.approx(-0.25)
    assert float(np.abs(np.delete(env.maxs, 50)).max()) == 0.0
    lo, hi = envelope_columns(env, 10)
    assert hi[5] == pytest.approx(0.5) and lo[5] == pytest.approx(-0.25) and hi[4] == 0.0
    # More columns than bins: each bin is repeated, nothing invented.
    lo, hi = envelope_columns(env, 1000)
    assert len(hi) == 1000 and hi.max() == pytest.approx(0.5)
    assert compute_envelope(np.zeros(0, dtype=np.float32)).duration_s == 0.0


# --- the pane -----------------------------------------------------------------------------------

def test_empty_state_before_and_after_a_clip(pane: ClipDetail, sample: Sample,
                                              qtbot: QtBot) -> None:
    assert pane.clip is None
    assert not pane.playable
    texts = [w.text() for w in pane.findChildren(QWidget) if hasattr(w, "text")
             and w.isVisible()]
    assert EMPTY_TEXT in texts
    clip, t = transcribed(sample)
    pane.show_clip(clip, t, sample.audio(clip))
    assert pane.playable
    pane.show_clip(None, None, None)
    assert pane.clip is None and not pane.playable and not pane.play_button.isEnabled()
    assert pane.player.source().isEmpty()


def test_header_shows_local_time_with_utc_in_tooltip(pane: ClipDetail, sample: Sample) -> None:
    clip = sample.clip("send a message to Anna")  # 2024-03-13 01:03 UTC = 12 March 18:03 PDT
    pane.show_clip(clip, None, sample.audio(clip))
    when = pane._when
    assert "12 March 2024" in when.text() or "March 12" in when.text()
    assert "18:03:36" in when.text() or "6:03:36" in when.text()
    assert "PDT" in when.text()
    assert "2024-03-13 01:03:36 UTC" in when.toolTip()
    assert "Google Assistant" in pane._meta.text() and "4.4 s" in pane._meta.text()


def test_header_follows_the_computers_own_zone(qtbot: QtBot, sample: Sample,
                                              local_zone: Any) -> None:
    # The window's pane takes no zone: it must show this computer's wall clock, not UTC.
    local_zone("Asia/Tokyo")
    widget = ClipDetail()
    qtbot.addWidget(widget)
    clip = sample.clip("send a message to Anna")  # 2024-03-13 01:03:36 UTC = 10:03:36 JST
    widget.show_clip(clip, None, sample.audio(clip))
    text = widget._when.text()
    assert "13 March 2024" in text or "March 13" in text
    assert "10:03:36" in text and "JST" in text and "UTC" not in text
    assert "01:03:36" not in text


def test_waveform_is_computed_off_the_gui_thread_and_cached(pane: ClipDetail, sample: Sample,
                                                            qtbot: QtBot) -> None:
    clip, t = transcribed(sample)
    pane.show_clip(clip, t, sample.audio(clip))
    # Not there synchronously: decoding happens in the pool.
    assert pane.waveform.envelope is None and pane.waveform.message
    qtbot.waitUntil(lambda: pane.waveform.envelope is not None, timeout=10_000)
    env = pane.waveform.envelope
    assert env is not None
    assert env.duration_s == pytest.approx(clip.duration_s or 0, abs=0.2)
    assert env.peak > 0.05 and bool(np.all(env.mins <= env.maxs))
    image = pane.waveform.grab().toImage()
    assert not image.isNull() and image.width() >= pane.waveform.width()

    other = next(c for c in sample.clips if c.id != clip.id and sample.audio(c) is not None)
    pane.show_clip(other, None, sample.audio(other))
    qtbot.waitUntil(lambda: pane.waveform.envelope is not None, timeout=10_000)
    pane.show_clip(clip, t, sample.audio(clip))
    assert pane.waveform.envelope is env  # from the cache, without waiting


def test_play_advances_position_and_pause_stops(pane: ClipDetail, sample: Sample,
                                                qtbot: QtBot) -> None:
    clip, t = transcribed(sample)
    pane.show_clip(clip, t, sample.audio(clip))
    positions: list[float] = []
    pane.positionChanged.connect(positions.append)
    with qtbot.waitSignal(pane.playbackStateChanged, timeout=5_000) as started:
        pane.play_button.click()
    assert started.args == [True] and pane.playing
    assert pane.play_button.text() == "Pause" and pane.play_button.accessibleName() == "Pause"
    qtbot.waitUntil(lambda: pane.position > 1.0, timeout=5_000)
    assert pane.waveform.position == pytest.approx(pane.position)
    assert pane.current_word is not None  # a second in, a word is being said
    assert positions and positions == sorted(positions)
    with qtbot.waitSignal(pane.playbackStateChanged, timeout=5_000) as paused:
        pane.toggle_play()
    assert paused.args == [False] and not pane.playing
    assert pane.play_button.text() == "Play"
    held = pane.position
    qtbot.wait(200)
    assert pane.position == pytest.approx(held, abs=0.06)


def test_plays_to_the_end_and_returns_to_start(pane: ClipDetail, sample: Sample,
                                               qtbot: QtBot) -> None:
    clip, t = transcribed(sample)
    pane.show_clip(clip, t, sample.audio(clip))
    qtbot.waitUntil(lambda: pane.player.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia)
    pane.seek(pane.duration - 0.3)
    with qtbot.waitSignals([pane.playbackStateChanged, pane.playbackStateChanged],
                           timeout=5_000):
        pane.play()
    assert not pane.playing and pane.position == 0.0 and pane.current_word is None


def test_highlighted_word_follows_position(pane: ClipDetail, sample: Sample) -> None:
    clip, t = transcribed(sample)
    pane.show_clip(clip, t, sample.audio(clip))
    label = pane._transcript_label
    highlight = pane.palette().color(QPalette.ColorRole.Highlight).name()
    seen = []
    for i, w in enumerate(t.words):
        middle = (w["start"] + w["end"]) / 2
        assert pane.highlight_at(middle) == i
        assert pane.current_word == i
        lit = label.text().split(f"background-color:{highlight}")
        assert len(lit) == 2  # exactly one word is lit...
        assert html.escape(w["word"].strip()) in lit[1].split("</a>")[0]  # ...and it is this one
        seen.append(i)
    assert seen == list(range(len(t.words)))
    assert pane.highlight_at(t.words[-1]["end"] + 2.0) is None
    assert pane.highlight_at(None) is None
    assert f"background-color:{highlight}" not in label.text()


def test_clicking_a_word_plays_from_it(pane: ClipDetail, sample: Sample, qtbot: QtBot) -> None:
    clip, t = transcribed(sample)
    pane.show_clip(clip, t, sample.audio(clip))
    qtbot.waitUntil(lambda: pane.player.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia)
    pane._transcript_label.linkActivated.emit("#w2")
    assert pane.position == pytest.approx(t.words[2]["start"], abs=0.06)
    qtbot.waitUntil(lambda: pane.playing, timeout=5_000)
    pane.pause()


def test_transcript_text_is_escaped(pane: ClipDetail, sample: Sample) -> None:
    clip, _ = transcribed(sample)
    hostile = Transcript(clip_id=clip.id, model="tiny.en", status="done",
                         text="<b>bold</b> & <img src=x>",
                         words=[{"start": 0.0, "end": 0.5, "word": " <b>bold</b>"},
                                {"start": 0.5, "end": 1.0, "word": " &"},
                                {"start": 1.0, "end": 1.5, "word": " <img src=x>"}])
    pane.show_clip(clip, hostile, sample.audio(clip))
    text = pane._transcript_label.text()
    assert "&lt;b&gt;bold&lt;/b&gt;" in text and "&lt;img src=x&gt;" in text
    assert "<b>" not in text and "<img" not in text
    # No words at all: the plain text, still escaped.
    pane.show_clip(clip, Transcript(clip_id=clip.id, model="m", status="done",
                                    text="a <i>b</i>", words=[]), sample.audio(clip))
    assert "&lt;i&gt;" in pane._transcript_label.text()


def test_seek_by_keyboard_and_mouse(pane: ClipDetail, sample: Sample, qtbot: QtBot) -> None:
    clip, t = transcribed(sample)
    pane.show_clip(clip, t, sample.audio(clip))
    qtbot.waitUntil(lambda: pane.waveform.envelope is not None, timeout=10_000)
    qtbot.waitUntil(lambda: pane.player.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia)
    wave = pane.waveform
    wave.setFocus()
    qtbot.keyClick(wave, Qt.Key.Key_Right)
    assert pane.position == pytest.approx(2.0)
    qtbot.keyClick(wave, Qt.Key.Key_Left)
    assert pane.position == pytest.approx(0.0)
    qtbot.keyClick(wave, Qt.Key.Key_End)
    assert pane.position == pytest.approx(pane.duration)
    qtbot.keyClick(wave, Qt.Key.Key_Home)
    assert pane.position == 0.0
    qtbot.mouseClick(wave, Qt.MouseButton.LeftButton, pos=QPoint(wave.width() // 2,
                                                                 wave.height() // 2))
    assert pane.position == pytest.approx(pane.duration / 2, abs=pane.duration / wave.width() * 2)
    assert abs(pane.player.position() / 1000 - pane.position) < 0.1
    with qtbot.waitSignal(pane.playbackStateChanged, timeout=5_000):
        qtbot.keyClick(wave, Qt.Key.Key_Space)
    assert pane.playing
    pane.pause()


def test_reasons_score_and_badges(pane: ClipDetail, sample: Sample) -> None:
    scored = [c for c in sample.clips if any(r["points"] for r in c.reasons)]
    positive = next(c for c in scored if any(r["points"] > 0 for r in c.reasons))
    negative = next(c for c in scored if any(r["points"] < 0 for r in c.reasons))
    pane.show_clip(negative, sample.transcript(negative), sample.audio(negative))
    text = pane._reasons_label.text()
    for r in negative.reasons:
        if r["points"]:
            assert html.escape(r["text"]) in text
    assert "\u221230" in text  # a real minus sign
    minus_colour = text.split("\u221230")[0].rsplit("color:", 1)[1].split(";")[0]
    badges = [w.text() for w in pane._badges.findChildren(QWidget) if w.isVisibleTo(pane)
              and hasattr(w, "text")]
    assert f"Score {negative.score}" in badges

    pane.show_clip(positive, sample.transcript(positive), sample.audio(positive))
    text = pane._reasons_label.text()
    up = next(r for r in positive.reasons if r["points"] > 0)
    assert f"+{up['points']}" in text and html.escape(up["text"]) in text
    plus_colour = text.split(f"+{up['points']}")[0].rsplit("color:", 1)[1].split(";")[0]
    assert plus_colour != minus_colour


def test_flagged_and_acted_on_badges(pane: ClipDetail, sample: Sample) -> None:
    clip = sample.clip("send a message to Anna")
    shown = Clip(**{k: getattr(clip, k) for k in ("id", "vendor", "recorded_at",
                                                  "recorded_at_text", "device", "duration_s",
                                                  "vendor_transcript", "vendor_extra",
                                                  "status", "action", "action_text",
                                                  "audio_path")},
                 score=75, flagged=True, acted_on=True, decision=None, ask_vendor=True,
                 reasons=[{"code": "no_wake_word", "text": "Doesn't start with “Hey Google”",
                           "points": 50}, *clip.reasons])
    pane.show_clip(shown, None, sample.audio(clip))
    badges = [w.text() for w in pane._badges.findChildren(QWidget) if w.isVisibleTo(pane)
              and hasattr(w, "text")]
    # No local transcript given: scored from the vendor's words, and said to be unfinished.
    assert badges == ["Score 75", "Flagged: looks accidental", "Acted on",
                      "Ask Google to delete theirs: yes", "Not transcribed yet"]
    assert "+50" in pane._reasons_label.text()
    assert "Doesn\u2019t" in pane._reasons_label.text() or "Doesn&#x27;t" in \
        pane._reasons_label.text()
    vendor = pane._vendor_label.text()
    assert "Sending the message to Anna." in vendor  # the reply, verbatim
    assert "a message was sent to Anna" in vendor  # and what it did, in words
    assert "Said send a message to Anna" in vendor  # the vendor's transcript, verbatim
    assert "Started by hotword" in vendor


def test_amazon_fields_are_shown(pane: ClipDetail, library: Library, tmp_path: Path) -> None:
    built = write_history_json_export(tmp_path / "alexa", form="zip")
    library.import_export([built.path])
    clip = next(c for c in library.clips() if (c.vendor_extra or {}).get("intent")
                == "GetWeatherForecastIntent")
    pane.show_clip(clip, None, library.audio_path(clip))
    vendor = pane._vendor_label.text()
    for text in ("Utterance type", "GENERAL", "Domain", "Weather", "Intent",
                 "GetWeatherForecastIntent", "Amazon replied",
                 "Right now in Seattle, it&#x27;s 45 degrees"):
        assert text in vendor, text
    assert "Amazon Alexa" in pane._meta.text() and "Kitchen Echo" in pane._meta.text()


def test_clip_without_audio_disables_playback(pane: ClipDetail, sample: Sample,
                                              qtbot: QtBot) -> None:
    clip = sample.clip("what time is it")
    assert clip.status == "no_audio" and sample.audio(clip) is None
    pane.show_clip(clip, None, None)
    assert not pane.playable and not pane.play_button.isEnabled()
    assert not pane.waveform.isEnabled() and pane.waveform.message == "No recording"
    assert any("no recording" in n for n in pane.notices)
    assert pane._notice.isVisibleTo(pane)
    pane.play()
    pane.toggle_play()
    qtbot.wait(100)
    assert not pane.playing and pane.position == 0.0
    assert "It\u2019s 7:30." in pane._vendor_label.text() or "It&#x27;s 7:30." in \
        pane._vendor_label.text()


def test_missing_audio_file_shows_a_message(pane: ClipDetail, library: Library,
                                            qtbot: QtBot) -> None:
    library.import_export([SAMPLE])
    clip = next(c for c in library.clips() if c.audio_path)
    audio = library.audio_path(clip)
    assert audio is not None
    audio.unlink()
    pane.show_clip(clip, None, audio)
    assert not pane.playable and not pane.play_button.isEnabled()
    assert any("missing" in n and str(audio) in n for n in pane.notices)
    assert pane.waveform.message == "Audio file missing"
    pane.play()
    qtbot.wait(100)
    assert not pane.playing


def test_unreadable_audio_is_reported_not_raised(pane: ClipDetail, sample: Sample,
                                                 tmp_path: Path, qtbot: QtBot) -> None:
    clip, _ = transcribed(sample)
    broken = tmp_path / "broken.mp3"
    broken.write_bytes(b"ID3\x03\x00\x00\x00\x00\x00\x00" + bytes(range(256)) * 8)
    pane.show_clip(clip, None, broken)
    qtbot.waitUntil(lambda: any("could not be decoded" in n for n in pane.notices),
                    timeout=10_000)
    assert pane.waveform.envelope is None
    pane.play()
    qtbot.waitUntil(lambda: any("cannot be played" in n for n in pane.notices), timeout=5_000)
    assert not pane.play_button.isEnabled()


def test_controls_have_names_tooltips_and_take_focus(pane: ClipDetail, sample: Sample) -> None:
    clip, t = transcribed(sample)
    pane.show_clip(clip, t, sample.audio(clip))
    controls = [w for w in pane.findChildren(QWidget)
                if isinstance(w, QAbstractButton) or w is pane.waveform]
    assert pane.play_button in controls and pane.waveform in controls
    for w in controls:
        assert w.accessibleName() and w.toolTip(), w
        assert w.focusPolicy() & Qt.FocusPolicy.TabFocus, w
    for child in pane.findChildren(QWidget):
        if child.isVisibleTo(pane) and child.focusPolicy() & Qt.FocusPolicy.TabFocus:
            assert child.accessibleName() or child.__class__.__name__ in (
                "QScrollBar", "QScrollArea"), child


def test_dark_palette_redraws_colours(pane: ClipDetail, sample: Sample) -> None:
    clip, t = transcribed(sample)
    pane.show_clip(clip, t, sample.audio(clip))
    pane.highlight_at((t.words[0]["start"] + t.words[0]["end"]) / 2)
    light = pane._transcript_label.text()
    dark = QPalette(pane.palette())
    dark.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.black)
    dark.setColor(QPalette.ColorRole.Text, Qt.GlobalColor.white)
    dark.setColor(QPalette.ColorRole.Highlight, Qt.GlobalColor.darkCyan)
    pane.setPalette(dark)
    text = pane._transcript_label.text()
    assert text != light and "#ffffff" in text and "#008080" in text


# --- layout at small sizes ----------------------------------------------------------------------

def _needed_height(widget: QWidget) -> int:
    """The height `widget` needs at its current width (wrapped text and badges included)."""
    if widget.hasHeightForWidth():
        return max(widget.heightForWidth(widget.width()), widget.minimumSizeHint().height())
    return max(widget.minimumSizeHint().height(), widget.minimumHeight())


def _layout_problems(container: QWidget) -> list[str]:
    """Children of `container` that overlap a sibling, stick out of it or are squeezed below the
    height they need (what a 1024x640 screen showed: badges cut off, Play over the waveform)."""
    problems = []
    shown = [w for w in container.findChildren(QWidget, options=Qt.FindChildOption.
                                               FindDirectChildrenOnly) if w.isVisibleTo(container)]
    area = container.rect()
    for w in shown:
        name = w.accessibleName() or type(w).__name__
        if not area.contains(w.geometry()):
            problems.append(f"{name} {w.geometry()} outside {area}")
        if w.height() < _needed_height(w):
            problems.append(f"{name} is {w.height()} px high, needs {_needed_height(w)}")
    for i, a in enumerate(shown):
        for b in shown[i + 1:]:
            if a.geometry().intersects(b.geometry()):
                problems.append(f"{a.accessibleName()} overlaps {b.accessibleName()}")
    return problems


@pytest.mark.parametrize("size", [(260, 300), (300, 420), (420, 640)])
def test_nothing_overlaps_or_is_cut_off_in_a_small_pane(pane: ClipDetail, sample: Sample,
                                                        qtbot: QtBot, size: tuple[int, int],
                                                        ) -> None:
    clip = sample.clip("send a message to Anna")
    # Every badge at once (score, flag, acted on, both answers, not transcribed): they wrap
    # onto several rows in a narrow pane.
    shown = Clip(**{k: getattr(clip, k) for k in ("id", "vendor", "recorded_at",
                                                  "recorded_at_text", "device", "duration_s",
                                                  "vendor_transcript", "vendor_extra",
                                                  "status", "action", "action_text",
                                                  "audio_path", "reasons")},
                 score=75, flagged=True, acted_on=True, decision="accidental", ask_vendor=True)
    pane.resize(*size)
    pane.show_clip(shown, None, sample.audio(clip))
    body = pane._body

    def laid_out() -> None:  # the layout is applied from the event loop
        assert body.width() > 0 and _layout_problems(body) == []

    qtbot.waitUntil(laid_out, timeout=5_000)
    badges = [w for w in pane._badges.findChildren(QWidget) if w.isVisibleTo(pane)]
    assert len(badges) >= 5
    assert _layout_problems(body) == []
    assert _layout_problems(pane._badges) == []
    # Never wider than the pane: no sideways scrolling, nothing cut at the right.
    assert body.width() <= pane._scroll.viewport().width()
    # The date stays above the scrolling part, whole.
    assert pane._when.geometry().bottom() < pane._scroll.geometry().top()
    assert pane._when.height() >= _needed_height(pane._when)
    # What did not fit is reached by scrolling, not squeezed.
    if body.height() > pane._scroll.viewport().height():
        assert pane._scroll.verticalScrollBar().maximum() > 0


def test_pane_width_does_not_follow_the_clip(pane: ClipDetail, sample: Sample) -> None:
    """J/K through clips with long and short texts: the pane asks for the same width."""
    widths = set()
    for clip in sample.clips[:12]:
        pane.show_clip(clip, sample.transcript(clip), sample.audio(clip))
        widths.add((pane.minimumSizeHint().width(), pane.sizeHint().width()))
    assert len(widths) == 1, widths
