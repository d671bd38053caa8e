"""Which law a request is made under, and when the vendor's answer is due.

GDPR Art. 12(3): "without undue delay and in any event within one month of receipt of the
request", extendable by two further months where necessary (the controller must say so, with
reasons, within the first month). A period in months ends on the same day of the month it
started, or on the last day of the month when that day does not exist (Regulation 1182/71,
Art. 3(2)(c)): 31 January -> 28/29 February.

CCPA (Cal. Civ. Code § 1798.130(a)(2)): 45 calendar days from receipt, extendable once by
another 45 days when reasonably necessary, with notice within the first 45 days.

The app counts from the date the user says the request was sent (for a contact form or an
e-mail that is the day of receipt too).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Literal

Law = Literal["gdpr", "ccpa"]
LAWS: tuple[Law, ...] = ("gdpr", "ccpa")
REGIONS: dict[str, Law] = {"eu": "gdpr", "california": "ccpa"}

CCPA_DAYS = 45


def law_for_region(region: str) -> Law:
    try:
        return REGIONS[region]
    except KeyError:
        raise ValueError(f"unknown region {region!r} (known: {', '.join(REGIONS)})") from None


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the end of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_date(law: str, sent: date) -> date:
    """The last day the vendor has to answer a request sent (received) on `sent`."""
    if law == "gdpr":
        return add_months(sent, 1)
    if law == "ccpa":
        return sent + timedelta(days=CCPA_DAYS)
    raise ValueError(f"unknown law {law!r}")


__all__ = ["CCPA_DAYS", "LAWS", "REGIONS", "Law", "add_months", "due_date", "law_for_region"]
