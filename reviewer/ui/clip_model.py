"""The clip table: a QAbstractTableModel over the store, built for 100,000 clips.

The model holds only the ordered list of clip ids for the current filter and sort (one
query); row contents are fetched in pages of a few hundred when the view first needs them and
cached. Sorting is done by SQLite (ORDER BY on the chosen column), filtering likewise (FTS5 for
text), and the threshold slider only changes how stored scores are read, so moving it repaints
one column instead of reloading anything.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication

from reviewer.core.api import (
    ClipQuery,
    ClipRow,
    Dialogue,
    Library,
    is_acted_on,
    is_flagged,
)
from reviewer.ui.answers import AnswerTexts, Marks, marks_pixmap, row_tint
from reviewer.ui.i18n import QT_TRANSLATE_NOOP, datetime_text, duration_text

ObjectRole = Qt.ItemDataRole.UserRole + 1  # the clip id
SortRole = Qt.ItemDataRole.UserRole + 2  # the raw value a column sorts by
PAGE = 256

Index = QModelIndex | QPersistentModelIndex


def local_time_note() -> str:
    """Times in the app are this computer's local time; where it says so."""
    now = datetime.now().astimezone()
    offset = now.strftime("%z")
    return QCoreApplication.translate(
        "ClipTableModel", "When it was recorded, in this computer's local time ({zone}, "
        "UTC{offset}). Letters and CSV files give UTC.").format(
        zone=now.tzname(), offset=f"{offset[:3]}:{offset[3:]}")


@dataclass(frozen=True)
class Column:
    key: str  # a SORT_COLUMNS key (reviewer.core.store.queries)
    title: str
    tooltip: str


# The left column ("marks") holds what matters most as icons: flagged, acted on, and the two
# answers (see ui/answers.py); it sits first so no window is too narrow to show it, and it is
# the review order's column (acted on first, then by score). The transcripts take the width
# that is left (main_window stretches them).
REVIEW = "marks"
COLUMNS: tuple[Column, ...] = (
    Column(REVIEW, "", ""),
    # Titles and tooltips marked for translation; the model translates them when shown.
    Column("recorded_at", QT_TRANSLATE_NOOP("ClipTableModel", "Date"),
           QT_TRANSLATE_NOOP("ClipTableModel", "When it was recorded (your local time)")),
    Column("vendor_transcript", QT_TRANSLATE_NOOP("ClipTableModel", "Vendor's transcript"),
           QT_TRANSLATE_NOOP("ClipTableModel", "What Amazon or Google wrote down")),
    Column("transcript", QT_TRANSLATE_NOOP("ClipTableModel", "Transcript (this computer)"),
           QT_TRANSLATE_NOOP("ClipTableModel",
                             "What Whisper heard, transcribed on this computer")),
    Column("score", QT_TRANSLATE_NOOP("ClipTableModel", "Score"),
           QT_TRANSLATE_NOOP("ClipTableModel", "How accidental it looks, 0-100")),
    Column("device", QT_TRANSLATE_NOOP("ClipTableModel", "Device"),
           QT_TRANSLATE_NOOP("ClipTableModel", "The device that recorded it")),
    Column("duration_s", QT_TRANSLATE_NOOP("ClipTableModel", "Length"),
           QT_TRANSLATE_NOOP("ClipTableModel", "Length of the recording")),
    Column("status", QT_TRANSLATE_NOOP("ClipTableModel", "Status"),
           QT_TRANSLATE_NOOP("ClipTableModel", "Audio and transcription status")),
)
COLUMN_INDEX = {c.key: i for i, c in enumerate(COLUMNS)}


Row = ClipRow  # one table row: plain values the library hands out


