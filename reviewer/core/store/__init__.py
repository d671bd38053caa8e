"""The library database: SQLAlchemy 2.0 models over SQLite (WAL, foreign keys on)."""

from reviewer.core.store.engine import Store, StoreError, open_store
from reviewer.core.store.models import Base, Clip, ClipStatus, ImportRecord, ImportStatus

__all__ = ["Base", "Clip", "ClipStatus", "ImportRecord", "ImportStatus", "Store", "StoreError",
           "open_store"]
