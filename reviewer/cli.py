"""`reviewer`: with no arguments the desktop app, with a subcommand a headless tool.

Every command calls the same `reviewer.core.library.Library` the GUI uses. User mistakes and
bad input end with one plain message on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import textwrap
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn, TextIO

from reviewer import APP_NAME, __version__, cli_voices
from reviewer.config import DATA_DIR_ENV, DataDirError, resolve_paths
from reviewer.core.api import (
    FORMAT_ALIASES,
    FORMAT_NAMES,
    LANGUAGES,
    PRESETS,
    REGIONS,
    VENDOR_IDS,
    CalibrationError,
    CancelToken,
    ClipExportError,
    ClipInfo,
    ClipQuery,
    Decision,
    DeleteReport,
    ExportError,
    ImportBatchReport,
    ImportReport,
    LanguageProposal,
    Library,
    ModelError,
    Progress,
    RequestError,
    RequestInfo,
    StoreError,
    VerifyReport,
    WeightsError,
    WorkerError,
    asks_vendor,
    check_database,
    display_name,
    parse_timestamp,
    storage_problem,
    terminal_json,
    terminal_text,
    texts_for,
    utc_iso,
)

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UserError(Exception):
    """A problem the user can fix; printed as one line, no traceback."""


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors worded like every other error: `reviewer: error: …`."""

    commands: frozenset[str] = frozenset()  # the subcommands' names, set by build_parser

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"reviewer: error: {message}\n")


