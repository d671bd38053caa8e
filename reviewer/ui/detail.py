"""The clip pane: when and where a clip was recorded, its waveform and player, both transcripts,
why it was scored as it was, and what the vendor's own data says about it.

The waveform (ui/waveform.py) is decoded in a small thread pool and cached per clip, so moving
through the table never waits on audio. Playback is QMediaPlayer (its FFmpeg backend plays
every format the importer accepts, and keeps its position moving even with no audio device).
"""

from __future__ import annotations

import html
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, tzinfo
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    Q_ARG,
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QMetaObject,
    Qt,
    QTime,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
)
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.api import (
    ClipInfo,
    ClipStatus,
    Decision,
    Envelope,
    TranscriptInfo,
    TranscriptStatus,
    action_text,
    is_acted_on,
    is_flagged,
    product_name,
    subject_name,
    vendor_facts,
)
from reviewer.ui.answers import AnswerTexts, Marks
from reviewer.ui.clip_model import local_time_note
from reviewer.ui.flow import FlowLayout
from reviewer.ui.i18n import QT_TRANSLATE_NOOP, core_text, datetime_text, duration_text
from reviewer.ui.palette import css, muted_color, tone
from reviewer.ui.waveform import WaveformLoader, WaveformView, WaveKey, clock
from reviewer.ui.word_times import WordsKey, WordSource, WordTimesLoader

EMPTY_TEXT = QT_TRANSLATE_NOOP("ClipDetail", "Select a clip to see and hear it")
# Keep the current word lit through the short gaps between words (no flicker), but not for long
# after the last one ends.
WORD_HOLD_S = 0.5


def _control(player: QMediaPlayer, slot: str, position_ms: int | None = None) -> None:
    """Call one of the player's slots (play, pause, stop, setPosition) without the GIL.

    PySide keeps the GIL through QMediaPlayer.stop()/play()/pause()/setPosition() (only
    setSource lets it go). The FFmpeg backend's audio thread, destroying an object connected
    to our player, holds Qt's signal-slot lock and waits for the GIL to ask Python about the
    disconnect, while the GUI thread, holding the GIL in stop(), waits for that lock: the
    window froze for good (seen in CI: the suite hung until its time ran out; gdb showed both
    threads). QMetaObject.invokeMethod releases the GIL around the call."""
    conn = Qt.ConnectionType.DirectConnection
    if position_ms is None:
        QMetaObject.invokeMethod(player, slot, conn)
    else:
        QMetaObject.invokeMethod(player, slot, conn, Q_ARG("qint64", position_ms))


# --- text helpers -------------------------------------------------------------------------------

def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _length(seconds: float | None) -> str:
    if seconds is None:
        return QCoreApplication.translate("ClipDetail", "length unknown")
    return duration_text(seconds)


def _points(points: int) -> str:
    # A real minus sign lines up with "+" and reads as "minus" in screen readers.
    return f"+{points}" if points > 0 else ("0" if points == 0 else f"\u2212{-points}")


def reason_rows(clip: ClipInfo) -> list[tuple[int, str]]:
    """(points, text) to show; the acted-on note is shown with the vendor's data instead."""
    rows: list[tuple[int, str]] = []
    for r in clip.reasons or []:
        points = int(r.get("points") or 0)
        if r.get("code") == "acted_on" and points == 0:
            continue
        rows.append((points, str(r.get("text") or r.get("code") or "")))
    return rows


# The labels of the vendor's data (the core's words), for the interface's language.
_VENDOR_LABELS = {
    "Action": QT_TRANSLATE_NOOP("ClipDetail", "Action"),
    "Utterance type": QT_TRANSLATE_NOOP("ClipDetail", "Utterance type"),
    "Domain": QT_TRANSLATE_NOOP("ClipDetail", "Domain"),
    "Intent": QT_TRANSLATE_NOOP("ClipDetail", "Intent"),
    "Skill": QT_TRANSLATE_NOOP("ClipDetail", "Skill"),
    "Details": QT_TRANSLATE_NOOP("ClipDetail", "Details"),
}


def who_name(vendor: str) -> str:
    """The vendor as a sentence's subject ("Amazon"; a folder's clips: "The recorder")."""
    name = subject_name(vendor)
    return QCoreApplication.translate("ClipDetail", "The recorder") \
        if name == "The recorder" else name


