"""The vendors whose exports the app reads: one place for their ids and the words for them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Vendor:
    id: str  # as stored in clips.vendor
    name: str  # as menus, letters and file names show it
    product: str  # the assistant or source, for the clip pane's header
    wake_word: str  # how people address the device, in reason texts
    requestable: bool  # a deletion request (GDPR / CCPA) can go to this vendor


AMAZON = Vendor("amazon", "Amazon", "Amazon Alexa", "Alexa", True)
GOOGLE = Vendor("google", "Google", "Google Assistant", "Hey Google", True)
# A plain folder of recordings: no vendor to ask, and no known wake word.
FOLDER = Vendor("folder", "Folder", "Recordings folder", "a wake word", False)

VENDORS: tuple[Vendor, ...] = (AMAZON, GOOGLE, FOLDER)
BY_ID = {v.id: v for v in VENDORS}
VENDOR_IDS = tuple(BY_ID)
REQUESTABLE = frozenset(v.id for v in VENDORS if v.requestable)


def display_name(vendor: str) -> str:
    """"Amazon", "Google", ...; an unknown id as it is."""
    known = BY_ID.get(vendor)
    return known.name if known is not None else vendor


def subject_name(vendor: str) -> str:
    """The vendor as the subject of a sentence ("Amazon replied ..."); a folder's clips were
    made by "The recorder"."""
    known = BY_ID.get(vendor)
    return known.name if known is not None and known.requestable else "The recorder"


def product_name(vendor: str) -> str:
    known = BY_ID.get(vendor)
    return known.product if known is not None else vendor


def wake_word(vendor: str) -> str:
    known = BY_ID.get(vendor)
    return known.wake_word if known is not None else "a wake word"
