"""Compose a request letter (or a follow-up) as a `LetterDocument` from the listed clips."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from reviewer.core.requests.deadlines import due_date
from reviewer.core.requests.document import (
    Block,
    BulletList,
    LetterDocument,
    Paragraph,
    Table,
)
from reviewer.core.requests.listing import ListedClip, identifier_columns
from reviewer.core.requests.texts import LanguageTexts, texts_for


@dataclass(frozen=True)
class FollowUpContext:
    """What a follow-up cites: the first request of the chain and the export that showed
    the recordings were still there."""

    first_date: date  # when the first request was sent (else drafted)
    first_count: int  # how many recordings it listed
    first_due: date | None  # its deadline, cited once it passed without an answer
    first_answered: date | None  # when the vendor answered the first request
    answered: date | None  # when the vendor answered the request followed up, if it did
    import_date: date | None  # when the export that still held them was imported


@dataclass(frozen=True)
class LetterFacts:
    vendor: str
    account: str | None
    law: str
    language: str
    name: str | None
    email: str | None
    clips: Sequence[ListedClip]
    letter_date: date
    follow_up: FollowUpContext | None = None


def clip_table(t: LanguageTexts, vendor: str, clips: Sequence[ListedClip]) -> Table:
    keys = identifier_columns(vendor, clips)
    # The local time goes last: number, time and device lead each row of the plain text.
    header = (t.header_no, t.header_time, t.header_device,
              *(t.identifier_labels.get(k, k) for k in keys), t.header_local_time)
    rows = tuple(
        (str(c.no), (c.recorded_at_utc or "–")
         + (f" ({t.approx})" if c.time_approximate else ""),
         c.device or t.no_device, *(c.identifiers.get(k, "") for k in keys),
         _local_time(c.recorded_at_utc))
        for c in clips)
    return Table(header=header, rows=rows)


def _local_time(utc_text: str | None) -> str:
    """The writer's own clock for a listed UTC time (the vendor goes by UTC; the person
    signing recognises the evening they remember)."""
    if not utc_text:
        return "–"
    try:
        when = datetime.fromisoformat(utc_text.replace("Z", "+00:00"))
    except ValueError:
        return ""
    if when.tzinfo is None:
        return ""
    local = when.astimezone()
    return f"{local:%Y-%m-%d %H:%M} {local.tzname() or ''}".strip()


def build_letter(f: LetterFacts) -> LetterDocument:
    t = texts_for(f.language)
    law = t.laws[f.law]
    vendor = t.vendors.get(f.vendor, f.vendor.title())
    fill = {"vendor": vendor, "product": t.products.get(f.vendor, vendor),
            "email": f.email or t.email_missing, "account": f.account or "",
            "count": len(f.clips), "due_date": t.format_date(due_date(f.law, f.letter_date))}
    body: list[Block] = []
    if f.follow_up is None:
        title = law.subject
        body += [Paragraph(law.request.format(**fill)), Paragraph(_account(t, fill, f)),
                 Paragraph(law.grounds), Paragraph(t.table_intro.format(**fill)),
                 *_table_blocks(t, f)]
        body += [Paragraph(law.scope_intro), BulletList(law.scope), Paragraph(law.scope_after),
                 Paragraph(law.deadline.format(**fill))]
    else:
        fu = f.follow_up
        fill.update(first_date=t.format_date(fu.first_date), first_count=fu.first_count,
                    first_due=t.format_date(fu.first_due) if fu.first_due else "",
                    import_date=t.format_date(fu.import_date) if fu.import_date else "")
        title = law.follow_up_subject.format(**fill)
        reference = law.follow_up_reference.format(**fill)
        if fu.answered is not None:
            reference += " " + t.answered.format(answered_date=t.format_date(fu.answered))
        if (fu.first_due is not None and fu.first_due < f.letter_date
                and (fu.first_answered is None or fu.first_answered > fu.first_due)):
            reference += " " + law.follow_up_first_due.format(**fill)
        body += [Paragraph(reference), Paragraph(_account(t, fill, f)),
                 Paragraph(t.evidence.format(**fill)), *_table_blocks(t, f),
                 Paragraph(law.follow_up_repeat.format(**fill)), Paragraph(law.complaint)]
    body += [Paragraph(t.no_audio), Paragraph(t.contact)]
    sender = (f.name or t.name_missing, f.email or t.email_missing)
    return LetterDocument(
        language=f.language, law=f.law, title=title, sender=sender,
        recipient=(vendor, *t.recipient), date_line=t.format_date(f.letter_date),
        salutation=t.salutation, body=tuple(body), closing=t.closing,
        signature=(f.name or t.name_missing,),
        guidance=(*t.guidance.get(f.vendor, ()), *t.guidance_common))


def _account(t: LanguageTexts, fill: dict[str, object], f: LetterFacts) -> str:
    text = t.account.format(**fill)
    if f.account:
        text += t.account_id.format(**fill)
    return text


def _table_blocks(t: LanguageTexts, f: LetterFacts) -> list[Block]:
    blocks: list[Block] = [clip_table(t, f.vendor, f.clips)]
    if any(c.time_approximate for c in f.clips):
        blocks.append(Paragraph(t.approximate_note))
    blocks.append(Paragraph(t.attachment, role="attachment"))
    return blocks


__all__ = ["FollowUpContext", "LetterFacts", "build_letter", "clip_table"]
