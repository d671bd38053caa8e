"""Which importer reads an export: the most confident one, unless the user forces one."""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.core.importers import alexa, folder, google
from reviewer.core.importers.records import Importer
from reviewer.core.importers.source import ExportError, ExportSource, explain_nothing_found
from reviewer.core.messages import Msg

IMPORTERS: dict[str, Importer] = {
    "google": google.importer,
    "amazon": alexa.importer,
    "folder": folder.importer,
}
# What the user reads in reports.
FORMAT_NAMES = {"google": "Google Takeout", "amazon": "Amazon Alexa",
                "folder": "folder of recordings"}
# Names users may type for --format.
FORMAT_ALIASES = {"google": "google", "takeout": "google", "amazon": "amazon",
                  "alexa": "amazon", "folder": "folder"}


@dataclass(frozen=True)
class Detection:
    importer: Importer
    forced: bool
    scores: dict[str, int]


def choose_importer(source: ExportSource, forced: str | None = None) -> Detection:
    scores = {name: imp.detect(source) for name, imp in IMPORTERS.items()}
    if forced is not None:
        key = FORMAT_ALIASES.get(forced.lower())
        if key is None:
            raise ExportError(Msg("unknown format {name}; choose one of {names}",
                                  name=repr(forced),
                                  names=", ".join(sorted(set(FORMAT_ALIASES)))))
        return Detection(IMPORTERS[key], True, scores)
    best = max(scores, key=lambda n: scores[n])
    if scores[best] <= 0:
        shown = ", ".join(str(r) for r in source.roots)
        if (why := explain_nothing_found(source)) is not None:
            raise ExportError(Msg("{names}: no voice history could be read: {why}.",
                                  names=shown, why=why))
        raise ExportError(Msg(
            "{names}: no voice history found. This does not look like a Google Takeout "
            "(My Activity > Assistant), an Amazon Alexa data export, or a folder of "
            "recordings.", names=shown))
    return Detection(IMPORTERS[best], False, scores)