def vendor_rows(clip: ClipInfo) -> list[tuple[str, str]]:
    """(label, text) of what the vendor's own data says (worked out by the core), the labels
    in the interface's language; the vendor's own words stay as they are."""
    who = subject_name(clip.vendor)
    rows = []
    for label, text in vendor_facts(clip):
        if label == f"{who}\u2019s transcript":
            label = QCoreApplication.translate("ClipDetail", "{vendor}\u2019s transcript").format(
                vendor=who_name(clip.vendor))
        elif label == f"{who} replied":
            label = QCoreApplication.translate("ClipDetail", "{vendor} replied").format(
                vendor=who_name(clip.vendor))
        elif label in _VENDOR_LABELS:
            label = QCoreApplication.translate("ClipDetail", _VENDOR_LABELS[label])
        rows.append((label, text))
    return rows


# --- the pane -----------------------------------------------------------------------------------

class ClipDetail(QWidget):
    """Everything about one clip; `show_clip(None, ...)` shows the empty state."""

    playbackStateChanged = Signal(bool)
    positionChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None, *, tz: tzinfo | None = None,
                 loader: WaveformLoader | None = None,
                 word_source: WordSource | None = None) -> None:
        super().__init__(parent)
        # tz=None means the computer's own zone; tests pass a fixed one.
        self._tz = tz
        self._loader = loader or WaveformLoader(self)
        self._loader.ready.connect(self._on_waveform_ready)
        self._loader.failed.connect(self._on_waveform_failed)
        # Word times of a transcript made without them, fetched off the GUI thread (None: the
        # pane only shows what the transcript holds).
        self._word_times: WordTimesLoader | None = None
        if word_source is not None:
            self._word_times = WordTimesLoader(word_source, self)
            self._word_times.ready.connect(self._on_word_times)
        self._words_key: WordsKey | None = None
        self._clip: ClipInfo | None = None
        # The threshold in force (the window's slider); None: as the clip was last flagged.
        self._threshold: int | None = None
        self._transcript: TranscriptInfo | None = None
        self._audio: Path | None = None
        self._wave_key: WaveKey | None = None
        self._playable = False
        self._duration = 0.0
        self._position = 0.0
        self._playing = False
        self._word_starts: list[float] = []
        self._word_index: int | None = None
        self._notices: dict[str, str] = {}
        self._build()
        self._player = QMediaPlayer(self)
        self._output = QAudioOutput(self)
        self._player.setAudioOutput(self._output)
        self._player.positionChanged.connect(self._on_player_position)
        self._player.durationChanged.connect(self._on_player_duration)
        self._player.playbackStateChanged.connect(self._on_player_state)
        self._player.mediaStatusChanged.connect(self._on_media_status)
        self._player.errorOccurred.connect(self._on_player_error)
        self.show_clip(None, None, None)

    # --- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        self.setAccessibleName(self.tr("Clip details"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._stack = QStackedWidget(self)
        outer.addWidget(self._stack)

        self._empty = QLabel(self.tr(EMPTY_TEXT), self)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._empty.setAccessibleName(self.tr("No clip selected"))
        self._stack.addWidget(self._empty)

        page = QWidget(self)
        self._stack.addWidget(page)
        col = QVBoxLayout(page)
        col.setContentsMargins(12, 10, 12, 8)
        col.setSpacing(6)

        self._when = QLabel(page)
        font = QFont(self._when.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self._when.setFont(font)
        self._when.setTextFormat(Qt.TextFormat.PlainText)
        self._when.setWordWrap(True)
        self._when.setAccessibleName(self.tr("Recorded at"))
        col.addWidget(self._when)

        # Everything below the date scrolls as one. With only the texts in a scroll area, a
        # short window (1024x640) squeezed the rows above it below their height: wrapped badges
        # were cut off and the Play row was drawn over the waveform. In one scroll area each row
        # gets the height it needs for the pane's width (the badges' height-for-width too).
        scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Never sideways: the body takes the viewport's width and wraps (J/K keep the width).
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setAccessibleName(self.tr("Clip details"))
        body = QWidget(scroll)
        body.setBackgroundRole(QPalette.ColorRole.Window)
        scroll.setWidget(body)
        scroll.viewport().setBackgroundRole(QPalette.ColorRole.Window)
        col.addWidget(scroll, 1)
        self._scroll = scroll
        self._body = body

        sections = QVBoxLayout(body)
        sections.setContentsMargins(0, 0, 0, 4)
        sections.setSpacing(6)

        self._meta = QLabel(body)
        self._meta.setTextFormat(Qt.TextFormat.PlainText)
        self._meta.setWordWrap(True)
        self._meta.setAccessibleName(self.tr("Source, device and length"))
        sections.addWidget(self._meta)

        self._badges = QWidget(body)
        # Badges wrap onto more rows rather than widen the pane (which moved the table's
        # columns from clip to clip during J/K).
        self._badge_row = FlowLayout(self._badges)
        self._badge_row.setContentsMargins(0, 2, 0, 2)
        self._badges.setAccessibleName(self.tr("Score and status"))
        sections.addWidget(self._badges)

        self._waveform = WaveformView(body)
        self._waveform.seekRequested.connect(self.seek)
        self._waveform.toggleRequested.connect(self.toggle_play)
        sections.addWidget(self._waveform)

        controls = QHBoxLayout()
        controls.setSpacing(8)
        self._play_button = QToolButton(body)
        self._play_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._play_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._play_button.setAutoRaise(False)
        self._play_button.clicked.connect(self.toggle_play)
        self._time = QLabel(body)
        self._time.setAccessibleName(self.tr("Position and length"))
        self._time.setToolTip(self.tr("Position / length of the recording"))
        time_font = QFont(self._time.font())
        # Tabular digits keep the label from jittering while the position counts up.
        time_font.setFeature(QFont.Tag("tnum"), 1)
        self._time.setFont(time_font)
        controls.addWidget(self._play_button)
        controls.addWidget(self._time)
        controls.addStretch(1)
        sections.addLayout(controls)

        self._notice = QLabel(body)
        self._notice.setTextFormat(Qt.TextFormat.RichText)
        self._notice.setWordWrap(True)
        self._notice.setAccessibleName(self.tr("Problems with this clip"))
        self._notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._notice.setContentsMargins(8, 6, 8, 6)
        sections.addWidget(self._notice)

        self._transcript_title = self._section(body, sections,
                                               self.tr("Transcript (made on this computer)"))
        self._transcript_label = self._text(body, sections, self.tr("Transcript"))
        self._transcript_label.setToolTip(self.tr("Click a word to play from there"))
        self._transcript_label.linkActivated.connect(self._on_word_clicked)
        self._transcript_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self._reasons_title = self._section(body, sections, self.tr("Why this score"))
        self._reasons_label = self._text(body, sections, self.tr("Reasons"))
        self._vendor_title = self._section(body, sections, self.tr("What the vendor recorded"))
        self._vendor_label = self._text(body, sections, self.tr("Vendor data"))
        sections.addStretch(1)

    def _section(self, parent: QWidget, layout: QVBoxLayout, title: str) -> QLabel:
        label = QLabel(title, parent)
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)  # "Transcript (made on this computer by …)" in a narrow pane
        label.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(label)
        return label

    def _text(self, parent: QWidget, layout: QVBoxLayout, name: str) -> QLabel:
        label = QLabel(parent)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        label.setAccessibleName(name)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        layout.addWidget(label)
        return label

    # --- public API -----------------------------------------------------------------------------

    @property
    def clip(self) -> ClipInfo | None:
        return self._clip

    @property
    def waveform(self) -> WaveformView:
        return self._waveform

    @property
    def play_button(self) -> QToolButton:
        return self._play_button

    @property
    def player(self) -> QMediaPlayer:
        return self._player

    @property
    def playable(self) -> bool:
        return self._playable

    @property
    def playing(self) -> bool:
        return self._playing

    @property
    def position(self) -> float:
        return self._position

    @property
    def duration(self) -> float:
        return self._duration

    @property
    def current_word(self) -> int | None:
        """Index into the transcript's words of the highlighted word, if any."""
        return self._word_index

    @property
    def notices(self) -> list[str]:
        """The problems shown in the pane, in plain words."""
        return list(self._notices.values())

    def show_clip(self, clip: ClipInfo | None, transcript: TranscriptInfo | None,
                  audio: Path | None) -> None:
        same_media = (clip is not None and self._clip is not None and clip.id == self._clip.id
                      and audio == self._audio)
        self._clip, self._transcript = clip, transcript
        self._word_starts = [float(w.get("start") or 0.0) for w in self._words()]
        self._request_word_times()
        if clip is None:
            self._reset_media(None)
            self._stack.setCurrentWidget(self._empty)
            return
        self._stack.setCurrentIndex(1)
        if not same_media:
            # The same clip re-shown (a decision changed, the table refreshed) keeps playing.
            self._reset_media(audio)
            # A new clip starts at its badges and waveform, not where the last one was scrolled.
            self._scroll.verticalScrollBar().setValue(0)
        else:
            # Possibly a new transcript for the same audio: find the word again.
            self._word_index = self._word_at(
                self._position if (self._playing or self._position > 0) else None)
        self._render_all()

    def toggle_play(self) -> None:
        if self._playing:
            self.pause()
        else:
            self.play()

    def play(self) -> None:
        if not self._playable:
            return
        if self._player.mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia:
            _control(self._player, "setPosition", 0)
        _control(self._player, "play")

    def pause(self) -> None:
        if self._playable:
            _control(self._player, "pause")

    def stop(self) -> None:
        _control(self._player, "stop")
        self._set_position(0.0)

    def seek(self, seconds: float) -> None:
        if not self._playable:
            return
        limit = self._duration if self._duration > 0 else max(seconds, 0.0)
        seconds = max(0.0, min(seconds, limit))
        _control(self._player, "setPosition", round(seconds * 1000))
        self._set_position(seconds)

    @property
    def waiting_for_words(self) -> bool:
        """Whether the shown transcript's word times are being computed."""
        return self._words_key is not None

    def _request_word_times(self) -> None:
        t = self._transcript
        if (self._word_times is None or self._clip is None or t is None
                or t.status != TranscriptStatus.DONE or t.words_computed):
            self._words_key = None
            return
        key = (self._clip.id, t.id)
        if key != self._words_key:  # the same clip re-shown waits for the same request
            self._words_key = key
            self._word_times.request(key)

    def _on_word_times(self, key: WordsKey, words: list[dict[str, Any]] | None) -> None:
        t = self._transcript
        if key != self._words_key or t is None:
            return  # the user moved on: for another clip, or an older transcript
        self._words_key = None
        if words is None:
            return
        self._transcript = replace(t, words=words, words_computed=True)
        self._word_starts = [float(w.get("start") or 0.0) for w in self._words()]
        self._word_index = self._word_at(
            self._position if (self._playing or self._position > 0) else None)
        self._render_transcript()

    def highlight_at(self, seconds: float | None) -> int | None:
        """Light up the word spoken at `seconds` (None: none); returns its index."""
        index = self._word_at(seconds)
        if index != self._word_index:
            self._word_index = index
            self._render_transcript()
        return index

    # --- media ----------------------------------------------------------------------------------

    def shutdown(self) -> None:
        """At quit, before the window is destroyed: stop playback, let go of the file and wait
        for waveform reads, so no player or pool thread calls into a half-destroyed pane."""
        self._playable = False
        _control(self._player, "stop")
        self._player.setSource(QUrl())
        self._loader.wait(30_000)
        if self._word_times is not None:
            self._words_key = None
            self._word_times.wait(30_000)

    def _reset_media(self, audio: Path | None) -> None:
        clip = self._clip
        # Not playable first: stopping emits position/state signals, which must not touch the
        # new clip's transcript with the old clip's player.
        self._playable = False
        _control(self._player, "stop")
        self._player.setSource(QUrl())
        self._audio, self._wave_key = audio, None
        self._notices.clear()
        self._position, self._word_index = 0.0, None
        self._duration = float(clip.duration_s or 0.0) if clip is not None else 0.0
        self._waveform.set_duration(self._duration)
        self._waveform.set_position(0.0)
        if clip is None:
            self._waveform.set_message("")
            self._update_controls()
            return
        who = who_name(clip.vendor)
        if clip.status == ClipStatus.AUDIO_ERROR:
            detail = core_text(clip.status_detail or "") or self.tr("the audio is damaged")
            self._notices["status"] = self.tr("This recording could not be decoded: "
                                              "{reason}").format(reason=detail)
        if audio is None:
            if clip.status == ClipStatus.DELETED:
                when = datetime_text(clip.deleted_at.astimezone(self._tz)) \
                    if clip.deleted_at else self.tr("earlier")
                self._notices["audio"] = self.tr(
                    "Deleted from this library ({when}): its audio and transcripts are gone; "
                    "only what identifies the recording to {vendor} is kept, for a deletion "
                    "request.").format(when=when, vendor=who)
                self._waveform.set_message(self.tr("Deleted"))
            elif clip.status == ClipStatus.NO_AUDIO:
                self._notices["audio"] = self.tr("There is no recording for this clip: "
                                                 "{vendor} kept the record but no "
                                                 "audio.").format(vendor=who)
                self._waveform.set_message(self.tr("No recording"))
            else:
                self._waveform.set_message(self.tr("No audio"))
                if "status" not in self._notices:
                    self._notices["audio"] = self.tr("There is no audio for this clip.")
        elif not audio.is_file():
            self._notices["audio"] = self.tr("The audio file for this clip is missing from "
                                             "the library: {path}").format(path=audio)
            self._waveform.set_message(self.tr("Audio file missing"))
        else:
            self._playable = True
            self._player.setSource(QUrl.fromLocalFile(str(audio)))
            self._wave_key = (clip.id, str(audio))
            env = self._loader.cached(self._wave_key)
            if env is not None:
                self._apply_envelope(env)
            else:
                self._waveform.set_message(self.tr("Drawing the waveform…"))
                self._loader.request(self._wave_key, audio)
        self._update_controls()

    def _apply_envelope(self, env: Envelope) -> None:
        if self._duration <= 0 and env.duration_s > 0:
            self._duration = env.duration_s
            self._waveform.set_duration(self._duration)
            self._update_time()
        self._waveform.set_envelope(env)

    def _on_waveform_ready(self, key: WaveKey, env: Envelope) -> None:
        if key == self._wave_key:
            self._apply_envelope(env)

    def _on_waveform_failed(self, key: WaveKey, reason: str) -> None:
        if key != self._wave_key:
            return
        self._waveform.set_message(self.tr("No waveform: the audio could not be decoded"))
        if "status" not in self._notices:
            self._notices["decode"] = self.tr("This recording could not be decoded: "
                                              "{reason}").format(reason=reason)
            self._render_notices()

    def _on_player_position(self, ms: int) -> None:
        if self._playable:
            self._set_position(ms / 1000.0)

    def _on_player_duration(self, ms: int) -> None:
        # The player's length is what positions are measured against.
        if ms > 0 and self._playable:
            self._duration = ms / 1000.0
            self._waveform.set_duration(self._duration)
            self._update_time()

    def _on_player_state(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        if playing != self._playing:
            self._playing = playing
            self._update_controls()
            self.playbackStateChanged.emit(playing)

    def _on_media_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            # Back to the start, as a finished clip is most often replayed from the beginning.
            self._set_position(0.0)

    def _on_player_error(self, error: QMediaPlayer.Error, text: str) -> None:
        if error == QMediaPlayer.Error.NoError or self._clip is None:
            return
        self._notices["player"] = self.tr("The recording cannot be played: {reason}").format(
            reason=text or error.name)
        if error in (QMediaPlayer.Error.ResourceError, QMediaPlayer.Error.FormatError,
                     QMediaPlayer.Error.AccessDeniedError):
            self._playable = False
            self._update_controls()
        self._render_notices()

    def _set_position(self, seconds: float) -> None:
        self._position = seconds
        self._waveform.set_position(seconds)
        self._update_time()
        # At rest on the start nothing is "being said"; anywhere else show the word.
        self.highlight_at(seconds if (self._playing or seconds > 0) else None)
        self.positionChanged.emit(seconds)

    def _word_at(self, seconds: float | None) -> int | None:
        words = self._words()
        if seconds is None or not words or len(words) != len(self._word_starts):
            return None
        i = bisect_right(self._word_starts, seconds) - 1
        if i < 0:
            return None
        end = float(words[i].get("end") or 0.0)
        nxt = self._word_starts[i + 1] if i + 1 < len(words) else end + WORD_HOLD_S
        return i if seconds < min(nxt, end + WORD_HOLD_S) else None

    def _words(self) -> Sequence[dict[str, Any]]:
        t = self._transcript
        if t is None or t.status != TranscriptStatus.DONE:
            return ()
        return t.words or ()

    def _on_word_clicked(self, href: str) -> None:
        if href.startswith("#w"):
            words = self._words()
            i = int(href[2:])
            if 0 <= i < len(words):
                self.seek(float(words[i].get("start") or 0.0))
                self.play()

    # --- rendering ------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        # Colours are baked into the rich text and badge styles: redo them for a new palette.
        if event.type() == QEvent.Type.PaletteChange and self._clip is not None:
            self._render_all()
        super().changeEvent(event)

    def _render_all(self) -> None:
        t = self._transcript
        if t is not None and t.status == TranscriptStatus.DONE and t.model:
            self._transcript_title.setText(
                self.tr("Transcript (made on this computer by {model})").format(model=t.model))
        else:
            self._transcript_title.setText(self.tr("Transcript (made on this computer)"))
        self._render_header()
        self._render_badges()
        self._render_transcript()
        self._render_reasons()
        self._render_vendor()
        self._render_notices()
        self._update_controls()

    def _render_header(self) -> None:
        clip = self._clip
        assert clip is not None
        if clip.time_unknown:
            self._when.setText(self.tr("Time unknown"))
            self._when.setToolTip(self.tr("The export does not say when this was recorded")
                                  + ("\n" + self.tr("In the export: {text}").format(
                                      text=clip.recorded_at_text)
                                     if clip.recorded_at_text else ""))
        else:
            self._render_time(clip)
        self._render_meta(clip)

    def _render_meta(self, clip: ClipInfo) -> None:
        product = product_name(clip.vendor)
        device = clip.device or self.tr("unknown device")
        self._meta.setText(f"{product}  ·  {device}  ·  {_length(clip.duration_s)}")
        self._meta.setToolTip(self.tr("Vendor: {vendor}\nDevice: {device}\nLength: {length}"
                                      "\nClip #{id}").format(
            vendor=product, device=device, length=_length(clip.duration_s), id=clip.id))

    def _render_time(self, clip: ClipInfo) -> None:
        local = clip.recorded_at.astimezone(self._tz)
        locale = self.locale()
        time_format = locale.timeFormat(QLocale.FormatType.ShortFormat)
        if "ss" not in time_format:
            # Seconds tell apart the bursts of activations a minute apart.
            time_format = time_format.replace("mm", "mm:ss", 1)
        date_text = locale.toString(QDate(local.year, local.month, local.day),
                                    QLocale.FormatType.LongFormat)
        time_text = locale.toString(QTime(local.hour, local.minute, local.second), time_format)
        if clip.time_approximate:
            time_text = self.tr("about {time}").format(time=time_text)
        self._when.setText(f"{date_text}, {time_text} {local.tzname() or ''}".strip())
        utc = clip.recorded_at.astimezone(UTC)
        tip = f"{utc:%Y-%m-%d %H:%M:%S} UTC\n" + self.tr("In the export: {text}").format(
            text=clip.recorded_at_text)
        if clip.time_approximate:
            tip += "\n" + self.tr("Approximate: the export gives no exact time (taken from a "
                                  "file date)")
        if self._tz is None:
            # Said once more here: a zone abbreviation such as "UTC" alone reads as if the app
            # chose UTC, not as this computer's own clock.
            tip = local_time_note() + "\n" + tip
        self._when.setToolTip(tip)
        self._render_meta(clip)

    def set_threshold(self, threshold: int) -> None:
        """Judge "flagged" at this threshold from now on (the badges follow the slider)."""
        self._threshold = threshold
        if self._clip is not None:
            self._render_badges()

    @property
    def waiting(self) -> bool:
        """The clip on show has audio this computer has not transcribed yet: unfinished
        work, never shown as judged."""
        clip = self._clip
        return (clip is not None and self._transcript is None
                and clip.status == ClipStatus.READY and clip.audio_path is not None)

    @property
    def _unjudged(self) -> bool:
        """Waiting, and nothing in the export said anything about it yet (no score; a 0
        left by an older version without vendor text means the same)."""
        clip = self._clip
        return self.waiting and clip is not None and (
            clip.score is None or (clip.score == 0 and not clip.vendor_transcript))

    def _flagged(self, clip: ClipInfo) -> bool:
        if self._threshold is None:
            return bool(clip.flagged)
        return is_flagged(clip.score, self._threshold)

    def _acted_on(self, clip: ClipInfo) -> bool:
        if self._threshold is None:
            return bool(clip.acted_on)
        return is_acted_on(clip.score, clip.action, self._threshold)

    def _render_badges(self) -> None:
        clip = self._clip
        assert clip is not None
        while self._badge_row.count():
            item = self._badge_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # deleteLater waits for the event loop; a grab() may come first
                widget.deleteLater()
        pal = self.palette()
        neutral = pal.color(QPalette.ColorRole.Text)
        badges: list[tuple[str, QColor, str]] = []
        if clip.status == ClipStatus.DELETED:
            badges.append((self.tr("Deleted"), neutral, self.tr("Deleted from this library")))
        elif self._unjudged:
            badges.append((self.tr("Waiting for transcription"), tone(pal, "warn"),
                           self.tr("Not transcribed yet, so not judged: it is scored once this "
                                   "computer has transcribed it (Resume in the status bar)")))
        elif clip.score is None:
            badges.append((self.tr("Not scored yet"), neutral,
                           self.tr("The flagger has not run on this clip")))
        else:
            badges.append((self.tr("Score {score}").format(score=clip.score), neutral,
                           self.tr("How likely the clip is accidental, 0 to 100 (the sum of "
                                   "the reasons' points)")))
        # The flag is the app's guess; once the user has answered, the answer is what shows
        # (a clip kept on purpose must not go on wearing a warning).
        decided = clip.decision in (Decision.ACCIDENTAL, Decision.KEEP)
        if self._flagged(clip) and not decided:
            badges.append((self.tr("Flagged: looks accidental"), tone(pal, "warn"),
                           self.tr("The score is at or above the flagging threshold. "
                                   "A: accidental, delete your copy · G: keep it")))
        if self._acted_on(clip):
            action = clip.action_text or action_text(clip.action)
            kept = clip.decision == Decision.KEEP
            badges.append((self.tr("Acted on"), neutral if kept else tone(pal, "alert"),
                           self.tr("The device did something: {action}").format(
                               action=action)))
        if clip.status != ClipStatus.DELETED or clip.decision or clip.ask_vendor is not None:
            badges.extend(self._answer_badges(clip, pal))
        if self.waiting and not self._unjudged:
            badges.append((self.tr("Not transcribed yet"), muted_color(pal),
                           self.tr("Scored from the vendor's transcript only; the score may "
                                   "change once this computer has transcribed it")))
        if clip.status == ClipStatus.NO_AUDIO:
            badges.append((self.tr("No audio"), muted_color(pal),
                           self.tr("The export holds no recording for this")))
        elif clip.status == ClipStatus.AUDIO_ERROR:
            badges.append((self.tr("Unreadable audio"), tone(pal, "alert"),
                           core_text(clip.status_detail or "")
                           or self.tr("The audio could not be decoded")))
        for text, colour, tip in badges:
            badge = QLabel(text, self._badges)
            badge.setTextFormat(Qt.TextFormat.PlainText)
            badge.setToolTip(tip)
            badge.setAccessibleName(text)
            badge.setAccessibleDescription(tip)
            badge.setStyleSheet(
                f"QLabel {{ color: {css(colour)}; background: {css(colour, 0.12)};"
                f" border: 1px solid {css(colour, 0.45)}; border-radius: 9px;"
                " padding: 1px 8px; }")
            self._badge_row.addWidget(badge)
            # A layout shows new children only from the event loop; grab() may come sooner.
            badge.show()

    def _answer_badges(self, clip: ClipInfo, pal: QPalette) -> list[tuple[str, QColor, str]]:
        """The two answers once given: my copy (A / G) and the vendor's copy (R, or the
        default for an accidental clip). Nothing while both are open: the flag's badge says
        what A and G would do, and fewer badges keep the pane's top from crowding."""
        words = AnswerTexts(self)
        marks = Marks.of(False, False, clip.decision, clip.ask_vendor, clip.vendor)
        badges = []
        if marks.decision is not None:
            colour = tone(pal, "alert" if marks.decision == Decision.ACCIDENTAL else "down")
            badges.append((words.copy(marks.decision), colour,
                           self.tr("What happens to the copy on this computer. A: accidental, "
                                   "delete it \u00b7 G: keep it \u00b7 U: not decided")))
        ask = words.vendor(marks, clip.vendor)
        if ask is not None and (marks.decision is not None or clip.ask_vendor is not None):
            badges.append((ask, tone(pal, "down") if marks.asks else muted_color(pal),
                           self.tr("Whether a deletion request asks {vendor} to delete its "
                                   "copy (R switches yes / no; accidental clips: yes unless "
                                   "you say no)").format(vendor=who_name(clip.vendor))))
        return badges

    def _render_transcript(self) -> None:
        pal = self.palette()
        t = self._transcript
        clip = self._clip
        label = self._transcript_label
        muted = css(muted_color(pal))
        if t is None:
            note = self.tr("Waiting for transcription (Resume in the status bar).") \
                if self.waiting else (
                self.tr("Deleted.") if clip is not None and clip.status == ClipStatus.DELETED
                else self.tr("Nothing to transcribe."))
            label.setText(f'<span style="color:{muted}">{note}</span>')
            return
        if t.status == TranscriptStatus.NO_SPEECH:
            label.setText(f'<span style="color:{muted}">'
                          + self.tr("No speech was heard in this recording.") + "</span>")
            return
        if t.status == TranscriptStatus.ERROR:
            label.setText(f'<span style="color:{muted}">'
                          + self.tr("Could not be transcribed: {reason}").format(
                              reason=_esc(t.error or self.tr("unknown error"))) + "</span>")
            return
        words = self._words()
        if not words:
            text = (t.text or "").strip()
            # In the size the words will have when their times arrive: no jump then.
            label.setText(f'<span style="font-size:large">{_esc(text)}</span>' if text else
                          f'<span style="color:{muted}">' + self.tr("(no words)") + "</span>")
            return
        fg = css(pal.color(QPalette.ColorRole.Text))
        hi_bg = css(pal.color(QPalette.ColorRole.Highlight))
        hi_fg = css(pal.color(QPalette.ColorRole.HighlightedText))
        parts: list[str] = []
        for i, w in enumerate(words):
            raw = str(w.get("word") or "")
            word = raw.strip()
            if not word:
                continue
            lead = " " if (raw[:1].isspace() and parts) else ""
            style = (f"color:{hi_fg}; background-color:{hi_bg};" if i == self._word_index
                     else f"color:{fg};")
            parts.append(f'{lead}<a href="#w{i}" style="{style} text-decoration:none">'
                         f"{_esc(word)}</a>")
        label.setText(f'<span style="font-size:large">{"".join(parts)}</span>')

    def _render_reasons(self) -> None:
        clip = self._clip
        assert clip is not None
        pal = self.palette()
        muted = css(muted_color(pal))
        rows = reason_rows(clip)
        if clip.status == ClipStatus.DELETED:
            self._reasons_label.setText(f'<span style="color:{muted}">'
                                        + self.tr("Deleted clips are not scored.") + "</span>")
            return
        if clip.score is None or self._unjudged:
            why = self.tr("Not judged yet: this recording has not been transcribed, so nothing "
                          "has looked at what was said.") if self.waiting else \
                self.tr("Not scored yet: the flagger has not looked at this clip.")
            self._reasons_label.setText(f'<span style="color:{muted}">{_esc(why)}</span>')
            return
        # Judged on the vendor's words alone while the recording waits: said so first.
        if not self.waiting:
            note = ""
        elif clip.vendor_transcript:
            note = self.tr("Scored from %1\u2019s transcript only: this computer has not "
                           "transcribed the recording yet, so this may change.").replace(
                "%1", who_name(clip.vendor))
        else:
            note = self.tr("Scored from what the export says about it only: this computer "
                           "has not transcribed the recording yet, so this may change.")
        partial = f'<p style="color:{muted}">{_esc(note)}</p>' if note else ""
        if not rows:
            nothing = self.tr("Nothing stood out in %1\u2019s transcript.").replace(
                "%1", who_name(clip.vendor)) if self.waiting else self.tr("Nothing stood out.")
            self._reasons_label.setText(f'{partial}<span style="color:{muted}">'
                                        f"{_esc(nothing)}</span>")
            return
        cells = []
        for points, text in rows:
            colour = tone(pal, "up") if points > 0 else (
                tone(pal, "down") if points < 0 else muted_color(pal))
            cells.append(f'<tr><td align="right" style="color:{css(colour)};'
                         f' font-weight:bold; padding-right:10px">{_points(points)}</td>'
                         f"<td>{_esc(text)}</td></tr>")
        self._reasons_label.setText(f'{partial}<table cellspacing="0" cellpadding="1">'
                                    f'{"".join(cells)}</table>')

    def _render_vendor(self) -> None:
        clip = self._clip
        assert clip is not None
        pal = self.palette()
        self._vendor_title.setText(
            self.tr("The recording\u2019s file") if clip.vendor == "folder"
            else self.tr("What {vendor} recorded").format(vendor=who_name(clip.vendor)))
        rows = vendor_rows(clip)
        if not rows:
            self._vendor_label.setText(f'<span style="color:{css(muted_color(pal))}">'
                                       + self.tr("Nothing besides the recording.") + "</span>")
            return
        action_label = QCoreApplication.translate("ClipDetail", _VENDOR_LABELS["Action"])
        muted = css(muted_color(pal))
        alert = css(tone(pal, "alert"))
        cells = []
        for label, text in rows:
            value = _esc(text).replace("\n", "<br>")
            if label == action_label and clip.acted_on:
                value = f'<span style="color:{alert}; font-weight:bold">{value}</span>'
            cells.append(f'<tr><td style="color:{muted}; padding-right:10px"'
                         f' valign="top">{_esc(label)}</td><td>{value}</td></tr>')
        self._vendor_label.setText(f'<table cellspacing="0" cellpadding="1">{"".join(cells)}'
                                   "</table>")

    def _render_notices(self) -> None:
        pal = self.palette()
        colour = tone(pal, "alert")
        if not self._notices:
            self._notice.hide()
            self._notice.clear()
            return
        self._notice.setText("<br>".join(_esc(n) for n in self._notices.values()))
        self._notice.setStyleSheet(
            f"QLabel {{ color: {css(pal.color(QPalette.ColorRole.Text))};"
            f" background: {css(colour, 0.12)}; border: 1px solid {css(colour, 0.5)};"
            " border-radius: 4px; }")
        self._notice.show()

    def _update_controls(self) -> None:
        style = self.style()
        button = self._play_button
        if self._playing:
            button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaPause))
            button.setText(self.tr("Pause"))
            button.setToolTip(self.tr("Pause the recording"))
        else:
            button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
            button.setText(self.tr("Play"))
            button.setToolTip(self.tr("Play the recording") if self._playable
                              else self.tr("There is no playable audio for this clip"))
        button.setAccessibleName(button.text())
        button.setAccessibleDescription(button.toolTip())
        button.setEnabled(self._playable)
        self._waveform.setEnabled(self._playable)
        self._update_time()

    def _update_time(self) -> None:
        if not self._playable and self._duration <= 0:
            self._time.setText("")
            return
        self._time.setText(f"{clock(self._position)} / {clock(self._duration)}")
