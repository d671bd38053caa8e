"""The core's public API: the one door `reviewer/ui` and `reviewer/cli.py` go through.

Everything here is the `Library` (the use cases), plain frozen value types, the errors whose
message is meant for the user, and a few pure helpers over those values. The GUI and the CLI
import from this module only (tests/test_core_boundary.py fails otherwise); what lies behind
it (SQLAlchemy, the store, importer internals) may change without touching either of them.
"""

from __future__ import annotations

from reviewer.core.audio.envelope import Envelope, envelope_columns, load_envelope
from reviewer.core.audio.probe import AudioError
from reviewer.core.clip_export import AUDIO_CHOICES, ClipExportError, ClipExportReport
from reviewer.core.deletion import DeleteReport, UndoReport
from reviewer.core.feed import ImportFeed
from reviewer.core.flagging.calibrate import Calibration, CalibrationError
from reviewer.core.flagging.job import FlagReport
from reviewer.core.flagging.scorecard import PRESETS, WeightsError
from reviewer.core.importers.batch import ImportBatchReport, InputFailure
from reviewer.core.importers.detect import FORMAT_ALIASES, FORMAT_NAMES
from reviewer.core.importers.pipeline import ImportReport
from reviewer.core.importers.source import ExportError
from reviewer.core.importers.timestamps import parse_timestamp, utc_iso
from reviewer.core.jobs import DECIDE_IN_BACKGROUND, Admission, JobKind
from reviewer.core.language import LanguageProposal
from reviewer.core.library import (
    REFLAG_EVERY,
    Answered,
    Dialogue,
    DialogueTurn,
    ImportCounts,
    ImportSummary,
    Library,
    LibraryInfo,
    ProcessReport,
    ReviewSnapshot,
    ScanReport,
    UndoOutcome,
)
from reviewer.core.messages import Msg, message_of
from reviewer.core.progress import Cancelled, CancelToken, Progress
from reviewer.core.requests import LANGUAGES, REGIONS, RequestError, RequestInfo, VerifyReport
from reviewer.core.requests.document import (
    BulletList,
    LetterDocument,
    Paragraph,
    Table,
    render_text,
)
from reviewer.core.requests.texts import LANGUAGE_NAMES, texts_for
from reviewer.core.safetext import terminal_json, terminal_text
from reviewer.core.settings import Settings
from reviewer.core.store import ClipStatus, Decision, RequestStatus, StoreError, TranscriptStatus
from reviewer.core.store.health import check_database, storage_problem
from reviewer.core.store.queries import ClipQuery
from reviewer.core.timeline import (
    BUCKET_SIZES,
    Bucket,
    BucketSize,
    local_zone,
    suggested_bucket_size,
    weekly,
)
from reviewer.core.transcribe.job import TranscribeReport
from reviewer.core.transcribe.models import (
    LANGUAGE_PACK_FILE,
    LANGUAGE_PACK_PACKAGE,
    ModelChoice,
    ModelError,
)
from reviewer.core.transcribe.worker import WorkerError
from reviewer.core.vendors import (
    REQUESTABLE,
    VENDOR_IDS,
    VENDORS,
    Vendor,
    display_name,
    product_name,
    subject_name,
)
from reviewer.core.views import (
    ClipInfo,
    ClipRow,
    TranscriptInfo,
    action_text,
    asks_vendor,
    is_acted_on,
    is_flagged,
    vendor_facts,
)
from reviewer.core.voices.api import (
    ArchiveCheck,
    DeviceError,
    DeviceInfo,
    EmbedReport,
    VoiceError,
    VoiceInfo,
    VoicesSummary,
)

# Failures the user can act on: shown as their message, without a traceback.
USER_ERRORS: tuple[type[Exception], ...] = (
    ExportError, ModelError, WorkerError, WeightsError, CalibrationError, RequestError,
    StoreError, ClipExportError, OSError)

__all__ = [
    "AUDIO_CHOICES",
    "BUCKET_SIZES",
    "DECIDE_IN_BACKGROUND",
    "FORMAT_ALIASES",
    "FORMAT_NAMES",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "LANGUAGE_PACK_FILE",
    "LANGUAGE_PACK_PACKAGE",
    "PRESETS",
    "REFLAG_EVERY",
    "REGIONS",
    "REQUESTABLE",
    "USER_ERRORS",
    "VENDORS",
    "VENDOR_IDS",
    "Admission",
    "Answered",
    "ArchiveCheck",
    "AudioError",
    "Bucket",
    "BucketSize",
    "BulletList",
    "Calibration",
    "CalibrationError",
    "CancelToken",
    "Cancelled",
    "ClipExportError",
    "ClipExportReport",
    "ClipInfo",
    "ClipQuery",
    "ClipRow",
    "ClipStatus",
    "Decision",
    "DeleteReport",
    "DeviceError",
    "DeviceInfo",
    "Dialogue",
    "DialogueTurn",
    "EmbedReport",
    "Envelope",
    "ExportError",
    "FlagReport",
    "ImportBatchReport",
    "ImportCounts",
    "ImportFeed",
    "ImportReport",
    "ImportSummary",
    "InputFailure",
    "JobKind",
    "LanguageProposal",
    "LetterDocument",
    "Library",
    "LibraryInfo",
    "ModelChoice",
    "ModelError",
    "Msg",
    "Paragraph",
    "ProcessReport",
    "Progress",
    "RequestError",
    "RequestInfo",
    "RequestStatus",
    "ReviewSnapshot",
    "ScanReport",
    "Settings",
    "StoreError",
    "Table",
    "TranscribeReport",
    "TranscriptInfo",
    "TranscriptStatus",
    "UndoOutcome",
    "UndoReport",
    "Vendor",
    "VerifyReport",
    "VoiceError",
    "VoiceInfo",
    "VoicesSummary",
    "WeightsError",
    "WorkerError",
    "action_text",
    "asks_vendor",
    "check_database",
    "display_name",
    "envelope_columns",
    "is_acted_on",
    "is_flagged",
    "load_envelope",
    "local_zone",
    "message_of",
    "parse_timestamp",
    "product_name",
    "render_text",
    "storage_problem",
    "subject_name",
    "suggested_bucket_size",
    "terminal_json",
    "terminal_text",
    "texts_for",
    "utc_iso",
    "vendor_facts",
    "weekly",
]
