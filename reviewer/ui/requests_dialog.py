"""Deletion requests: create them from the clips marked R, read and export the letters, and
track them until the vendor answers (overdue ones stand out).

The app never sends anything: the user sends the letter through the vendor's own privacy
request page, so every export here (PDF, text, CSV, clipboard) is for the user to pass on.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, QMimeData, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QResizeEvent, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.api import (
    LANGUAGE_NAMES,
    ClipQuery,
    Decision,
    LetterDocument,
    Library,
    RequestInfo,
    RequestStatus,
    display_name,
    render_text,
)
from reviewer.ui.i18n import QT_TRANSLATE_NOOP, date_text
from reviewer.ui.pdf import SOFT_BREAK, SOFT_LEVELS, letter_html, write_letter_pdf

LAWS = {"gdpr": (QT_TRANSLATE_NOOP("RequestsDialog", "GDPR Art. 17 (EU, UK, EEA)"), "eu"),
        "ccpa": (QT_TRANSLATE_NOOP("RequestsDialog", "CCPA \u00a71798.105 (California)"),
                 "california")}
COLUMNS = ("#", QT_TRANSLATE_NOOP("RequestsDialog", "To"),
           QT_TRANSLATE_NOOP("RequestsDialog", "Clips"),
           QT_TRANSLATE_NOOP("RequestsDialog", "Status"),
           QT_TRANSLATE_NOOP("RequestsDialog", "Sent"),
           QT_TRANSLATE_NOOP("RequestsDialog", "Due"))
STATUS_NAMES: dict[str, str] = {
    RequestStatus.DRAFTED.value: QT_TRANSLATE_NOOP("RequestsDialog", "Drafted"),
    RequestStatus.SENT.value: QT_TRANSLATE_NOOP("RequestsDialog", "Sent"),
    RequestStatus.ANSWERED.value: QT_TRANSLATE_NOOP("RequestsDialog", "Answered")}


class LetterPreview(QTextBrowser):
    """The letter as it will read. Lines break only between words, so times and identifiers
    stay whole (Qt's default breaks anywhere: "2018-02-02T14:0" / "0:48Z" read as cut off).
    Identifiers too long for their column get invisible places to break after their
    separators, no more of them than the table needs to fit the pane (`pdf.soft_broken`'s
    levels, tried in turn whenever the pane's width changes), so the letter never scrolls
    sideways; a copy leaves those breaks out, so copied values are exact."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        # A letter is longer than the pane: a scroll bar that came and went with each
        # layout tried would change the width being fitted.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        # Fitted to the pane (below): what is left is the document's 1-pixel rounding, for
        # which Qt would show a scroll bar to move the letter sideways by one pixel.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._letter: LetterDocument | None = None
        self._fitted_width = -1
        self.level = 0  # the soft-break level shown
        self._fit_timer = QTimer(self, singleShot=True, interval=50)
        self._fit_timer.timeout.connect(self._fit)

    def show_letter(self, letter: LetterDocument) -> None:
        self._letter = letter
        self._fit()

    def show_html(self, text: str) -> None:
        self._letter = None
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.setHtml(text)

    def fits(self) -> bool:
        return self.document().size().width() <= self.viewport().width() + 1

    def _fit(self) -> None:
        if self._letter is None:
            return
        self._fitted_width = self.viewport().width()
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        bar = self.verticalScrollBar()
        where = bar.value()
        for level in range(SOFT_LEVELS + 1):
            self.level = level
            self.setHtml(letter_html(self._letter, soft_breaks=level))
            if self.fits():
                break
        else:  # a pane too narrow for any column: Qt's break-anywhere, never sideways
            self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        bar.setValue(where)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # (The viewport's size, as QAbstractScrollArea passes it.)
        if self._letter is not None and self.viewport().width() != self._fitted_width:
            self._fit_timer.start()

    def createMimeDataFromSelection(self) -> QMimeData:
        data = super().createMimeDataFromSelection()
        if data.hasText():
            data.setText(data.text().replace(SOFT_BREAK, ""))
        if data.hasHtml():
            data.setHtml(data.html().replace(SOFT_BREAK, ""))
        return data


def _day(value: date | None) -> str:
    return date_text(value) if value else ""


class SignerPrompt(QDialog):
    """Who signs the letters, asked before the first request is drafted (a first letter
    signed "[your name]" was the result otherwise); remembered for the next ones."""

    def __init__(self, name: str, email: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signerPrompt")
        self.setWindowTitle(self.tr("Who is asking?"))
        text = QLabel(self.tr(
            "The letter is signed with your name and the e-mail address of your Amazon or "
            "Google account: the vendor uses them to find your recordings. They stay on this "
            "computer, in the letters you send yourself."))
        text.setWordWrap(True)
        self.name = QLineEdit(name)
        self.name.setObjectName("signerName")
        self.name.setPlaceholderText(self.tr("as on your account"))
        self.email = QLineEdit(email)
        self.email.setObjectName("signerEmail")
        self.email.setPlaceholderText(self.tr("the e-mail address of the account"))
        form = QFormLayout()
        form.addRow(self.tr("Your &name:"), self.name)
        form.addRow(self.tr("Account &e-mail:"), self.email)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Create the requests"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for edit in (self.name, self.email):
            edit.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._check()

    def _check(self) -> None:
        """Both are needed: a letter without them cannot be matched to an account."""
        email = self.email.text().strip()
        ready = bool(self.name.text().strip()) and "@" in email and "." in email.split("@")[-1]
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def signer(self) -> tuple[str, str]:
        return self.name.text().strip(), self.email.text().strip()


class DatePrompt(QDialog):
    """Ask for a day (default today, never in the future)."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.edit = QDateEdit(QDate.currentDate())
        self.edit.setCalendarPopup(True)
        self.edit.setMaximumDate(QDate.currentDate())
        # The language's own way of writing a date (05.03.24 in German).
        self.edit.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        label = QLabel(text)
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        layout.addWidget(buttons)

    def day(self) -> date:
        d = self.edit.date()
        return date(d.year(), d.month(), d.day())


class RequestsDialog(QDialog):
    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setWindowTitle(self.tr("Deletion requests"))
        self.setObjectName("requestsDialog")
        # 1100×720 where there is room; on a 1024×640 screen it reached past the edges.
        screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        self.resize(min(1100, room.width() - 40) if room else 1100,
                    min(720, room.height() - 60) if room else 720)
        intro = QLabel(self.tr(
            "Ask Amazon or Google to erase recordings from their servers. Mark clips with "
            "<b>R</b> in the review list, then create the requests here: one letter per "
            "vendor and account, citing the law and listing every recording exactly. "
            "Nothing is sent by this app \u2014 you send the letter yourself, then mark it "
            "as sent so the legal deadline can be tracked. Importing a newer export later "
            "checks whether the recordings are really gone."))
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("requestsTable")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.
                                                           ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.law = QComboBox()
        for code, (label, _region) in LAWS.items():
            self.law.addItem(self.tr(label), code)
        self.language = QComboBox()
        for code, label in LANGUAGE_NAMES.items():
            self.language.addItem(label, code)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("as on your account"))
        self.email = QLineEdit()
        self.email.setPlaceholderText(self.tr("the e-mail address of the account"))
        self.law.activated.connect(self._edit_draft)
        self.language.activated.connect(self._edit_draft)
        self.name.editingFinished.connect(self._edit_draft)
        self.email.editingFinished.connect(self._edit_draft)
        form = QFormLayout()
        form.addRow(self.tr("Law"), self.law)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Your name"), self.name)
        form.addRow(self.tr("Account e-mail"), self.email)
        self.draft_form = QWidget()
        self.draft_form.setLayout(form)

        self.preview = LetterPreview()
        self.preview.setObjectName("letterPreview")
        # Where to send it: not part of the letter, in the letter's language.
        self.guidance = QTextBrowser()
        self.guidance.setObjectName("requestGuidance")
        self.guidance.setMaximumHeight(96)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.draft_form)
        right_layout.addWidget(self.preview, 1)
        right_layout.addWidget(self.guidance)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(right)
        split.setSizes([500, 600])

        self.btn_create = QPushButton(self.tr("Create from marked clips"))
        self.btn_create.clicked.connect(self.create)
        self.btn_pdf = QPushButton(self.tr("Save PDF\u2026"))
        self.btn_pdf.clicked.connect(lambda: self.save_pdf())
        self.btn_files = QPushButton(self.tr("Save text and CSV\u2026"))
        self.btn_files.clicked.connect(lambda: self.save_files())
        self.btn_copy = QPushButton(self.tr("Copy text"))
        self.btn_copy.setToolTip(self.tr("The letter as plain text, for the vendor's contact "
                                         "form"))
        self.btn_copy.clicked.connect(self.copy_text)
        self.btn_sent = QPushButton(self.tr("Mark as sent\u2026"))
        self.btn_sent.clicked.connect(lambda: self.mark_sent())
        self.btn_answered = QPushButton(self.tr("Mark answered\u2026"))
        self.btn_answered.clicked.connect(lambda: self.mark_answered())
        self.btn_discard = QPushButton(self.tr("Discard draft"))
        self.btn_discard.clicked.connect(self.discard)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for b in (self.btn_create, self.btn_pdf, self.btn_files, self.btn_copy,
                  self.btn_sent, self.btn_answered, self.btn_discard):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.infos: list[RequestInfo] = []
        self.marked = 0
        self.refresh()

    # --- state ---------------------------------------------------------------------------

    def refresh(self, select: int | None = None) -> None:
        keep = select if select is not None else self.selected_id()
        self.infos = self.library.requests()
        self.table.setRowCount(len(self.infos))
        for row, info in enumerate(self.infos):
            name = STATUS_NAMES.get(str(info.status))
            status = self.tr(name) if name else info.status.capitalize()
            if info.overdue and info.days_left is not None:
                status = self.tr("Overdue by %n day(s)", "", -info.days_left)
            elif info.days_left is not None:
                status = self.tr("Sent \u2014 %n day(s) left", "", info.days_left)
            if info.found_again:
                status += "; " + self.tr("%n still there", "", len(info.found_again))
            to = display_name(info.vendor)
            if info.account:
                to += f" \u00b7 {info.account}"
            if info.follow_up_of:
                to += " " + self.tr("(follow-up to #{number})").format(
                    number=info.follow_up_of)
            cells = (str(info.id), to, str(len(info.items)), status, _day(info.sent),
                     _day(info.due))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, info.id)
                law = LAWS.get(info.law)
                item.setToolTip(f"{self.tr(law[0]) if law else info.law}, "
                                f"{LANGUAGE_NAMES.get(info.language, info.language)}")
                if info.overdue:
                    item.setForeground(QBrush(QColor("#b00020")))
                    bold = QFont()
                    bold.setBold(True)
                    item.setFont(bold)
                self.table.setItem(row, col, item)
        # Only what Create would still take: clips already in a request are not counted again.
        marked = self.library.count_clips(ClipQuery(decision=Decision.DELETE_REQUEST,
                                                    include_deleted=True, in_request=False))
        self.marked = marked
        self.btn_create.setText(self.tr("Create from marked clips ({count})").format(
            count=marked))
        ids = [i.id for i in self.infos]
        if keep in ids:
            self.table.selectRow(ids.index(keep))
        elif ids:
            self.table.selectRow(0)
        self._selection_changed()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return int(value) if value is not None else None

    def selected(self) -> RequestInfo | None:
        rid = self.selected_id()
        return next((i for i in self.infos if i.id == rid), None)

    def _selection_changed(self) -> None:
        info = self.selected()
        status = info.status if info is not None else None
        draft = status == RequestStatus.DRAFTED
        for b in (self.btn_pdf, self.btn_files, self.btn_copy):
            b.setEnabled(info is not None)
        self.btn_sent.setEnabled(draft)
        self.btn_discard.setEnabled(draft)
        self.btn_answered.setEnabled(status == RequestStatus.SENT)
        self.draft_form.setEnabled(draft)
        if info is None:
            self.preview.show_html("<p>" + self.tr(
                "No requests yet. Mark the clips you want the vendor to erase with <b>R</b>, "
                "then press <i>Create from marked clips</i>.") + "</p>")
            self.guidance.clear()
            return
        for combo, value in ((self.law, info.law), (self.language, info.language)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.name.setText(info.requester_name or "")
        self.email.setText(info.requester_email or "")
        doc = self.library.request_letter(info.id)
        self.preview.show_letter(doc)
        self.guidance.setHtml("<br>".join(html.escape(line) for line in doc.guidance))

    # --- actions -------------------------------------------------------------------------

    def _edit_draft(self) -> None:
        info = self.selected()
        if info is None or info.status != RequestStatus.DRAFTED:
            return
        region = LAWS[str(self.law.currentData())][1]
        if self.name.text().strip() and self.email.text().strip():
            # A correction here is what the next letters should say too.
            self._remember_signer(self.name.text().strip(), self.email.text().strip())
        self.library.update_request(info.id, region=region,
                                    language=str(self.language.currentData()),
                                    name=self.name.text().strip(),
                                    email=self.email.text().strip())
        self.refresh(info.id)

    def _remember_signer(self, name: str, email: str) -> None:
        settings = self.library.settings()
        if (settings.request_name, settings.request_email) != (name, email):
            settings.request_name, settings.request_email = name, email
            settings.save(self.library.settings_path)

    def create(self) -> None:  # type: ignore[override]  # not QWidget.create: a use case
        settings = self.library.settings()
        name, email = settings.request_name, settings.request_email
        if self.marked and not (name and email):
            prompt = SignerPrompt(name, email, self)
            if prompt.exec() != QDialog.DialogCode.Accepted:
                return
            name, email = prompt.signer()
            self._remember_signer(name, email)
        result = self.library.create_requests(name=name, email=email)
        first = result.requests[0].id if result.requests else None
        self.refresh(first)
        lines = [self.tr("{recordings} put into {requests}.").format(
            recordings=self.tr("%n recording(s)", "", result.added),
            requests=self.tr("%n request(s)", "", len(result.requests)))]
        if result.skipped:
            lines.append(self.tr("%n marked clip(s) cannot be requested from a vendor (e.g. "
                                 "{example}).", "", len(result.skipped)).format(
                example=result.skipped[0][1]))
        if not result.added and not result.skipped:
            lines = [self.tr("Every clip marked for a deletion request is already in a "
                             "request. Mark more clips with R first.")]
        QMessageBox.information(self, self.tr("Deletion requests"), "\n".join(lines))

    def save_pdf(self, path: Path | None = None) -> Path | None:
        info = self.selected()
        if info is None:
            return None
        doc = self.library.request_letter(info.id)
        if path is None:
            default = Path.home() / f"deletion-request-{info.id}-{info.vendor}.pdf"
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save the letter as PDF (the list as CSV beside it)"),
                str(default), "PDF (*.pdf)")
            if not chosen:
                return None
            path = Path(chosen)
        write_letter_pdf(path, doc)
        # The letter says "The same list is enclosed as a CSV file": write it beside the PDF.
        csv_path = path.with_suffix(".csv")
        csv_path.write_text(self.library.render_request(info.id, "csv"), encoding="utf-8",
                            newline="")
        window = self.parentWidget()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(
                self.tr("Saved {path} and the list {name}").format(path=path,
                                                                    name=csv_path.name), 8000)
        return path

    def save_files(self, folder: Path | None = None) -> list[Path]:
        info = self.selected()
        if info is None:
            return []
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(
                self, self.tr("Folder for the letter (.txt) and the list (.csv)"),
                str(Path.home()))
            if not chosen:
                return []
            folder = Path(chosen)
        written = self.library.write_request_files(info.id, folder)
        QMessageBox.information(self, self.tr("Deletion requests"),
                                self.tr("Saved:") + "\n" + "\n".join(str(p) for p in written))
        return written

    def copy_text(self) -> str:
        info = self.selected()
        if info is None:
            return ""
        # Contact forms take no attachments: the sentence about the CSV is left out.
        text = render_text(self.library.request_letter(info.id), attachments=False)
        QGuiApplication.clipboard().setText(text)
        return text

    def mark_sent(self, day: date | None = None) -> None:
        info = self.selected()
        if info is None:
            return
        if day is None:
            prompt = DatePrompt(self.tr("Mark as sent"),
                                self.tr("On which day did you send this request? The legal "
                                        "deadline runs from that day."), self)
            if prompt.exec() != QDialog.DialogCode.Accepted:
                return
            day = prompt.day()
        self.library.mark_sent(info.id, day)
        self.refresh(info.id)

    def mark_answered(self, day: date | None = None) -> None:
        info = self.selected()
        if info is None:
            return
        if day is None:
            prompt = DatePrompt(self.tr("Mark answered"),
                                self.tr("On which day did the vendor answer? Import a newer "
                                        "export later to check the recordings are gone."),
                                self)
            if prompt.exec() != QDialog.DialogCode.Accepted:
                return
            day = prompt.day()
        self.library.mark_answered(info.id, day)
        self.refresh(info.id)

    def discard(self) -> None:
        info = self.selected()
        if info is None:
            return
        self.library.discard_request(info.id)
        self.refresh()
