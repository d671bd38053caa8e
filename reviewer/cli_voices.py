"""`reviewer voices` and `reviewer check-archive`: who speaks in the library, and whether an
export is the user's (headless, over the same `Library` the GUI uses)."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from datetime import datetime
from typing import Any, TextIO

from reviewer.core.api import ArchiveCheck, DeviceError, Library, terminal_json, terminal_text

LABEL_WORDS = {"me": "me", "household": "household", "guest": "guest or TV",
               "not_ours": "NOT OURS", None: "not named"}


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("voices", help="the voices in your library (analyses new clips first); "
                                      "name them: me, household, guest, not-ours")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--no-analyse", action="store_true",
                   help="only list; do not analyse clips not analysed yet")
    vsub = p.add_subparsers(dest="voices_command", metavar="ACTION")
    n = vsub.add_parser("name", help="name a voice")
    n.add_argument("voice_id", type=int)
    n.add_argument("label", help="me | household | guest (or tv) | not-ours | none")
    e = vsub.add_parser("enrol", help="your own voice, averaged from 3+ of your clips")
    e.add_argument("clip_ids", type=int, nargs="+")
    vsub.add_parser("forget-enrolment", help="delete the averaged voice from `enrol`")
    d = sub.add_parser("devices", help="the devices that recorded and those your accounts "
                                       "list; say which are not yours")
    d.add_argument("--json", action="store_true", help="print JSON")
    dsub = d.add_subparsers(dest="devices_command", metavar="ACTION")
    m = dsub.add_parser("mark", help="say whether a device is yours (checked by check-archive)")
    m.add_argument("device", help="its serial or name, as `reviewer devices` shows it")
    m.add_argument("answer", choices=("ours", "not-ours", "none"))
    c = sub.add_parser("check-archive", help="is this export yours? verdicts with evidence and "
                                             "what to do (default: the newest import)")
    c.add_argument("--import", dest="import_id", type=int, metavar="N")
    c.add_argument("--json", action="store_true", help="print JSON")
    c.add_argument("--notice", choices=("en", "de"),
                   help="print the notice to the vendor (\"you sent me another person's data\")")
    c.add_argument("--delete-foreign", action="store_true",
                   help="delete the clips the verdicts point at from this library (to the "
                        "trash; `reviewer undo` restores them)")
    c.add_argument("--yes", action="store_true", help="do not ask before deleting")


def _json_default(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def _dump(value: object, out: TextIO) -> None:
    data = dataclasses.asdict(value)  # type: ignore[call-overload]
    out.write(terminal_json(json.dumps(data, indent=2, ensure_ascii=False,
                                       default=_json_default)) + "\n")


def cmd_voices(library: Library, args: argparse.Namespace) -> int:
    from reviewer.cli import UserError, _interruptible
    from reviewer.core.api import VoiceError

    try:
        if args.voices_command == "name":
            label = library.name_voice(args.voice_id, args.label)
            print(f"Voice {args.voice_id}: {LABEL_WORDS.get(label, label)}")
            return 0
        if args.voices_command == "enrol":
            library.enrol_voice(args.clip_ids)
            print(f"Your voice is enrolled from {len(args.clip_ids)} clips (only their "
                  "average is kept).")
            return 0
        if args.voices_command == "forget-enrolment":
            print("Enrolment deleted." if library.forget_enrolment() else "Nothing enrolled.")
            return 0
    except VoiceError as exc:
        raise UserError(str(exc)) from None
    if not args.no_analyse:
        with _interruptible() as (cancel, bar):
            report = library.analyse_voices(bar.update, cancel)
        if report.cancelled:
            print("Stopped. Run it again to continue with the clips not analysed yet.",
                  file=sys.stderr)
    summary = library.voices()
    if args.json:
        _dump(summary, sys.stdout)
        return 0
    print(f"Clips analysed: {summary.embedded} with a voice, {summary.too_short} too short to "
          f"judge (under 0.5 s of speech), {summary.no_speech} without speech"
          + (f", {summary.errors} unreadable" if summary.errors else "")
          + (f"; {summary.pending} not analysed yet" if summary.pending else ""))
    if not summary.voices:
        print("No voices found yet (a voice needs 3 or more clips).")
    for v in summary.voices:
        if v.kind == "enrolled":
            print(f"\nVoice {v.id}: your enrolled voice (me)")
            continue
        span = (f"{v.first:%Y-%m-%d} to {v.last:%Y-%m-%d}" if v.first and v.last else "-")
        print(f"\nVoice {v.id} ({LABEL_WORDS.get(v.label, v.label)}): {v.clips} clips, {span}"
              + (f", devices: {', '.join(v.devices)}" if v.devices else ""))
        for ex in v.examples:
            words = terminal_text(ex.transcript or "", one_line=True)[:60]
            print(f"  clip {ex.clip_id}  {ex.recorded_at:%Y-%m-%d %H:%M}  {ex.speech_s:.1f} s"
                  + (f"  \"{words}\"" if words else ""))
    if summary.unassigned:
        print(f"\n{summary.unassigned} clips belong to no voice (one-off voices such as the TV, "
              "or too little speech to be sure).")
    if any(v.label is None and v.kind == "cluster" for v in summary.voices):
        print("\nName a voice: reviewer voices name VOICE_ID me|household|guest|not-ours")
    return 0


MARK_WORDS = {"ours": "yours", "not_ours": "NOT YOURS", None: ""}


def cmd_devices(library: Library, args: argparse.Namespace) -> int:
    from reviewer.cli import UserError

    if args.devices_command == "mark":
        try:
            info = library.mark_device(args.device, args.answer)
        except DeviceError as exc:
            raise UserError(str(exc)) from None
        said = MARK_WORDS[info.mark] or "no answer"
        print(terminal_text(f"{info.name or info.key} ({info.key}): {said}", one_line=True))
        return 0
    devices = library.device_overview()
    if args.json:
        sys.stdout.write(terminal_json(json.dumps(
            [dataclasses.asdict(d) for d in devices], indent=2, ensure_ascii=False,
            default=_json_default)) + "\n")
        return 0
    if not devices:
        print("No devices yet: import an export first.")
    for d in devices:
        span = f"{d.first:%Y-%m-%d} to {d.last:%Y-%m-%d}" if d.first and d.last else "-"
        listed = ("listed" + (f", registered {d.registered:%Y-%m-%d}" if d.registered else "")
                  if d.listed else "not on any device list")
        mark = f"  [{MARK_WORDS[d.mark]}]" if d.mark else ""
        print(terminal_text(f"{d.name or '-'}  {d.serial or '-'}  {d.device_type or '-'}: "
                            f"{d.clips} clips, {span}; {listed}{mark}", one_line=True))
    if devices:
        print("\nNot yours? reviewer devices mark SERIAL_OR_NAME not-ours")
    return 0


def print_archive_warning(check: ArchiveCheck | None, out: TextIO) -> None:
    """After an import: the verdicts its records raised, in a few lines."""
    if check is None or not check.verdicts:
        return
    for verdict in check.verdicts:
        out.write(f"\n{verdict.title.upper()}\n")
        for line in verdict.evidence:
            out.write(f"  - {terminal_text(line, one_line=True)}\n")
    out.write(f"Evidence and what to do: reviewer check-archive --import {check.import_id}\n")


def cmd_check_archive(library: Library, args: argparse.Namespace) -> int:
    from reviewer.cli import UserError

    try:
        check = library.check_archive(args.import_id)
    except LookupError as exc:
        raise UserError(str(exc)) from None
    if check is None:
        raise UserError("there is nothing to check: import an export first")
    if args.notice:
        try:
            sys.stdout.write(library.archive_notice(check, args.notice))
        except ValueError as exc:
            raise UserError(str(exc)) from None
        return 0
    if args.json:
        _dump(check, sys.stdout)
    else:
        print(terminal_text(f"Import {check.import_id}: {check.label}", one_line=True))
        print(f"  {check.clips} clips, {check.embedded} with a voice analysed")
        if not check.verdicts:
            print("No sign that this export holds someone else's data.")
        for verdict in check.verdicts:
            print(f"\n{verdict.title.upper()}")
            print("Evidence:")
            for line in verdict.evidence:
                print(f"  - {terminal_text(line, one_line=True)}")
            print("What to do:")
            for line in verdict.advice:
                print(f"  - {line}")
        for note in check.notes:
            print(f"\nNote: {terminal_text(note, one_line=True)}")
    if args.delete_foreign:
        ids = sorted({c for v in check.verdicts for c in v.clip_ids})
        if not ids:
            print("No clips to delete.", file=sys.stderr)
            return 0
        if not args.yes:
            answer = input(f"Delete {len(ids)} clips from this library (to the trash)? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                print("Nothing deleted.")
                return 0
        report = library.delete(ids)
        print(f"Deleted {len(report.deleted)} clips from this library (`reviewer undo` "
              "restores them).", file=sys.stderr)
    return 0