def build_parser() -> _Parser:
    parser = _Parser(
        prog="reviewer",
        description=f"{APP_NAME}: review your smart-speaker voice history on this computer. "
                    "Run without a command to open the app; with "
                    "exports (reviewer PATH...) to open the app and import them.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help=f"library location (default: ${DATA_DIR_ENV}, else your "
                             "user data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("import", help="import an export (zip, all parts of a multi-part "
                                      "download, or a folder)")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--format", choices=sorted(FORMAT_ALIASES),
                   help="skip detection and read the export as this format")
    p.add_argument("--json", metavar="FILE", type=Path,
                   help="also write the import report as JSON to FILE ('-' for stdout)")

    p = sub.add_parser("list", help="list clips")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.add_argument("--flagged", action="store_true", help="only clips flagged as accidental")
    _add_clip_filters(p)
    p.add_argument("--limit", type=int)

    p = sub.add_parser("transcribe", help="transcribe clips on this computer with Whisper "
                                          "(resumes where it stopped)")
    p.add_argument("--model", default="tiny.en",
                   help="tiny.en (bundled, default), base (multilingual, optional extra) or "
                        "the folder of a converted Whisper model")
    p.add_argument("--limit", type=int, metavar="N", help="transcribe at most N clips")

    p = sub.add_parser("flag", help="score every clip and flag the ones that look accidental")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--threshold", type=int, metavar="N", help="flag clips scoring N or more")
    g.add_argument("--preset", choices=PRESETS,
                   help="careful: fewer, surer flags; thorough: catch more")

    p = sub.add_parser("explain", help="why a clip got its score")
    p.add_argument("clip_id", type=int, metavar="CLIP_ID")

    p = sub.add_parser("decide", help="answer for clips: delete or keep my copy (the flagger "
                       "learns from it), and ask the vendor to delete theirs or not")
    p.add_argument("clip_ids", type=int, nargs="+", metavar="CLIP_ID")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--accidental", dest="decision", action="store_const", const=Decision.ACCIDENTAL,
                   help="recorded by mistake: delete my copy (and, unless told otherwise, ask "
                        "Amazon or Google to delete theirs)")
    g.add_argument("--keep", dest="decision", action="store_const", const=Decision.KEEP,
                   help="meant to be recorded: keep my copy")
    g.add_argument("--clear", dest="decision", action="store_const", const="",
                   help="undecided: clear both answers")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--request-deletion", dest="ask", action="store_const", const="yes",
                   help="ask the vendor to delete their copy (a deletion request lists it)")
    g.add_argument("--no-request", dest="ask", action="store_const", const="no",
                   help="do not ask the vendor")
    g.add_argument("--request-default", dest="ask", action="store_const", const="default",
                   help="back to the default: ask for accidental clips, not for others")

    p = sub.add_parser("calibrate", help="refit the flagging weights from your decisions")
    p.add_argument("--dry-run", action="store_true", help="show the result, keep the weights")

    p = sub.add_parser("scan", help="import, transcribe and flag in one go, writing JSON")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--json", metavar="OUT", type=Path, required=True,
                   help="write one object per clip to OUT ('-' for stdout)")
    p.add_argument("--format", choices=sorted(FORMAT_ALIASES))
    p.add_argument("--model", default="tiny.en")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--threshold", type=int, metavar="N")
    g.add_argument("--preset", choices=PRESETS)

    sub.add_parser("info", help="library location and what is in it")

    p = sub.add_parser("delete", help="delete clips: audio, transcripts and scores go to the "
                                      "trash; each clip stays listed as deleted")
    p.add_argument("clip_ids", type=int, nargs="*", metavar="CLIP_ID")
    p.add_argument("--flagged", action="store_true", help="every clip flagged as accidental")
    p.add_argument("--permanent", action="store_true",
                   help="delete the files instead of moving them to the trash (no undo)")
    p.add_argument("--from-export", action="store_true",
                   help="also remove the recordings from the export files they were "
                        "imported from (a zip gets a verified cleaned copy)")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    p = sub.add_parser("export", help="copy clips' recordings and a CSV of their times, "
                                      "devices and transcripts into a new folder or zip")
    p.add_argument("clip_ids", type=int, nargs="*", metavar="CLIP_ID")
    p.add_argument("--out", type=Path, metavar="DIR", required=True,
                   help="the folder to put the export in (a new folder or zip is made inside)")
    p.add_argument("--zip", action="store_true", help="write one zip instead of a folder")
    p.add_argument("--wav", action="store_true",
                   help="convert the recordings to WAV (for players that cannot open the "
                        "vendor's format)")
    p.add_argument("--all", action="store_true", help="every clip (with the filters below)")
    p.add_argument("--flagged", action="store_true", help="clips flagged as accidental")
    _add_clip_filters(p)

    sub.add_parser("undo", help="undo the last delete while its files are still in the trash")

    p = sub.add_parser("request", help="deletion requests to the vendor (GDPR / CCPA letters)")
    rsub = p.add_subparsers(dest="request_command", metavar="ACTION", required=True)
    r = rsub.add_parser("create", help="draft a letter + CSV per vendor and account for the "
                                       "clips marked --request-deletion")
    r.add_argument("--language", choices=LANGUAGES, help="language of the letter (default: "
                                                         "from the settings, else en)")
    r.add_argument("--region", choices=sorted(REGIONS),
                   help="eu: GDPR Art. 17; california: CCPA § 1798.105 (default: settings)")
    r.add_argument("--name", help="your name, to sign the letter")
    r.add_argument("--email", help="the e-mail address of your account with the vendor")
    r.add_argument("--out", type=Path, metavar="DIR",
                   help="write the files here (default: requests/ in the library folder)")
    rsub.add_parser("list", help="every request: status, due date, OVERDUE")
    r = rsub.add_parser("show", help="a request's clips and its letter")
    r.add_argument("request_id", type=int, metavar="ID")
    r.add_argument("--csv", action="store_true", help="print the CSV instead of the letter")
    r.add_argument("--out", type=Path, metavar="DIR", help="also write the letter and CSV here")
    r = rsub.add_parser("mark-sent", help="record the day you sent it (the deadline runs "
                                          "from it)")
    r.add_argument("request_id", type=int, metavar="ID")
    r.add_argument("--date", metavar="YYYY-MM-DD", help="default: today")
    r = rsub.add_parser("mark-answered", help="record the day the vendor answered")
    r.add_argument("request_id", type=int, metavar="ID")
    r.add_argument("--date", metavar="YYYY-MM-DD", help="default: today")
    r.add_argument("--note", help="what the vendor said (a case number, ...)")
    r = rsub.add_parser("discard", help="delete a draft (its clips can be requested again)")
    r.add_argument("request_id", type=int, metavar="ID")

    p = sub.add_parser("verify", help="import a newer export and check whether the vendor "
                                      "deleted the recordings you asked it to")
    p.add_argument("paths", nargs="+", type=Path, metavar="NEW_EXPORT")
    p.add_argument("--format", choices=sorted(FORMAT_ALIASES))

    p = sub.add_parser("language", help="the library's language (from labels, titles, "
                                        "folder names, transcripts) and whether the "
                                        "multilingual model is needed")
    p.add_argument("--detect", type=int, default=0, metavar="N",
                   help="also let Whisper base detect the language of N clips")
    p.add_argument("--use-multilingual", action="store_true",
                   help="make the multilingual model (base) this library's speech model")

    p = sub.add_parser("models", help="the speech models: which are here, how to get the "
                                      "multilingual one, add a language pack")
    msub = p.add_subparsers(dest="models_command", metavar="list|add|pack")
    msub.add_parser("list", help="each model, whether it is here, how to get it (default)")
    m = msub.add_parser("add", help="add the multilingual model from a language pack (.zip or "
                                    "folder); its SHA-256 is checked")
    m.add_argument("pack", type=Path, metavar="FILE_OR_FOLDER")
    m = msub.add_parser("pack", help="write the installed multilingual model as a language "
                                     "pack zip, for a copy of the app installed without pip")
    m.add_argument("out", type=Path, metavar="OUT_ZIP")

    cli_voices.add_parsers(sub)
    p = sub.add_parser("selftest", help="check this installation: load the bundled model, "
                                        "import, transcribe and flag the sample export in a "
                                        "temporary library (your library is not touched)")
    p.add_argument("--model", default="tiny.en", help=argparse.SUPPRESS)
    sub.add_parser("doctor", help="check the library database (SQLite integrity check, "
                                  "read-only) and say what to do if it is damaged")
    parser.commands = frozenset(sub.choices)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    opened = _paths_to_open(args_list, parser)
    if opened is not None:  # `reviewer EXPORT...`, a file manager's "Open with" (%F)
        options, paths = opened
        return _open_gui(parser.parse_args(options), parser, paths)
    args = parser.parse_args(args_list)
    if args.command is None:
        return _open_gui(args, parser)
    if args.command == "selftest":  # uses a temporary library, never the user's
        from reviewer.selftest import run_selftest

        return EXIT_OK if run_selftest(sys.stdout, model=args.model).ok else EXIT_ERROR
    if args.command == "doctor":  # works on a library too damaged to open
        return cmd_doctor(args)
    try:
        with Library.open(args.data_dir) as library:
            print_reconciled(library, sys.stderr)
            handler = {"import": cmd_import, "list": cmd_list, "info": cmd_info,
                       "request": cmd_request, "verify": cmd_verify,
                       "transcribe": cmd_transcribe, "flag": cmd_flag, "explain": cmd_explain,
                       "decide": cmd_decide, "calibrate": cmd_calibrate,
                       "delete": cmd_delete, "undo": cmd_undo, "export": cmd_export,
                       "scan": cmd_scan, "models": cmd_models,
                       "language": cmd_language,
                       "voices": cli_voices.cmd_voices, "devices": cli_voices.cmd_devices,
                       "check-archive": cli_voices.cmd_check_archive}[args.command]
            code = handler(library, args)
            sys.stdout.flush()  # a closed pipe (`| head`) fails here, where it is handled
            return code
    except (UserError, ExportError, StoreError, DataDirError, ModelError, WorkerError,
            WeightsError, CalibrationError, RequestError, ClipExportError) as exc:
        print(f"reviewer: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("reviewer: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `reviewer list | head`: the reader has gone. Point stdout at nothing so the flush at
        # exit does not fail again, and end quietly as other command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_ERROR
    except Exception as exc:
        # A full disk or a damaged database: what happened and what to do, not a traceback.
        problem = storage_problem(exc, resolve_paths(args.data_dir).data_dir)
        if problem is None:
            raise
        print(f"reviewer: error: {problem}", file=sys.stderr)
        return EXIT_ERROR


def cmd_doctor(args: argparse.Namespace) -> int:
    paths = resolve_paths(args.data_dir)
    health = check_database(paths.db_path, paths.backup_dir)
    if health.ok:
        print(f"The library database is healthy ({paths.db_path}).")
        for line in health.advice:
            print(line)
        return EXIT_OK
    print(f"The library database is damaged ({paths.db_path}). SQLite's integrity check says:")
    for line in health.problems:
        print(f"  {line}")
    print("What you can do:")
    for n, line in enumerate(health.advice, start=1):
        print(textwrap.fill(line, 96, initial_indent=f"  {n}. ", subsequent_indent="     "))
    return EXIT_ERROR


def _paths_to_open(args: list[str], parser: _Parser) -> tuple[list[str], list[Path]] | None:
    """`reviewer [--data-dir DIR] PATH...` where no PATH is a command but every one exists:
    the options and the paths to open in the app. None for anything else, which argparse
    then reads as usual (so a mistyped command still gets its "invalid choice")."""
    options: list[str] = []
    positional: list[str] = []
    dashes = False
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--data-dir" and i + 1 < len(args):
            options += args[i:i + 2]
            i += 2
            continue
        if arg.startswith("--data-dir="):
            options.append(arg)
        elif arg == "--":
            positional += args[i + 1:]
            dashes = True
            break
        elif arg.startswith("-"):
            return None  # --help, --version, or a mistake argparse should name
        else:
            positional.append(arg)
        i += 1
    if not positional or positional[0] in parser.commands:
        return None
    missing = [p for p in positional if not Path(p).exists()]
    if missing:
        if dashes or any(c in missing[0] for c in "/\\."):  # meant as a path, not a command
            parser.error(f"{missing[0]}: no such file or folder")
        return None
    return options, [Path(p).absolute() for p in positional]


def _open_gui(args: argparse.Namespace, parser: argparse.ArgumentParser,
              paths: Sequence[Path] = ()) -> int:
    try:
        from reviewer.ui.app import run_app
    except ImportError:
        if paths:  # no desktop window in this installation: import on the terminal instead
            return main([*(["--data-dir", args.data_dir] if args.data_dir else []),
                         "import", *map(str, paths)])
        parser.print_help()
        return EXIT_OK
    return int(run_app(data_dir=args.data_dir, import_paths=list(paths)))


# --- import -------------------------------------------------------------------------------

def cmd_import(library: Library, args: argparse.Namespace) -> int:
    cancel = CancelToken()
    bar = ProgressBar(sys.stderr)

    def on_sigint(_sig: int, _frame: FrameType | None) -> None:
        if cancel.cancelled:
            raise KeyboardInterrupt
        cancel.cancel()

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        batch = library.import_exports(args.paths, args.format, bar.update, cancel)
    finally:
        signal.signal(signal.SIGINT, previous)
        bar.close()
    if not batch.exports and batch.failures:
        # Nothing at all was imported: the reasons are the whole answer.
        raise ExportError("\n".join(f.message for f in batch.failures))
    print_batch_report(batch, sys.stdout)
    if library.last_verification is not None and library.last_verification.checks:
        print_verification(library, library.last_verification, sys.stdout)
    if library.last_verification is not None and library.last_verification.older_notice:
        print(library.last_verification.older_notice)
    cli_voices.print_archive_warning(library.last_archive_check, sys.stdout)
    if not batch.cancelled:
        proposal = library.language_proposal()
        if proposal is not None:  # said once per language, then remembered
            print_language_proposal(proposal, sys.stdout)
            library.language_proposal_shown(proposal)
    if args.json is not None:
        text = json.dumps(batch.to_dict(), indent=2, ensure_ascii=False)
        if str(args.json) == "-":
            print(text)
        else:
            args.json.write_text(text + "\n", encoding="utf-8")
    return _batch_exit(batch)


def _batch_exit(batch: ImportBatchReport) -> int:
    """Errors on stderr; exit 1 when an input gave nothing, 130 when stopped."""
    for failure in batch.failures:
        print(f"reviewer: error: {failure.message}", file=sys.stderr)
    if batch.cancelled:
        print("Import stopped. Run the same command again to finish it; nothing is "
              "imported twice.", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_OK if not batch.failures else EXIT_ERROR


def print_batch_report(batch: ImportBatchReport, out: TextIO) -> None:
    """One section per export; a heading for each only when there are several."""
    several = len(batch.exports) + len(batch.failures) > 1
    for n, report in enumerate(batch.exports, start=1):
        if several:
            out.write(("\n" if n > 1 else "") + f"Export {n} of {len(batch.exports)}:\n")
        print_report(report, out)
    if batch.failures:
        out.write("\n" if several else "")
        for failure in batch.failures:
            out.write(terminal_text(f"Nothing imported: {failure.message}", one_line=True)
                      + "\n")


def print_report(report: ImportReport, out: TextIO) -> None:
    how = "chosen with --format" if report.format_forced else "detected"
    out.write(f"Format: {FORMAT_NAMES.get(report.format, report.format)} ({how})\n")
    for s in report.sources:
        out.write(f"  read: {s}\n")
    if report.resumed:
        out.write("Resumed an unfinished import of the same files.\n")
    out.write(f"Clips found: {report.records_found}\n")
    out.write(f"  new in the library: {report.clips_new}\n")
    out.write(f"  already in the library: {report.clips_existing}\n")
    for indented, text in report.details():  # device names come from the export
        out.write(("  " if indented else "") + terminal_text(text, one_line=True) + "\n")
    for title, items in (("Skipped", report.skipped), ("Warnings", report.warnings)):
        if not items:
            continue
        out.write(f"{title} ({len(items)}):\n")
        for p in items[:50]:
            out.write(terminal_text(f"  {p.where}: {p.reason}", one_line=True) + "\n")
        if len(items) > 50:
            out.write(f"  ... and {len(items) - 50} more (see --json)\n")


class ProgressBar:
    """A one-line bar on a terminal; a line every few seconds when output is a log file."""

    def __init__(self, stream: TextIO, width: int = 28) -> None:
        self.stream = stream
        self.width = width
        self.tty = stream.isatty()
        self.last_line = 0.0
        self.drawn = False

    def update(self, p: Progress) -> None:
        if p.growing:  # the total grows while an import still runs: no bar, no time left
            text = f"{p.phase}: {p.done} of at least {p.total} \u2014 still importing"
        elif p.total:
            filled = int(self.width * p.done / p.total)
            bar = "#" * filled + "-" * (self.width - filled)
            text = f"{p.phase}: [{bar}] {p.done}/{p.total}"
        else:
            text = f"{p.phase}..."
        if p.counts:
            text += "  " + ", ".join(f"{k} {v}" for k, v in p.counts.items())
        if p.eta_s is not None and not p.growing:
            text += f"  ~{_duration(p.eta_s)} left"
        if self.tty:
            self.stream.write("\r\x1b[2K" + text)
            self.stream.flush()
            self.drawn = True
        elif time.monotonic() - self.last_line > 5 or p.done == p.total:
            self.last_line = time.monotonic()
            self.stream.write(text + "\n")

    def close(self) -> None:
        if self.tty and self.drawn:
            self.stream.write("\n")
            self.stream.flush()


def _duration(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 60}m{s % 60:02d}s" if s >= 60 else f"{s}s"


# --- transcribe ---------------------------------------------------------------------------

@contextlib.contextmanager
def _interruptible() -> Iterator[tuple[CancelToken, ProgressBar]]:
    """A cancel token that Ctrl+C sets (the job stops cleanly and resumes next time) and a
    progress bar on stderr, both undone on the way out."""
    cancel = CancelToken()
    bar = ProgressBar(sys.stderr)
    previous = signal.signal(signal.SIGINT, lambda _s, _f: cancel.cancel())
    try:
        yield cancel, bar
    finally:
        signal.signal(signal.SIGINT, previous)
        bar.close()


def cmd_transcribe(library: Library, args: argparse.Namespace) -> int:
    with _interruptible() as (cancel, bar):
        report = library.transcribe(args.model, args.limit, bar.update, cancel)
    if report.total == 0:
        print(f"Nothing to transcribe: every clip with audio has a {report.model} transcript.")
        return EXIT_OK
    rate = (f", {report.elapsed_s / report.finished:.2f} s per clip"
            if report.finished else "")
    print(f"Model: {report.model} (loaded in {report.load_s:.1f} s)")
    print(f"Transcribed: {report.done}, no speech: {report.no_speech}, "
          f"errors: {len(report.errors)} of {report.total} in {report.elapsed_s:.1f} s{rate}")
    for clip_id, error in report.errors[:50]:
        print(f"  clip {clip_id}: {error}")
    if report.cancelled:
        print("Stopped. Run the same command again to continue with the clips not done yet.",
              file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_OK


def print_language_proposal(proposal: LanguageProposal, out: TextIO) -> None:
    out.write("\n" + textwrap.fill(proposal.text, 96) + "\n")
    if proposal.model_available:
        out.write(f"  To use it: reviewer transcribe --model {proposal.model}   (or "
                  "`reviewer language --use-multilingual` to make it this library's model)\n")


def cmd_language(library: Library, args: argparse.Namespace) -> int:
    proposal = library.language_proposal(sample=args.detect, force=True)
    if args.use_multilingual:
        model = {m.name: m for m in library.models()}["base"]
        if not model.available:
            raise UserError("the multilingual model is not on this computer yet. "
                            + model.how_to_get)
        library.use_multilingual_model(proposal)
        print("This library now uses the multilingual model (base); run `reviewer transcribe "
              "--model base` to transcribe its clips.")
        return EXIT_OK
    language = library.language()
    print(f"Library language: {language}")
    if proposal is not None:
        print_language_proposal(proposal, sys.stdout)
    return EXIT_OK


def cmd_models(library: Library, args: argparse.Namespace) -> int:
    if args.models_command == "add":
        info = library.add_language_pack(args.pack)
        print(f"Added the multilingual model ({info.name}, SHA-256 {info.sha256 or '?'}) to "
              f"{info.path}. Use it with `reviewer transcribe --model {info.name}`.")
        return EXIT_OK
    if args.models_command == "pack":
        out = library.write_language_pack(args.out)
        print(f"Language pack written: {out} ({out.stat().st_size / 1e6:.0f} MB). Add it to "
              "another copy of the app with `reviewer models add` or Preferences › Add…")
        return EXIT_OK
    for choice in library.models():
        state = "available" if choice.available else "not on this computer"
        print(f"{choice.name:<8} {state:<21} {choice.description}")
        if choice.how_to_get:
            _print_wrapped(choice.how_to_get, indent="         ")
    return EXIT_OK


# --- flag, explain, decide, calibrate, scan ------------------------------------------------

def cmd_flag(library: Library, args: argparse.Namespace) -> int:
    report = library.flag(args.preset, args.threshold)
    print(f"Scored {report.total} clips ({report.transcribed} transcribed) with "
          f"{report.weights_source} weights; threshold {report.threshold}.")
    print(f"Flagged as accidental: {report.flagged}; of those, acted on by the device: "
          f"{report.acted_on}.")
    if library.has_pending_work():
        print("Clips not transcribed yet are scored on the vendor's data alone; run "
              "`reviewer transcribe` for better results.", file=sys.stderr)
    return EXIT_OK


def cmd_explain(library: Library, args: argparse.Namespace) -> int:
    try:
        clip, card = library.explain(args.clip_id)
    except LookupError as exc:
        raise UserError(str(exc)) from exc
    threshold = library.threshold()
    verdict = "flagged as accidental" if card.flagged(threshold) else "not flagged"
    # Export text is printed through terminal_text: it may carry escape sequences.
    print(f"Clip {clip.id}: {_clip_time(clip) or 'time unknown'}  "
          f"{terminal_text(clip.device or clip.vendor, one_line=True)}")
    print(f"  vendor: {terminal_text(clip.vendor_transcript or '-', one_line=True)}")
    transcripts = library.transcripts(clip.id)
    if transcripts:
        print(f"  heard:  {terminal_text(transcripts[-1].text or '(no speech)', one_line=True)}")
    print(f"Score {card.score} of 100 (threshold {threshold}): {verdict}"
          + (" — and the device acted on it" if card.acted_on(threshold) else ""))
    for r in card.reasons:
        sign = f"{r.points:+d}" if r.points else "  ."
        print(f"  {sign:>4}  {terminal_text(r.text, one_line=True)}")
    return EXIT_OK


def cmd_decide(library: Library, args: argparse.Namespace) -> int:
    if args.decision is None and args.ask is None:
        print("Say what to record: --accidental, --keep or --clear (my copy), and/or "
              "--request-deletion, --no-request or --request-default (the vendor's copy).",
              file=sys.stderr)
        return EXIT_USAGE
    if args.decision == "" and args.ask is not None:
        print("--clear clears both answers; give it alone.", file=sys.stderr)
        return EXIT_USAGE
    n = 0
    if args.decision is not None:
        n = library.decide(args.clip_ids, args.decision or None)
    if args.ask is not None:
        n = library.ask_vendor(args.clip_ids, {"yes": True, "no": False}.get(args.ask))
    missing = len(set(args.clip_ids)) - n
    print(f"Recorded for {n} clip(s)." + (f" {missing} id(s) not found." if missing else ""))
    return EXIT_OK if not missing else EXIT_ERROR


def cmd_calibrate(library: Library, args: argparse.Namespace) -> int:
    result = library.calibrate(save=not args.dry_run)
    b, a = result.before, result.after
    print(f"Trained on {result.train_size} decisions, tested on {result.holdout_size} others.")
    print(f"  before: precision {b.precision:.2f}  recall {b.recall:.2f}  F1 {b.f1:.2f}")
    print(f"  after:  precision {a.precision:.2f}  recall {a.recall:.2f}  F1 {a.f1:.2f}")
    if args.dry_run:
        print("Dry run: weights unchanged.")
    elif result.improved:
        print("New weights saved and every clip re-scored.")
    else:
        print("The refit was not better on your held-out decisions; weights unchanged.")
    return EXIT_OK


def cmd_scan(library: Library, args: argparse.Namespace) -> int:
    with _interruptible() as (cancel, bar):
        scanned = library.scan(args.paths, args.format, args.model, bar.update, cancel,
                               args.preset, args.threshold)
    batch = scanned.imported
    if not batch.exports and batch.failures:
        raise ExportError("\n".join(f.message for f in batch.failures))
    for failure in batch.failures:
        print(f"reviewer: error: {failure.message}", file=sys.stderr)
    if cancel.cancelled:
        print("Stopped. Run the same command again to continue.", file=sys.stderr)
        return EXIT_INTERRUPTED
    ids: dict[int, ClipInfo] = {}
    for imported in batch.exports:
        for c in library.clips(ClipQuery(import_id=imported.import_id, order="priority")):
            ids.setdefault(c.id, c)
    # One priority order over every export given.
    clips = sorted(ids.values(), key=lambda c: (not c.acted_on, -(c.score or 0),
                                                c.recorded_at, c.id))
    rows = [scan_json(library, c) for c in clips]
    text = json.dumps(rows, indent=2, ensure_ascii=False)
    if str(args.json) == "-":
        print(terminal_json(text))
    else:
        args.json.write_text(text + "\n", encoding="utf-8")
        flagged = sum(1 for r in rows if r["flagged"])
        print(f"{len(rows)} clips, {flagged} flagged, "
              f"{sum(1 for r in rows if r['acted_on'])} acted on -> {args.json}")
    return EXIT_OK if not batch.failures else EXIT_ERROR


def scan_json(library: Library, c: ClipInfo) -> dict[str, Any]:
    """Stable field names: other tools read this output."""
    return {
        "id": c.id, "vendor": c.vendor, "source": c.source_path,
        "recorded_at": _clip_time(c), "device": c.device, "duration_s": c.duration_s,
        "vendor_transcript": c.vendor_transcript,
        # The newest transcript's text, kept on the clip (one query per clip cost ~35 s
        # for a 10,000-clip scan on a busy machine).
        "transcript": c.transcript,
        "score": c.score, "flagged": bool(c.flagged), "acted_on": bool(c.acted_on),
        "action": ({"kind": c.action, "text": c.action_text or c.action.replace("_", " ")}
                   if c.action else None),
        "dialogue": c.dialogue,
        "reasons": [{"code": r["code"], "text": r["text"], "points": r["points"]}
                    for r in c.reasons or []],
    }


# --- list ---------------------------------------------------------------------------------

def _add_clip_filters(p: argparse.ArgumentParser) -> None:
    """The filters `list` and `export` share (with their own --flagged), read by `_clip_query`."""
    p.add_argument("--device", help="only clips from this device")
    p.add_argument("--vendor", choices=sorted(VENDOR_IDS))
    p.add_argument("--import-id", type=int, help="only clips from this import")
    p.add_argument("--since", help="on or after this date/time (UTC), e.g. 2024-01-31")
    p.add_argument("--until", help="up to this date/time (UTC); a date includes that day")


def _clip_query(args: argparse.Namespace, limit: int | None = None) -> ClipQuery:
    return ClipQuery(
        flagged=True if args.flagged else None, device=args.device, vendor=args.vendor,
        import_id=args.import_id, since=_when(args.since, "--since", end_of_day=False),
        until=_when(args.until, "--until", end_of_day=True), limit=limit)


def cmd_list(library: Library, args: argparse.Namespace) -> int:
    clips = library.clips(_clip_query(args, limit=args.limit))
    if args.json:
        sys.stdout.write(terminal_json(json.dumps([clip_json(c) for c in clips], indent=2,
                                                  ensure_ascii=False)) + "\n")
        return EXIT_OK
    if args.flagged and not clips and library.info().unflagged:
        print("No flagged clips: flagging has not run on this library yet.", file=sys.stderr)
    for c in clips:
        approx = "~" if c.time_approximate else " "
        dur = f"{c.duration_s:5.1f}s" if c.duration_s is not None else "    - "
        text = terminal_text(c.vendor_transcript or "", one_line=True)
        device = terminal_text(c.device or "-", one_line=True)
        print(f"{c.id:>6} {_clip_time(c) or 'time unknown':<24}{approx} {c.vendor:<6} "
              f"{device[:18]:<18} {dur} {c.status:<11} {text[:60]}")
    print(f"{len(clips)} clip(s)", file=sys.stderr)
    return EXIT_OK


def clip_json(c: ClipInfo) -> dict[str, Any]:
    """Stable field names: other tools read this output."""
    return {
        "id": c.id, "vendor": c.vendor, "vendor_id": c.vendor_id, "source": c.source_path,
        "record": c.record_path, "recorded_at": _clip_time(c),
        "recorded_at_text": c.recorded_at_text, "time_approximate": c.time_approximate,
        "time_unknown": bool(c.time_unknown),
        "device": c.device, "account": c.account, "duration_s": c.duration_s,
        "vendor_transcript": c.vendor_transcript, "audio_sha256": c.audio_sha256,
        "status": c.status, "status_detail": c.status_detail, "score": c.score,
        "flagged": c.flagged, "import_id": c.import_id,
        # The two answers: my copy ("accidental" = delete it, "keep", null = undecided) and
        # whether the vendor is to be asked to delete theirs (the default applied).
        "decision": c.decision, "ask_vendor": asks_vendor(c),
    }


def _clip_time(c: ClipInfo) -> str | None:
    """ISO-8601 UTC, or None when the export gave no time."""
    return None if c.time_unknown else utc_iso(c.recorded_at)


def _when(text: str | None, option: str, end_of_day: bool) -> datetime | None:
    if text is None:
        return None
    parsed = parse_timestamp(text if len(text) > 10 else f"{text}T00:00:00Z")
    if parsed is None:
        raise UserError(f"{option} {text!r} is not a date (use e.g. 2024-01-31 or "
                        "2024-01-31T18:00:00Z)")
    when = parsed[0]
    if end_of_day and len(text) <= 10:
        when += timedelta(days=1)
    return when.astimezone(UTC)


# --- info ---------------------------------------------------------------------------------

def cmd_info(library: Library, args: argparse.Namespace) -> int:
    info = library.info()
    print(f"Library: {info.data_dir}")
    print(f"Database: {info.db_path} ({info.db_bytes / 1024**2:.1f} MB)")
    print(f"Audio: {info.audio_bytes / 1024**2:.1f} MB")
    print(f"Clips: {info.clips} ({info.flagged} flagged"
          + (", flagging not run yet" if info.unflagged else "") + ")"
          + (f"; {info.deleted} deleted (kept as tombstones for deletion requests)"
             if info.deleted else ""))
    if not info.imports:
        print("No imports yet. Try: reviewer import PATH-TO-YOUR-EXPORT")
    for imp in info.imports:
        span = (f"{utc_iso(imp.first)[:10]} to {utc_iso(imp.last)[:10]}"
                if imp.first and imp.last else "no clips")
        print(f"  #{imp.id} {imp.label} [{imp.format}, {imp.status}] {imp.clips} clips "
              f"({imp.with_audio} with audio), {span}"
              + (f", account {imp.account}" if imp.account else "")
              + (f", devices: {', '.join(imp.devices)}" if imp.devices else "")
              + (f", {imp.problems} problem(s)" if imp.problems else ""))
    return EXIT_OK


# --- export -------------------------------------------------------------------------------

def cmd_export(library: Library, args: argparse.Namespace) -> int:
    ids = list(dict.fromkeys(args.clip_ids))
    filtered = (args.flagged or args.device or args.vendor or args.import_id is not None
                or args.since or args.until)
    if ids and (filtered or args.all):
        raise UserError("give either CLIP_IDs or filters (--all, --flagged, ...), not both")
    if not ids and not (filtered or args.all):
        raise UserError("give the CLIP_IDs to export, or --flagged, --all or another filter")
    if not ids:
        ids = library.clip_ids(_clip_query(args))
        if not ids:
            raise UserError("no clip matches these filters, so nothing was exported")
    with _interruptible() as (cancel, bar):
        report = library.export_clips(ids, args.out, as_zip=args.zip,
                                      audio="wav" if args.wav else "original",
                                      progress=bar.update, cancel=cancel)
    if report.cancelled or report.path is None:
        print("Export stopped; nothing was written.", file=sys.stderr)
        return EXIT_INTERRUPTED
    print(f"Exported {report.clips} clip(s) to {report.path}")
    print(f"  recordings: {report.recordings}"
          + (f", clips without a recording: {report.without_audio}"
             if report.without_audio else ""))
    print("  list of the clips: clips.csv (times in UTC and in this computer's time zone)")
    for problem in report.problems[:50]:
        print(terminal_text(f"  {problem}", one_line=True))
    if len(report.problems) > 50:
        print(f"  ... and {len(report.problems) - 50} more (see the note column of clips.csv)")
    return EXIT_OK


# --- delete, undo -------------------------------------------------------------------------

def cmd_delete(library: Library, args: argparse.Namespace) -> int:
    ids = list(dict.fromkeys(args.clip_ids))
    if args.flagged:
        ids += [i for i in library.clip_ids(ClipQuery(flagged=True)) if i not in set(ids)]
    if not ids and args.flagged:
        print("No clip is flagged, so nothing was deleted (has `reviewer flag` run since "
              "the last import?).")
        return EXIT_OK
    if not ids:
        raise UserError("give the CLIP_IDs to delete, or --flagged")
    permanent = True if args.permanent else not library.settings().delete_to_trash
    if not args.yes:
        _confirm_delete(len(ids), permanent, args.from_export)
    bar = ProgressBar(sys.stderr)
    try:
        report = library.delete(ids, permanent=permanent, from_export=args.from_export,
                                progress=bar.update)
    finally:
        bar.close()
    print_delete_report(report, sys.stdout)
    return EXIT_OK if not report.not_found else EXIT_ERROR


def _confirm_delete(n: int, permanent: bool, from_export: bool) -> None:
    where = "PERMANENTLY (no undo)" if permanent else "to the trash"
    also = " and from the export files they came from" if from_export else ""
    if not sys.stdin.isatty():
        raise UserError(f"refusing to delete {n} clip(s) without confirmation; add --yes")
    answer = input(f"Delete {n} clip(s) {where}{also}? Their audio, transcripts and scores "
                   "go; each stays listed as deleted. [y/N] ")
    if answer.strip().lower() not in ("y", "yes"):
        raise UserError("nothing deleted")


def print_delete_report(report: DeleteReport, out: TextIO) -> None:
    n = len(report.deleted)
    out.write(f"Deleted {n} clip(s)"
              + (f" (delete #{report.batch_id})" if report.batch_id else "") + ".\n")
    if report.already_deleted:
        out.write(f"  already deleted before: {_id_list(report.already_deleted)}\n")
    if report.not_found:
        out.write(f"  not in this library: {_id_list(report.not_found)}\n")
    if report.audio_files:
        where = ("deleted permanently" if report.permanent else
                 f"moved to the trash (their original location there: {report.staging_dir})")
        out.write(f"  {report.audio_files} audio file(s) {where}\n")
    if report.shared_audio_kept:
        out.write(f"  {report.shared_audio_kept} audio file(s) kept: clips you did not delete "
                  "use the same recording\n")
    gone = "deleted" if report.permanent else "moved to the trash"
    for path in report.export_files:
        out.write(f"  export file {gone}: {path}\n")
    for path in report.zips_rewritten:
        out.write(f"  export zip replaced by a verified copy without the recording(s): {path}"
                  + ("" if report.permanent else " (the original is in the trash)") + "\n")
    if report.problems:
        out.write(f"Problems ({len(report.problems)}):\n")
        for p in report.problems[:50]:
            out.write(f"  {p.text}\n")
        if len(report.problems) > 50:
            out.write(f"  ... and {len(report.problems) - 50} more\n")
    if n:
        out.write("Undo with `reviewer undo` while the files are in the trash.\n"
                  if report.undoable else "This delete cannot be undone.\n")


def print_reconciled(library: Library, out: TextIO) -> None:
    """Say what opening the library did about a delete or undo a crash had interrupted."""
    for r in library.reconciled:
        if r.action == "skipped":
            continue
        if r.was == "undoing":
            done = "finished" if r.action == "undo finished" else "reverted (the delete stands)"
            out.write(f"An interrupted undo of delete #{r.batch_id} was {done}.\n")
        else:
            out.write(f"An interrupted delete #{r.batch_id} ({r.clips} clip(s)) was "
                      f"{r.action}.\n")
        for p in r.problems:
            out.write(f"  {p.text}\n")


def _id_list(ids: Sequence[int], limit: int = 20) -> str:
    shown = ", ".join(str(i) for i in ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def cmd_undo(library: Library, args: argparse.Namespace) -> int:
    report = library.undo_delete()
    print(report.message)
    for path in report.exports_restored:
        print(f"  put back: {path}")
    for problem in report.problems:
        print(f"  {problem}")
    return EXIT_OK if report.ok else EXIT_ERROR


# --- deletion requests, verify --------------------------------------------------------------

def cmd_request(library: Library, args: argparse.Namespace) -> int:
    action = args.request_command
    if action == "create":
        return _request_create(library, args)
    if action == "list":
        return _request_list(library)
    if action == "show":
        return _request_show(library, args)
    if action == "discard":
        library.discard_request(args.request_id)
        print(f"Draft {args.request_id} discarded; its clips can go into the next request.")
        return EXIT_OK
    day = _date(args.date)
    if action == "mark-sent":
        info = library.mark_sent(args.request_id, day)
        law = texts_for("en").laws[info.law]
        print(f"Request {info.id} marked sent on {info.sent}. The answer is due by {info.due} "
              f"({law.deadline_short}).")
        return EXIT_OK
    info = library.mark_answered(args.request_id, day, args.note)
    print(f"Request {info.id} marked answered on {info.answered}. Import a newer export of "
          "the account later (`reviewer verify NEW_EXPORT`) to check the recordings are gone.")
    return EXIT_OK


def _date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"--date {text!r} is not a date (use YYYY-MM-DD)") from None


def _request_title(info: RequestInfo) -> str:
    vendor = display_name(info.vendor)
    account = f" (account {terminal_text(info.account, one_line=True)})" if info.account else ""
    kind = f"Follow-up {info.id} of request {info.follow_up_of}" if info.follow_up_of \
        else f"Request {info.id}"
    return (f"{kind} to {vendor}{account}, {info.law.upper()}, {info.language}: "
            f"{len(info.items)} recording(s)")


def _print_wrapped(text: str, indent: str = "  ") -> None:
    print(textwrap.fill(text, 96, initial_indent=indent, subsequent_indent=indent + "  "))


def _request_create(library: Library, args: argparse.Namespace) -> int:
    result = library.create_requests(args.region, args.language, args.name, args.email)
    for clip_id, reason in result.skipped:
        print(f"clip {clip_id} skipped: {reason}", file=sys.stderr)
    if not result.requests:
        print("No clips are waiting for a deletion request. Mark clips with `reviewer decide "
              "CLIP_ID... --request-deletion` first (clips already in a request are not "
              "listed again).", file=sys.stderr)
        return EXIT_OK
    for info in result.requests:
        print(_request_title(info))
        for path in library.write_request_files(info.id, args.out):
            print(f"  wrote {path}")
        for line in library.request_letter(info.id).guidance:
            _print_wrapped(line)
        if not info.requester_email or not info.requester_name:
            _print_wrapped("The letter has placeholders in [brackets]: give --name and "
                           "--email (the address of your account with the vendor) and run "
                           "`reviewer request create` again, or edit the text before sending.")
        print(f"  When you have sent it: reviewer request mark-sent {info.id} "
              "[--date YYYY-MM-DD]")
    return EXIT_OK


def _request_list(library: Library) -> int:
    requests = library.requests()
    if not requests:
        print("No deletion requests yet. Mark clips with `reviewer decide CLIP_ID... "
              "--request-deletion`, then run `reviewer request create`.", file=sys.stderr)
        return EXIT_OK
    print(f"{'ID':>4}  {'STATUS':<9} {'VENDOR':<7} {'LAW':<5} {'CLIPS':>5}  {'SENT':<10}  "
          f"{'DUE':<10}  NOTES")
    for r in requests:
        notes = []
        if r.overdue:
            notes.append(f"OVERDUE by {-(r.days_left or 0)} day(s)")
        elif r.days_left is not None:
            notes.append(f"{r.days_left} day(s) left")
        if r.follow_up_of:
            notes.append(f"follow-up of #{r.follow_up_of}")
        found = len(r.found_again)
        if found:
            notes.append(f"{found} found again in a newer export")
        if r.account:
            notes.append(f"account {terminal_text(r.account, one_line=True)}")
        print(f"{r.id:>4}  {r.status:<9} {r.vendor:<7} {r.law.upper():<5} {len(r.items):>5}  "
              f"{_day(r.sent):<10}  {_day(r.due):<10}  {'; '.join(notes)}")
    return EXIT_OK


def _day(day: date | None) -> str:
    return day.isoformat() if day is not None else "-"


def _request_show(library: Library, args: argparse.Namespace) -> int:
    info = library.request(args.request_id)
    if args.out is not None:
        for path in library.write_request_files(info.id, args.out):
            print(f"wrote {path}", file=sys.stderr)
    if args.csv:
        sys.stdout.write(terminal_text(library.render_request(info.id, "csv")))
        return EXIT_OK
    print(_request_title(info))
    print(f"  status: {info.status}; drafted {info.created_at.date()}"
          + (f"; sent {info.sent}, due {info.due}" if info.sent else "")
          + (f"; answered {info.answered}" if info.answered else "")
          + ("; OVERDUE" if info.overdue else ""))
    if info.note:
        _print_wrapped(f"note: {terminal_text(info.note, one_line=True)}")
    for item in info.items:
        state = {True: "FOUND AGAIN (not deleted)", False: "gone from the newer export",
                 None: "not checked yet"}[item.found_again]
        if item.found_again is not None:
            state += f" (import #{item.checked_import_id})"
        local = " [deleted here]" if item.clip_status == "deleted" else ""
        print(f"  {item.listed.no:>3}. clip {item.clip_id}{local}: "
              f"{item.listed.recorded_at_utc}  "
              f"{terminal_text(item.listed.device or '-', one_line=True)}  {state}")
    print()
    sys.stdout.write(terminal_text(library.render_request(info.id, "text")))
    return EXIT_OK


def cmd_verify(library: Library, args: argparse.Namespace) -> int:
    with _interruptible() as (cancel, bar):
        report = library.import_export(args.paths, args.format, bar.update, cancel)
    if report.cancelled:
        print("Import stopped. Run the same command again to finish it and check it.",
              file=sys.stderr)
        return EXIT_INTERRUPTED
    print(f"Imported #{report.import_id}: {report.records_found} clips "
          f"({report.clips_new} new, {report.clips_existing} already in the library).")
    verification = library.last_verification or library.verify(report.import_id)
    if not verification.checks and not verification.skipped:
        print(f"No sent deletion request to {report.format} to check this export against. "
              "Mark a request as sent with `reviewer request mark-sent ID` first.")
        return EXIT_OK
    print_verification(library, verification, sys.stdout)
    return EXIT_OK


def print_verification(library: Library, v: VerifyReport, out: TextIO) -> None:
    out.write(f"Checked against your deletion requests (import #{v.import_id}):\n")
    for check in v.checks:
        out.write(f"  Request {check.request_id} (sent {check.sent}): "
                  f"{len(check.found)} of {check.checked} recording(s) still in the export"
                  + (f", {len(check.not_found)} gone" if check.not_found else "")
                  + (f", {len(check.not_covered)} not covered by this export"
                     if check.not_covered else "") + "\n")
        for f in check.found:
            ident = next(iter(f.listed.identifiers.values()), "")
            shown = terminal_text(f"{f.listed.device or '-'}  {ident}", one_line=True)
            out.write(f"    NOT DELETED: clip {f.clip_id}  {f.listed.recorded_at_utc}  "
                      f"{shown}  (matched by {f.found_by})\n")
        if check.follow_up_id is not None:
            out.write(f"    Follow-up letter drafted: request {check.follow_up_id} "
                      f"(`reviewer request show {check.follow_up_id}`)\n")
            if not check.deadline_passed:
                out.write(f"    The deadline ({check.due}) has not passed yet: the vendor may "
                          "still be working on it.\n")
    for request_id, reason in v.skipped:
        out.write(f"  Request {request_id} not checked: {reason}\n")
    for note in v.notes:
        out.write(f"  {note}\n")
    if v.older_notice:
        out.write(f"  {v.older_notice}\n")


if __name__ == "__main__":
    sys.exit(main())