class ClipTableModel(QAbstractTableModel):
    def __init__(self, library: Library, threshold: int) -> None:
        super().__init__()
        self.library = library
        self.threshold = threshold
        self.query = ClipQuery(order="priority")
        self._ids: list[int] = []
        self._row_of: dict[int, int] = {}
        self._cache: dict[int, Row] = {}
        # A dialogue is one row (its first turn) until expanded: then its later turns follow
        # it, indented, each with the device's reply. head id -> dialogue, for fetched rows.
        self._dialogues: dict[int, Dialogue] = {}
        self._expanded: set[int] = set()
        self._turn_of: dict[int, int] = {}  # a shown later turn -> its dialogue's head
        self._words = AnswerTexts(self)
        # No rows read yet: QTableView.setSortingEnabled sorts at once, and on 100,000 clips
        # that read every id a second time before the window's first query did (~1.5 s).
        self._loaded = False

    # --- loading -------------------------------------------------------------------------

    def set_query(self, query: ClipQuery) -> None:
        """Show the clips `query` selects (its limit/offset are ignored)."""
        # A column the user sorted by stays sorted when the filter changes.
        keep = {} if query.sort is not None else {"sort": self.query.sort,
                                                   "descending": self.query.descending}
        self.query = replace(query, limit=None, offset=0, **keep)  # type: ignore[arg-type]
        self.reload()

    def reload(self) -> None:
        self.set_ids(self.library.clip_ids(self._live_query()))

    def live_query(self) -> ClipQuery:
        """The query the rows come from (flag filters at the slider's threshold)."""
        return self._live_query()

    def set_ids(self, ids: list[int]) -> None:
        """Show these clips (ids read for `live_query()`, e.g. in a background thread);
        dialogues the user had expanded stay expanded."""
        present = set(ids)
        self._expanded &= present
        opened = self.library.dialogues(sorted(self._expanded)) if self._expanded else {}
        self._turn_of = {}
        if opened:  # dialogues the user had expanded stay expanded
            shown: list[int] = []
            for cid in ids:
                shown.append(cid)
                if cid in opened:
                    later = [t.clip_id for t in opened[cid].turns[1:] if t.clip_id not in present]
                    shown += later
                    self._turn_of.update((t, cid) for t in later)
            ids = shown
        self._loaded = True
        self.beginResetModel()
        self._ids = ids
        self._row_of = {cid: i for i, cid in enumerate(ids)}
        self._cache.clear()
        self._dialogues = dict(opened)
        self.endResetModel()

    def _live_query(self) -> ClipQuery:
        """Flag filters judge against the slider's threshold, not the stored flags. A
        dialogue is listed once, by its first turn, except in a word search (which may find
        any turn)."""
        q = replace(self.query, dialogue_heads=not self.query.text)
        if q.flagged is not None or q.acted_on is not None:
            return replace(q, min_score=self.threshold)
        return q

    # --- dialogues -------------------------------------------------------------------------

    def dialogue_at(self, row: int) -> Dialogue | None:
        """The dialogue the row begins or (expanded) continues."""
        cid = self.clip_id(row)
        if cid is None:
            return None
        self._row(row)  # fetches the page, and with it the dialogues it begins
        return self._dialogues.get(self._turn_of.get(cid, cid))

    def is_expanded(self, row: int) -> bool:
        d = self.dialogue_at(row)
        return d is not None and d.id in self._expanded

    def toggle_dialogue(self, row: int) -> bool:
        """Expand a dialogue's row into its turns, or fold them back; False: no dialogue."""
        d = self.dialogue_at(row)
        if d is None:
            return False
        head = self._row_of[d.id]
        later = [t.clip_id for t in d.turns[1:]]
        if d.id in self._expanded:
            shown = [c for c in later if self._turn_of.get(c) == d.id]
            if shown:
                self.beginRemoveRows(QModelIndex(), head + 1, head + len(shown))
                del self._ids[head + 1:head + 1 + len(shown)]
                for c in shown:
                    self._turn_of.pop(c, None)
                self._reindex()
                self.endRemoveRows()
            self._expanded.discard(d.id)
        else:
            new = [c for c in later if c not in self._row_of]
            if new:
                self.beginInsertRows(QModelIndex(), head + 1, head + len(new))
                self._ids[head + 1:head + 1] = new
                self._turn_of.update((c, d.id) for c in new)
                self._reindex()
                self.endInsertRows()
            self._expanded.add(d.id)
        self.dataChanged.emit(self.index(head, 0), self.index(head, len(COLUMNS) - 1))
        return True

    def _reindex(self) -> None:
        self._row_of = {cid: i for i, cid in enumerate(self._ids)}

    def clip_ids_of_rows(self, rows: list[int]) -> list[int]:
        """The clips these rows stand for: a folded dialogue's row stands for every turn
        (deciding or deleting it acts on the whole dialogue)."""
        ids = [cid for r in rows if (cid := self.clip_id(r)) is not None]
        unseen = [cid for cid in ids if cid not in self._cache]  # Ctrl+A over pages not shown
        if unseen:
            self._dialogues.update(self.library.dialogues(unseen))
        seen = set(ids)
        for cid in list(ids):
            d = self._dialogues.get(cid)
            if d is not None and d.id not in self._expanded:
                more = [t.clip_id for t in d.turns[1:] if t.clip_id not in seen]
                ids += more
                seen.update(more)
        return ids

    def refresh_clips(self, clip_ids: list[int]) -> None:
        """Re-read these clips (a transcript arrived, a decision changed) in place."""
        rows = [self._row_of[c] for c in clip_ids if c in self._row_of]
        for cid in clip_ids:
            self._cache.pop(cid, None)
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0),
                                  self.index(max(rows), len(COLUMNS) - 1))

    def set_threshold(self, threshold: int) -> None:
        self.threshold = threshold
        if self.query.flagged is not None or self.query.acted_on is not None:
            self.reload()  # the filter itself depends on the threshold
        elif self._ids:  # flags, tints and scores' colours follow the threshold
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, len(COLUMNS) - 1))

    def _row(self, r: int) -> Row:
        cid = self._ids[r]
        row = self._cache.get(cid)
        if row is None:
            self._fetch_page(r)
            row = self._cache[cid]
        return row

    def _fetch_page(self, r: int) -> None:
        start = (r // PAGE) * PAGE
        wanted = self._ids[start:start + PAGE]
        self._cache.update(self.library.rows(wanted))
        self._dialogues.update(self.library.dialogues(wanted))
        for cid in wanted:  # a clip deleted meanwhile still needs a row until the next reload
            self._cache.setdefault(cid, Row(cid, datetime.now().astimezone(), False, None, "",
                                            None, None, None, None, None, None, "deleted", None))

    # --- Qt model API ----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        key = COLUMNS[section].key
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section].title) if COLUMNS[section].title else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "recorded_at":  # said once, here: whose clock
                return local_time_note()
            if key == REVIEW:
                return self._words.column_tip()
            return self.tr(COLUMNS[section].tooltip)
        if role == Qt.ItemDataRole.AccessibleTextRole and key == REVIEW:
            return self.tr("Marks")
        return None

    def clip_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, clip_id: int) -> int | None:
        return self._row_of.get(clip_id)

    def clip_ids(self) -> list[int]:
        return list(self._ids)

    def flagged(self, row: Row) -> bool:
        return is_flagged(row.score, self.threshold)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        row = self._row(index.row())
        key = COLUMNS[index.column()].key
        if role == ObjectRole:
            return row.id
        if key == REVIEW:
            return self._marks_data(row, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key)
        if role == SortRole:
            return getattr(row, key, None)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._tint(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, key)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("duration_s", "score"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tr("{column}: {value}").format(
                column=self.tr(COLUMNS[index.column()].title),
                value=self._display(row, key) or self.tr("empty"))
        return None

    def _acted(self, row: Row) -> bool:
        return is_acted_on(row.score, row.action, self.threshold)

    def marks(self, row: Row) -> Marks:
        return Marks.of(self.flagged(row), self._acted(row), row.decision, row.ask_vendor,
                        row.vendor)

    def _marks_data(self, row: Row, role: int) -> Any:
        """The left column: icons, and the same facts in words for tooltips and screen
        readers (no text on screen: it would push the icons apart)."""
        if role == Qt.ItemDataRole.DecorationRole:
            return marks_pixmap(self.marks(row))
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._words.marks(self.marks(row), row.vendor,
                                     (row.action or "").replace("_", " ") or None)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._tint(row)
        if role == SortRole:
            return (self._acted(row), row.score if row.score is not None else -1)
        return None

    def _tint(self, row: Row) -> QBrush | None:
        flagged = self.flagged(row)
        acted = flagged and self._acted(row)  # acted on implies flagged (is_acted_on)
        if not (flagged or acted):
            return None
        colour = row_tint(QApplication.palette(), flagged, acted)
        return QBrush(colour) if colour is not None else None

    def _display(self, row: Row, key: str) -> str:
        if key == "recorded_at":
            if row.time_unknown:
                return self.tr("time unknown")
            # The language's short form ("07.03.24 01:24"); the table sorts by SortRole.
            return ("~" if row.time_approximate else "") + datetime_text(row.recorded_at)
        if key == "device":
            return row.device or "\u2014"
        if key == "duration_s":
            return duration_text(row.duration_s)
        if key == "vendor_transcript":
            return self._vendor_text(row)
        if key == "transcript":
            if row.transcript is None:
                return self.tr("(not transcribed yet)") if row.waiting else ""
            return row.transcript or self.tr("(no speech)")
        if key == "score":
            if row.score is None:
                return "\u2026" if row.waiting else ""  # nothing judged it yet
            return str(row.score)
        if key == "status":
            if row.status == "ready":
                if row.waiting:  # for transcription: the transcript column and tooltip say so
                    return self.tr("Waiting")
                return (self.tr("Could not transcribe") if row.transcript is None
                        else self.tr("Transcribed"))
            return {"no_audio": self.tr("No audio"), "audio_error": self.tr("Unreadable audio"),
                    "deleted": self.tr("Deleted")}.get(row.status, row.status)
        return ""

    def _vendor_text(self, row: Row) -> str:
        """The vendor's words; on a dialogue's rows, marked, with what the device replied."""
        text = (row.vendor_transcript or "").replace("\n", " ")
        head = self._turn_of.get(row.id, row.id)
        d = self._dialogues.get(head)
        if d is None:
            return text
        turn = next((t for t in d.turns if t.clip_id == row.id), None)
        reply = f"  \u2192 \u201c{turn.reply}\u201d" if turn is not None and turn.reply else ""
        if row.id != d.id:
            return f"      \u21b3 {text}{reply}"
        marker = "\u25be" if d.id in self._expanded else "\u25b8"
        return f"{marker} {text}{reply}  " + self.tr("[{n} turns]").format(n=len(d.turns))

    def _dialogue_story(self, d: Dialogue) -> str:
        """The whole exchange at a glance: what was heard, what the device asked, what it did."""
        lines = []
        for t in d.turns:
            lines.append(f"\u201c{(t.said or '').strip()}\u201d")
            if t.reply:
                lines.append("    " + self.tr("device: \u201c{reply}\u201d").format(
                    reply=t.reply))
        if d.action_text:
            lines.append(f"\u2192 {d.action_text}")
        lines.append(self.tr("(double-click or E to expand or fold the dialogue)"))
        return "\n".join(lines)

    def _tooltip(self, row: Row, key: str) -> str | None:
        if key == "recorded_at":
            if row.time_unknown:
                return self.tr("The export does not say when this was recorded")
            # Local first (as the cell, to the second); UTC beside it as the letters give it.
            local = row.recorded_at.astimezone()
            utc = row.recorded_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
            text = f"{datetime_text(local, seconds=True)} {local.tzname() or ''}".rstrip()
            return f"{text} ({utc})" + (
                " " + self.tr("(approximate: the export gave no exact time)")
                if row.time_approximate else "")
        if key == "vendor_transcript":
            d = self._dialogues.get(self._turn_of.get(row.id, row.id))
            if d is not None:
                return self._dialogue_story(d)
        if key in ("vendor_transcript", "transcript"):
            return self._display(row, key) or None
        if row.waiting and key in ("score", "flagged", "status", "transcript"):
            if row.score is None:
                return self.tr("Not transcribed yet: nothing has judged this clip. It is scored "
                               "once this computer has transcribed it (Resume in the status "
                               "bar).")
            return self.tr("Scored from the vendor's transcript only: this computer has not "
                           "transcribed the recording yet, so the score may still change.")
        if key == "status" and row.status_detail:
            return row.status_detail
        if key == "device" and not row.device:
            return (self.tr("Google's export does not say which device heard it")
                    if row.vendor == "google"
                    else self.tr("The export does not say which device recorded it"))
        return None

    def _foreground(self, row: Row, key: str) -> QBrush | None:
        palette = QApplication.palette()
        if key == "score" and self.flagged(row):
            dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
            return QBrush(QColor("#ff8a80") if dark else QColor("#b71c1c"))
        if (key == "transcript" and row.transcript == "") or (key == "device"
                                                              and not row.device) or (
                row.waiting and key in ("score", "flagged", "status", "transcript")):
            return QBrush(palette.color(QPalette.ColorRole.PlaceholderText))
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        if COLUMNS[column].key == REVIEW:  # the review order, whichever way the arrow points
            self.query = replace(self.query, sort=None, descending=False, order="priority")
        else:
            self.query = replace(self.query, sort=COLUMNS[column].key,
                                 descending=order == Qt.SortOrder.DescendingOrder)
        if self._loaded:  # else the view is being set up: the first set_query reads the rows
            self.reload()
