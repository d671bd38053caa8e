"""A short notice to the vendor: "you sent me another person's data" (English, German).

Built as a `LetterDocument` like the deletion requests (same address block, date, greeting,
closing and "where to send it" guidance from `requests/texts`), so the CLI prints it with
`render_text` and the GUI can lay it out the same way. It names the export (its name and
the day it was imported), counts and identifiers (accounts, device serials, clip times);
it never attaches or quotes audio, and quotes no transcript: that is the other person's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from reviewer.core.requests.document import BulletList, LetterDocument, Paragraph, Table
from reviewer.core.requests.texts import texts_for
from reviewer.core.store import Clip, Store
from reviewer.core.voices.checks import ClipMeta as _Meta
from reviewer.core.voices.checks import serial_of
from reviewer.core.voices.verdicts import NOT_YOURS, ArchiveCheck

MAX_LISTED = 50


@dataclass(frozen=True)
class NoticeTexts:
    title: str
    opening: str  # {export} {import_date} {vendor}
    not_yours: str  # {count}
    part: str  # {foreign} {count}
    evidence_intro: str
    table_intro: str  # {shown} {count}
    header: tuple[str, str, str, str, str]
    more: str  # {rest}
    no_listening: str
    asks_intro: str
    asks: tuple[str, ...]
    no_audio: str
    findings: dict[str, str]


EN = NoticeTexts(
    title="Your data export contains another person's data",
    opening="In answer to my request for a copy of my personal data, {vendor} provided the "
            "export \"{export}\", which I imported on {import_date}.",
    not_yours="It appears not to be my data at all: of its {count} records, most are not "
              "mine.",
    part="Part of it appears to be another person's data: {foreign} of its {count} records "
         "do not seem to be mine.",
    evidence_intro="What points to this:",
    table_intro="The records concerned ({shown} of {count} listed), by your identifiers:",
    header=("No.", "Time (UTC)", "Device", "Identifier", "Record key"),
    more="… and {rest} more.",
    no_listening="I have stopped listening to these recordings and will not share them.",
    asks_intro="Please:",
    asks=(
        "confirm whether this export contains another person's personal data, and how that "
        "happened;",
        "inform the person concerned and, where required, your supervisory authority "
        "(Art. 33 and 34 GDPR);",
        "send me a complete and correct copy of my own personal data (Art. 15 GDPR);",
        "tell me how I should return or destroy the data that is not mine.",
    ),
    no_audio="No recordings are attached to this message.",
    findings={
        "several_accounts": "the records name more than one customer account ({detail});",
        "other_account": "the export's account is not the one my earlier exports name;",
        "unlisted_devices": "recordings come from devices that are not on the export's own "
                            "list of my registered devices ({detail});",
        "unrecognized_speaker": "your own Voice Match marked {detail} of the entries "
                                "\"From unrecognized speaker\";",
        "speech_unmatched": "in {detail} of the recordings I do not recognise the voice of "
                            "anyone in my household;",
        "foreign_voice": "{detail} recordings carry a voice that is not anyone's in my "
                         "household;",
        "hours_shifted": "the recordings' times fit another time zone;",
        "device_not_ours": "recordings come from devices that are not mine ({detail});",
        "before_registration": "{detail} recordings are older than every device registered "
                               "to my account;",
        "before_device_registration": "{detail} recordings were made on a device before it "
                                      "was registered to my account;",
    },
)

DE = NoticeTexts(
    title="Ihr Datenexport enthält Daten einer anderen Person",
    opening="Auf meine Anfrage nach einer Kopie meiner personenbezogenen Daten hin haben Sie "
            "({vendor}) mir den Export „{export}“ bereitgestellt, den ich am {import_date} "
            "eingelesen habe.",
    not_yours="Er scheint überhaupt nicht meine Daten zu enthalten: Von seinen {count} "
              "Einträgen stammen die meisten nicht von mir.",
    part="Ein Teil davon scheint Daten einer anderen Person zu enthalten: {foreign} seiner "
         "{count} Einträge scheinen nicht von mir zu stammen.",
    evidence_intro="Darauf deutet Folgendes hin:",
    table_intro="Die betroffenen Einträge ({shown} von {count} aufgeführt), mit Ihren "
                "Kennungen:",
    header=("Nr.", "Zeit (UTC)", "Gerät", "Kennung", "Record key"),
    more="… und {rest} weitere.",
    no_listening="Ich habe aufgehört, diese Aufnahmen anzuhören, und gebe sie nicht weiter.",
    asks_intro="Bitte",
    asks=(
        "bestätigen Sie mir, ob dieser Export personenbezogene Daten einer anderen Person "
        "enthält, und wie es dazu kam;",
        "benachrichtigen Sie die betroffene Person und, soweit erforderlich, Ihre "
        "Aufsichtsbehörde (Art. 33 und 34 DSGVO);",
        "senden Sie mir eine vollständige und richtige Kopie meiner eigenen Daten "
        "(Art. 15 DSGVO);",
        "teilen Sie mir mit, wie ich die Daten, die nicht meine sind, zurückgeben oder "
        "vernichten soll.",
    ),
    no_audio="Dieser Nachricht sind keine Aufnahmen beigefügt.",
    findings={
        "several_accounts": "die Einträge nennen mehr als ein Kundenkonto ({detail});",
        "other_account": "das Konto des Exports ist nicht das meiner früheren Exporte;",
        "unlisted_devices": "Aufnahmen stammen von Geräten, die nicht in der Liste meiner "
                            "registrierten Geräte im selben Export stehen ({detail});",
        "unrecognized_speaker": "Ihr eigenes Voice Match hat {detail} der Einträge als "
                                "„Von nicht erkanntem Sprecher“ markiert;",
        "speech_unmatched": "in {detail} der Aufnahmen erkenne ich die Stimme niemandes aus "
                            "meinem Haushalt;",
        "foreign_voice": "{detail} Aufnahmen enthalten eine Stimme, die zu niemandem in "
                         "meinem Haushalt gehört;",
        "hours_shifted": "die Uhrzeiten der Aufnahmen passen zu einer anderen Zeitzone;",
        "device_not_ours": "Aufnahmen stammen von Geräten, die nicht meine sind ({detail});",
        "before_registration": "{detail} Aufnahmen sind älter als jedes auf mein Konto "
                               "registrierte Gerät;",
        "before_device_registration": "{detail} Aufnahmen entstanden auf einem Gerät, bevor "
                                      "es auf mein Konto registriert wurde;",
    },
)

NOTICE_TEXTS = {"en": EN, "de": DE}


def _detail(code: str, numbers: dict[str, object]) -> str:
    if code == "several_accounts":
        accounts = numbers.get("accounts")
        return ", ".join(str(a) for a in accounts) if isinstance(accounts, dict) else ""
    if code in ("unlisted_devices", "device_not_ours"):
        devices = numbers.get("devices")
        return ", ".join(str(d) for d in devices) if isinstance(devices, dict) else ""
    if code in ("unrecognized_speaker", "speech_unmatched"):
        share = numbers.get("share")
        return f"{float(share):.0%}" if isinstance(share, int | float) else ""
    if code == "foreign_voice":
        return str(numbers.get("clips", ""))
    if code in ("before_registration", "before_device_registration"):
        return str(numbers.get("recordings", ""))
    return ""


def build_notice(store: Store, check: ArchiveCheck, language: str = "en",
                 name: str | None = None, email: str | None = None,
                 today: date | None = None) -> LetterDocument:
    if language not in NOTICE_TEXTS:
        raise ValueError(f"no notice texts in {language!r} (available: en, de)")
    if not check.verdicts:
        raise ValueError("this export raised no verdict: there is nothing to tell the vendor")
    n, t = NOTICE_TEXTS[language], texts_for(language)
    vendor = t.vendors.get(check.vendor or "", check.vendor or "")
    verdict = next((v for v in check.verdicts if v.kind == NOT_YOURS), check.verdicts[0])
    clip_ids = sorted({c for v in check.verdicts for c in v.clip_ids})
    body: list[Paragraph | BulletList | Table] = [
        Paragraph(n.opening.format(vendor=vendor, export=check.label,
                                   import_date=t.format_date(check.imported_at.date()))),
        Paragraph(n.not_yours.format(count=check.clips) if verdict.kind == NOT_YOURS
                  else n.part.format(foreign=len(clip_ids), count=check.clips)),
        Paragraph(n.evidence_intro),
        BulletList(tuple(n.findings[f.code].format(detail=_detail(f.code, f.numbers))
                         for f in check.findings
                         if f.kind != "note" and f.code in n.findings)),
    ]
    if clip_ids:
        rows = _rows(store, clip_ids[:MAX_LISTED], n)
        body.append(Table(n.header, rows, caption=n.table_intro.format(
            shown=len(rows), count=len(clip_ids))))
        if len(clip_ids) > MAX_LISTED:
            body.append(Paragraph(n.more.format(rest=len(clip_ids) - MAX_LISTED)))
    body += [Paragraph(n.no_listening), Paragraph(n.asks_intro), BulletList(n.asks),
             Paragraph(n.no_audio)]
    return LetterDocument(
        language=language, law="notice", title=n.title,
        sender=(name or t.name_missing, email or t.email_missing),
        recipient=(vendor, *t.recipient), date_line=t.format_date(today or date.today()),
        salutation=t.salutation, body=tuple(body), closing=t.closing,
        signature=(name or t.name_missing,),
        guidance=t.guidance.get(check.vendor or "", ()) + t.guidance_common)


def _rows(store: Store, clip_ids: list[int], n: NoticeTexts) -> tuple[tuple[str, ...], ...]:
    with store.session() as s:
        clips = list(s.scalars(select(Clip).where(Clip.id.in_(clip_ids))
                               .order_by(Clip.recorded_at, Clip.id)))
    rows = []
    for number, c in enumerate(clips, start=1):
        ids = c.identifiers or {}
        meta = _Meta(c.id, c.vendor, c.account, dict(ids), c.device, (), 0)
        ident = str(ids.get("utteranceId") or c.vendor_id or c.source_path)
        key = str(ids.get("recordKey") or "")
        device = c.device or serial_of(meta) or ""
        when = "–" if c.time_unknown else f"{c.recorded_at:%Y-%m-%d %H:%M:%S}"
        rows.append((str(number), when, device, ident,
                     "" if key == ident else key))
    return tuple(rows)
