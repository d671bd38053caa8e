"""The letters' wording, one module per language (`en.py`, `de.py`).

Texts are data: placeholders in braces are filled by `letters.py` with `str.format`
({vendor}, {product}, {email}, {account}, {count}, {due_date}, {first_date}, ...). A new
language is one more module defining `TEXTS` and a line in `LANGUAGES`; the type checker
makes sure no text is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class LawTexts:
    """The parts of a letter that depend on the law it is made under."""

    name: str  # "GDPR" / "DSGVO"
    subject: str
    request: str  # {vendor} {product}
    grounds: str
    scope_intro: str
    scope: tuple[str, ...]
    scope_after: str  # recipients, processors, service providers
    deadline: str  # {due_date}
    follow_up_subject: str  # {first_date}
    follow_up_reference: str  # {first_date} {first_count} {vendor}
    follow_up_first_due: str  # {first_date} {first_due}
    follow_up_repeat: str  # {first_date} {due_date}
    complaint: str
    deadline_short: str  # "one month (Art. 12(3) GDPR)": for lists and the CLI


@dataclass(frozen=True)
class LanguageTexts:
    language: str
    months: tuple[str, ...]
    date_format: str  # {day} {month} {year}
    vendors: dict[str, str]  # "amazon" -> "Amazon"
    products: dict[str, str]  # "amazon" -> "Alexa"
    recipient: tuple[str, ...]  # after the vendor's name: "Data protection / privacy team"
    salutation: str
    closing: str
    account: str  # {vendor} {email}
    account_id: str  # appended when the export names the account: {account}
    email_missing: str
    name_missing: str
    table_intro: str  # {count}
    approximate_note: str
    attachment: str
    no_audio: str
    contact: str
    answered: str  # {answered_date}
    evidence: str  # {import_date} {count}
    header_no: str
    header_time: str
    header_local_time: str  # the writer's own clock, beside the UTC time
    header_device: str
    identifier_labels: dict[str, str]
    approx: str
    no_device: str
    guidance: dict[str, tuple[str, ...]]  # per vendor: where and how to send it
    guidance_common: tuple[str, ...]
    laws: dict[str, LawTexts]

    def format_date(self, day: date) -> str:
        return self.date_format.format(day=day.day, month=self.months[day.month - 1],
                                       year=day.year)


def _load() -> dict[str, LanguageTexts]:
    from reviewer.core.requests.texts import de, en

    return {"en": en.TEXTS, "de": de.TEXTS}


LANGUAGES: tuple[str, ...] = ("en", "de")
# Each language by its own name, for choosers.
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "de": "Deutsch"}


def texts_for(language: str) -> LanguageTexts:
    try:
        return _load()[language]
    except KeyError:
        raise ValueError(f"no letter texts in {language!r} (available: "
                         f"{', '.join(LANGUAGES)})") from None


__all__ = ["LANGUAGES", "LANGUAGE_NAMES", "LanguageTexts", "LawTexts", "texts_for"]
