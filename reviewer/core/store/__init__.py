"""The library database: SQLAlchemy 2.0 models over SQLite (WAL, foreign keys on)."""

from reviewer.core.store.engine import Store, StoreError, open_store
from reviewer.core.store.models import (
    TIME_UNKNOWN_AT,
    AccountDevice,
    Base,
    Clip,
    ClipStatus,
    Decision,
    DecisionLog,
    DeleteBatch,
    DeleteState,
    DeletionRequest,
    ImportMember,
    ImportRecord,
    ImportStatus,
    RequestItem,
    RequestStatus,
    Transcript,
    TranscriptStatus,
)

__all__ = ["TIME_UNKNOWN_AT", "AccountDevice", "Base", "Clip", "ClipStatus", "Decision",
           "DecisionLog", "DeleteBatch", "DeleteState",
           "DeletionRequest", "ImportMember", "ImportRecord", "ImportStatus", "RequestItem",
           "RequestStatus", "Store", "StoreError", "Transcript", "TranscriptStatus",
           "open_store"]
