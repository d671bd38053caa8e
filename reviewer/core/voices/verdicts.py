"""The two verdicts, in words: "This export may not be yours" and "Part of this export may be
someone else's", each with its evidence and what to do. Nothing is deleted or hidden here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from reviewer.core.store import Clip, ImportMember, ImportRecord, ImportStatus, Store
from reviewer.core.voices.checks import Finding, metadata_findings, voice_evidence

NOT_YOURS = "not_yours"
PART = "part"
TITLES = {NOT_YOURS: "This export may not be yours",
          PART: "Part of this export may be someone else's"}


@dataclass(frozen=True)
class Verdict:
    kind: str  # NOT_YOURS or PART
    title: str
    evidence: tuple[str, ...]
    advice: tuple[str, ...]
    codes: tuple[str, ...]
    clip_ids: tuple[int, ...]  # the recordings that look like someone else's
    voice_ids: tuple[int, ...]


@dataclass(frozen=True)
class ArchiveCheck:
    import_id: int
    label: str
    vendor: str | None
    imported_at: datetime
    clips: int
    embedded: int
    unmatched: int
    claims: bool
    verdicts: tuple[Verdict, ...]
    notes: tuple[str, ...]
    findings: tuple[Finding, ...]

    @property
    def fired(self) -> bool:
        return bool(self.verdicts)


COMPLAINT_WORDING = (
    "Wording for a complaint to your data-protection supervisory authority (Art. 77 GDPR): "
    "\"In answer to my request for a copy of my personal data (Art. 15 GDPR), {vendor} sent "
    "me an export that contains recordings and records of another person. This discloses "
    "that person's data to me and may be a personal data breach (Art. 4(12), 33 and 34 "
    "GDPR); it also means I did not receive a complete copy of my own data. I ask you to "
    "examine it. Evidence: the export's name and date, the counts and identifiers listed in "
    "my notice to {vendor}, which I can provide.\"")


def describe(f: Finding) -> str:
    n = f.numbers
    if f.code == "several_accounts":
        accounts = ", ".join(f"{a} ({c} records)" for a, c in n["accounts"].items())
        return f"The records name {len(n['accounts'])} different accounts: {accounts}."
    if f.code == "other_account":
        return (f"The account in this export ({', '.join(n['accounts'])}) is not the one in "
                f"your earlier exports ({', '.join(n['earlier'])}).")
    if f.code == "unlisted_devices":
        devices = ", ".join(f"{d} ({c})" for d, c in n["devices"].items())
        return (f"{n['recordings']} of {n['with_device']} recordings come from devices that "
                f"are not on this export's own list of registered devices: {devices}.")
    if f.code == "device_not_ours":
        devices = "; ".join(f"{d}: {v['clips']} recordings, {v['first']} to {v['last']}"
                            for d, v in n["devices"].items())
        return (f"{n['recordings']} of {n['with_device']} recordings come from devices you "
                f"said are not yours: {devices}.")
    if f.code == "before_registration":
        return (f"{n['recordings']} recordings ({n['first']} to {n['last']}) are older than "
                f"every device on this export's own device list (the first was registered "
                f"on {n['registered']}).")
    if f.code == "before_device_registration":
        devices = "; ".join(f"{d}: {v['clips']} recordings, {v['first']} to {v['last']}, "
                            f"registered {v['registered']}" for d, v in n["devices"].items())
        return (f"{n['recordings']} recordings were made on a listed device before it was "
                f"registered to this account: {devices}.")
    if f.code == "unrecognized_speaker":
        return (f"Google marked {n['unrecognized']} of {n['entries']} entries "
                f"({n['share']:.0%}) \"From unrecognized speaker\": its Voice Match did not "
                "recognise the voice.")
    if f.code == "hours_shifted":
        return (f"The hours of day of these recordings match your earlier exports only when "
                f"shifted by {n['shift_hours']:+d} hours: they may come from another time zone.")
    if f.code == "places_far":
        return (f"The places Google recorded with this export's entries are about "
                f"{n['km']:,} km from those of your earlier exports.")
    if f.code == "places_apart":
        return (f"{n['entries']} of {n['located']} located entries were recorded more than "
                f"{n['km']} km from the others (travel, or someone else's phone).")
    if f.code == "other_language":
        return (f"{n['share']:.0%} of this export's transcripts are in \"{n['language']}\", "
                f"your earlier exports' in \"{n['earlier']}\".")
    if f.code == "speech_unmatched":
        return (f"{n['unmatched']} of {n['embedded']} clips with enough speech "
                f"({n['share']:.0%}) match none of the voices you named as yours, your "
                "household's or a guest's.")
    if f.code == "foreign_voice":
        named = " (you named it \"not ours\")" if n.get("named_not_ours") else ""
        return (f"Voice {n['voice']}{named} speaks in {n['clips']} clips of this export and "
                "matches none of the voices you claimed.")
    return f.code


def _advice(kind: str, vendor: str | None, import_id: int) -> tuple[str, ...]:
    who = {"amazon": "Amazon", "google": "Google"}.get(vendor or "", "the vendor")
    steps = [
        "Stop listening: these recordings may be another household's private life. Do not "
        "share them.",
        f"Tell {who}: `reviewer check-archive --import {import_id} --notice en` (or `de`) "
        "writes a short notice (\"you sent me another person's data\") with the export's "
        "name and date, the counts and the identifiers; no audio.",
        COMPLAINT_WORDING.format(vendor=who),
    ]
    if kind == PART:
        steps.append("Listen to one example to be sure (`reviewer voices` lists them), then "
                     "remove the foreign clips from this library: `reviewer check-archive "
                     f"--import {import_id} --delete-foreign` (the normal delete: to the "
                     "trash, undoable).")
    else:
        steps.append("Remove this export's clips from this library once you have told the "
                     f"vendor: `reviewer check-archive --import {import_id} --delete-foreign` "
                     "(the normal delete: to the trash, undoable).")
    return tuple(steps)


def latest_import(store: Store) -> int | None:
    with store.session() as s:
        return s.scalar(select(func.max(ImportRecord.id))
                        .where(ImportRecord.status == ImportStatus.COMPLETE))


def check_import(store: Store, import_id: int) -> ArchiveCheck:
    with store.session() as s:
        record = s.get(ImportRecord, import_id)
        if record is None:
            raise LookupError(f"there is no import {import_id} in this library")
        clips = s.scalar(select(func.count()).select_from(ImportMember)
                         .where(ImportMember.import_id == import_id)) or 0
        vendor = s.scalar(select(Clip.vendor).join(ImportMember,
                                                    ImportMember.clip_id == Clip.id)
                          .where(ImportMember.import_id == import_id).limit(1))
        label, imported_at = record.label, record.started_at
    meta = metadata_findings(store, import_id)
    voices = voice_evidence(store, import_id)
    findings = (*meta, *voices.findings)
    verdicts: list[Verdict] = []
    for kind in (NOT_YOURS, PART):
        chosen = [f for f in findings if f.kind == kind]
        if not chosen:
            continue
        clip_ids = sorted({c for f in chosen for c in f.clip_ids})
        verdicts.append(Verdict(
            kind=kind, title=TITLES[kind], evidence=tuple(describe(f) for f in chosen),
            advice=_advice(kind, vendor, import_id), codes=tuple(f.code for f in chosen),
            clip_ids=tuple(clip_ids),
            voice_ids=tuple(sorted({v for f in chosen for v in f.voice_ids}))))
    notes = [describe(f) for f in findings if f.kind == "note"]
    if voices.embedded and not voices.claims:
        notes.append("Name the voices you know (`reviewer voices`, then `reviewer voices name "
                     "VOICE_ID me|household|guest|not-ours`) so the voices in your exports can "
                     "be checked against them.")
    if not voices.embedded:
        notes.append("The voices in this export have not been analysed yet (`reviewer "
                     "voices` does it); only its records were checked.")
    return ArchiveCheck(import_id=import_id, label=label, vendor=vendor,
                        imported_at=imported_at, clips=clips, embedded=voices.embedded,
                        unmatched=voices.unmatched, claims=voices.claims,
                        verdicts=tuple(verdicts), notes=tuple(notes), findings=findings)
