"""The first thing a new user sees: what the app does, where data stays, how to get an export.

The export instructions name the vendor's menus as the user sees them in the interface's
language (amazon.de and Google in German for a German interface), so each step is its own
translatable message.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)


class WelcomePage(QWidget):
    importRequested = Signal()
    sampleRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        text = QLabel(self.welcome_html())
        text.setObjectName("welcomeText")
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setMaximumWidth(820)
        text.setAccessibleName(self.tr("About Voice History Reviewer"))
        self.import_button = QPushButton(self.tr("Import an export\u2026"))
        self.import_button.setAccessibleName(self.tr("Import an export"))
        self.import_button.setToolTip(self.tr("Choose the zip(s) or folder you downloaded "
                                              "(Ctrl+O)"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.importRequested)
        self.sample_button = QPushButton(self.tr("Open the sample export"))
        self.sample_button.setAccessibleName(self.tr("Open the sample export"))
        self.sample_button.setToolTip(self.tr("Try the app on a small made-up Google export"))
        self.sample_button.clicked.connect(self.sampleRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(text)
        column.addLayout(buttons)
        column.addStretch(2)
        content = QWidget()
        content.setObjectName("welcomeContent")
        centred = QHBoxLayout(content)
        centred.addStretch(1)
        centred.addLayout(column, 4)
        centred.addStretch(1)
        # The page scrolls on a small screen; unscrolled, its full height was the minimum of
        # the window's page stack (a stack is as tall as its tallest page), review page too.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def welcome_html(self) -> str:
        amazon = [
            self.tr("On amazon.com open <i>Account &amp; Lists &rsaquo; Request Your "
                    "Data</i>."),
            self.tr("Choose <i>Alexa</i> and submit the request."),
            self.tr("When Amazon's e-mail arrives (a few days), download every file it "
                    "offers."),
            self.tr("Import the zip(s) here."),
        ]
        google = [
            self.tr("Open Google Takeout and click <i>Deselect all</i>."),
            self.tr("Tick <i>My Activity</i>; include <i>Assistant</i>; choose <b>JSON</b> "
                    "as the format."),
            self.tr("Create the export and download it (large ones come in several zips)."),
            self.tr("Import the zip(s) here &mdash; all parts at once, or drop them on this "
                    "window."),
        ]

        def steps(items: list[str]) -> str:
            return "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"

        return (
            "<h1>Voice History Reviewer</h1>"
            '<p style="font-size:large">'
            + self.tr("Find the recordings your smart speaker made when nobody was talking "
                      "to it &mdash; and get rid of them.") + "</p><p>"
            + self.tr("Load the voice history you downloaded from Amazon or Google. Every "
                      "clip is transcribed <b>on this computer</b>, the ones that look "
                      "accidental are flagged with the reasons why, and you can listen to "
                      "them and mark the ones you want gone.") + "</p><p><b>"
            + self.tr("Your recordings never leave this computer.") + "</b> "
            + self.tr("Nothing is uploaded, and the app makes no network connections.")
            + "</p>"
            '<table cellspacing="12"><tr>'
            '<td valign="top" width="50%"><h3>Amazon Alexa</h3>' + steps(amazon) + "</td>"
            '<td valign="top" width="50%"><h3>Google Assistant</h3>' + steps(google)
            + "</td></tr></table>")
