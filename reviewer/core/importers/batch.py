"""Several exports in one import: which inputs belong together, and one report per export.

The user may hand over anything at once: the parts of a Takeout download, Amazon's separate
zips (`Alexa.zip`, `Devices.Registration.zip`, `Amazon-Music.zip`, ...), a folder of
recordings. Each *export* is detected and imported on its own (one import record, one
report section), so a Takeout can never decide the format of an Alexa zip beside it:

* the parts of one multi-part download (`takeout-…-001.zip`, `-002.zip`) are one export,
  whichever of them were given (`source.sibling_parts` finds the others);
* Amazon's per-service zips from one folder are one export: Amazon delivers one download as
  many zips, and only `Alexa.zip` holds voice history (the others hold the device list, or
  nothing for this app);
* every other path is an export of its own.

An input that yields no clip is never passed over: it is named in `failures` with the
reason, and the other exports are still imported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reviewer.core.importers.pipeline import ImportReport
from reviewer.core.importers.source import ExportError, sibling_parts
from reviewer.core.messages import Msg, message_of
from reviewer.core.progress import CancelToken, Progress, ProgressCallback

# The names Amazon gives the zips of one "Request Your Data" download: `Alexa.zip`,
# `Amazon-Music.zip`, and `Service.Dataset[.n].zip` (`Devices.Registration.zip`,
# `Retail.OrderHistory.1.zip`, `Digital.Content.Ownership.zip`, ...). A browser's copy
# suffix (`Alexa (1).zip`) is allowed.
_AMAZON_PART = re.compile(
    r"(?:alexa|amazon[-_ .][\w.-]*|devices\.[\w.-]+|(?:retail|digital|kindle|audible|appstore"
    r"|amazonsmile|primevideo|paymentoptions|outboundnotifications|physicalstores|wholefoods"
    r"|customercommunicationexperience|advertising|location|beneficiaries|subscriptions"
    r"|billing)\.?[\w.-]*)(?: ?\(\d+\))?\.zip", re.IGNORECASE)


@dataclass(frozen=True)
class InputFailure:
    """Inputs that gave no clip (or could not be read), and why, in plain words."""

    inputs: list[str]
    message: str


@dataclass
class ImportBatchReport:
    """One `ImportReport` per export imported, and every input that gave nothing."""

    exports: list[ImportReport] = field(default_factory=list)
    failures: list[InputFailure] = field(default_factory=list)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.failures and not self.cancelled

    def to_dict(self) -> dict[str, Any]:
        return {"exports": [r.to_dict() for r in self.exports],
                "failures": [{"inputs": f.inputs, "message": f.message} for f in self.failures],
                "cancelled": self.cancelled}


def is_amazon_part(path: Path) -> bool:
    """Named like one of the zips of an Amazon "Request Your Data" download."""
    return path.is_file() and _AMAZON_PART.fullmatch(path.name) is not None


def group_inputs(inputs: Sequence[Path]) -> list[list[Path]]:
    """The inputs split into exports, in the order first given; each a list of paths."""
    groups: list[list[Path]] = []
    parts_of: dict[Path, int] = {}  # a resolved part -> its group
    amazon_folder: dict[Path, int] = {}  # a folder holding Amazon zips -> their group
    for raw in inputs:
        path = Path(raw)
        if not path.exists():
            groups.append([path])  # reported by the import as missing
            continue
        parts = [p.resolve() for p in (sibling_parts(path) if path.is_file() else [path])]
        known = next((parts_of[p] for p in parts if p in parts_of), None)
        if known is None and is_amazon_part(path):
            known = amazon_folder.get(path.resolve().parent)
        if known is None:
            known = len(groups)
            groups.append([])
        if path.resolve() not in {p.resolve() for p in groups[known]}:
            groups[known].append(path)
        for p in parts:
            parts_of.setdefault(p, known)
        if is_amazon_part(path):
            amazon_folder.setdefault(path.resolve().parent, known)
    return [g for g in groups if g]


ImportOne = Callable[[list[Path], ProgressCallback | None], ImportReport]


def run_imports(inputs: Sequence[Path], import_one: ImportOne,
                progress: ProgressCallback | None = None,
                cancel: CancelToken | None = None) -> ImportBatchReport:
    """Import each export among `inputs` on its own with `import_one` (the library's single
    export import: `run_import` behind its guards); see the module doc. With several
    exports, each progress phase says which export it is ("Export 2 of 3: ...")."""
    batch = ImportBatchReport()
    groups = group_inputs(inputs)
    for n, group in enumerate(groups, start=1):
        if cancel is not None and cancel.cancelled:
            batch.cancelled = True
            break
        shown = [str(p) for p in group]
        try:
            report = import_one(group, _numbered(progress, n, len(groups)))
        except ExportError as exc:
            batch.failures.append(InputFailure(shown, message_of(exc)))
            continue
        batch.exports.append(report)
        if report.cancelled:
            batch.cancelled = True
            break
        if report.records_found == 0:
            batch.failures.append(InputFailure(shown, _nothing_found(group, report)))
    return batch


def _numbered(progress: ProgressCallback | None, n: int,
              count: int) -> ProgressCallback | None:
    if progress is None or count == 1:
        return progress
    target = progress

    def say(p: Progress) -> None:
        target(replace(p, phase=f"Export {n} of {count}: {p.phase}"))

    return say


def _nothing_found(group: Sequence[Path], report: ImportReport) -> str:
    names = ", ".join(p.name or str(p) for p in group)
    if report.devices_registered:
        return Msg("{names}: no voice recordings in it; only its list of {n} registered "
                   "device(s) was kept. Amazon puts the recordings in Alexa.zip: import that "
                   "too.", names=names, n=report.devices_registered)
    left = sum(report.left_out.values())
    if left:
        return Msg("{names}: no voice recordings found in it ({n} file(s) that are not voice "
                   "history). Nothing was imported from it.", names=names, n=left)
    return Msg("{names}: no voice recordings found in it. Nothing was imported from it.",
               names=names)


__all__ = ["ImportBatchReport", "InputFailure", "group_inputs", "is_amazon_part",
           "run_imports"]
