"""Deletion requests to the vendors (GDPR Art. 17 / CCPA § 1798.105) and checking, in a newer
export, whether the vendor complied. No Qt here: the GUI renders `LetterDocument` itself."""

from reviewer.core.requests.deadlines import LAWS, REGIONS, add_months, due_date, law_for_region
from reviewer.core.requests.document import (
    Block,
    BulletList,
    LetterDocument,
    Paragraph,
    Table,
    render_text,
)
from reviewer.core.requests.listing import CSV_COLUMNS, ListedClip, csv_text
from reviewer.core.requests.texts import LANGUAGES
from reviewer.core.requests.tracking import (
    CreateResult,
    ItemInfo,
    RequestError,
    RequestInfo,
)
from reviewer.core.requests.verify import FoundClip, RequestCheck, VerifyReport

__all__ = ["CSV_COLUMNS", "LANGUAGES", "LAWS", "REGIONS", "Block", "BulletList",
           "CreateResult", "FoundClip", "ItemInfo", "LetterDocument", "ListedClip", "Paragraph",
           "RequestCheck", "RequestError", "RequestInfo", "Table", "VerifyReport", "add_months",
           "csv_text", "due_date", "law_for_region", "render_text"]
