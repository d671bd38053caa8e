"""The two verdicts, in words: "This export may not be yours" and "Part of this export may be
someone else's", each with its evidence and what to do. Nothing is deleted or hidden here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from reviewer.core.messages import Msg, joined
from reviewer.core.store import Clip, ImportMember, ImportRecord, ImportStatus, Store
from reviewer.core.voices.checks import Finding, metadata_findings, voice_evidence

NOT_YOURS = "not_yours"
PART = "part"
TITLES = {NOT_YOURS: Msg("This export may not be yours"),
          PART: Msg("Part of this export may be someone else's")}


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


def complaint_wording(vendor: str) -> str:
    return Msg("Wording for a complaint to your data-protection supervisory authority (Art. 77 "
               "GDPR): \"In answer to my request for a copy of my personal data (Art. 15 GDPR), "
               "{vendor} sent me an export that contains recordings and records of another "
               "person. This discloses that person's data to me and may be a personal data "
               "breach (Art. 4(12), 33 and 34 GDPR); it also means I did not receive a "
               "complete copy of my own data. I ask you to examine it. Evidence: the export's "
               "name and date, the counts and identifiers listed in my notice to {vendor}, "
               "which I can provide.\"", vendor=vendor)


def describe(f: Finding) -> str:
    n = f.numbers
    if f.code == "several_accounts":
        accounts = joined(", ", (Msg("{account} ({n} records)", account=a, n=c)
                                 for a, c in n["accounts"].items()))
        return Msg("The records name {n} different accounts: {accounts}.",
                   n=len(n["accounts"]), accounts=accounts)
    if f.code == "other_account":
        return Msg("The account in this export ({accounts}) is not the one in your earlier "
                   "exports ({earlier}).", accounts=", ".join(n["accounts"]),
                   earlier=", ".join(n["earlier"]))
    if f.code == "unlisted_devices":
        devices = ", ".join(f"{d} ({c})" for d, c in n["devices"].items())
        return Msg("{n} of {total} recordings come from devices that are not on this "
                   "export's own list of registered devices: {devices}.",
                   n=n["recordings"], total=n["with_device"], devices=devices)
    if f.code == "device_not_ours":
        return Msg("{n} of {total} recordings come from devices you said are not yours: "
                   "{devices}.", n=n["recordings"], total=n["with_device"],
                   devices=_device_spans(n["devices"], registered=False))
    if f.code == "before_registration":
        return Msg("{n} recordings ({first} to {last}) are older than every device on this "
                   "export's own device list (the first was registered on {registered}).",
                   n=n["recordings"], first=str(n["first"]), last=str(n["last"]),
                   registered=str(n["registered"]))
    if f.code == "before_device_registration":
        return Msg("{n} recordings were made on a listed device before it was registered to "
                   "this account: {devices}.", n=n["recordings"],
                   devices=_device_spans(n["devices"], registered=True))
    if f.code == "unrecognized_speaker":
        return Msg("Google marked {n} of {total} entries ({share}) \"From unrecognized "
                   "speaker\": its Voice Match did not recognise the voice.",
                   n=n["unrecognized"], total=n["entries"], share=f"{n['share']:.0%}")
    if f.code == "hours_shifted":
        return Msg("The hours of day of these recordings match your earlier exports only "
                   "when shifted by {hours} hours: they may come from another time zone.",
                   hours=f"{n['shift_hours']:+d}")
    if f.code == "places_far":
        return Msg("The places Google recorded with this export's entries are about {km} km "
                   "from those of your earlier exports.", km=int(n["km"]))
    if f.code == "places_apart":
        return Msg("{n} of {total} located entries were recorded more than {km} km from the "
                   "others (travel, or someone else's phone).", n=n["entries"],
                   total=n["located"], km=n["km"])
    if f.code == "other_language":
        return Msg("{share} of this export's transcripts are in \"{language}\", your earlier "
                   "exports' in \"{earlier}\".", share=f"{n['share']:.0%}",
                   language=n["language"], earlier=n["earlier"])
    if f.code == "speech_unmatched":
        return Msg("{n} of {total} clips with enough speech ({share}) match none of the voices "
                   "you named as yours, your household's or a guest's.", n=n["unmatched"],
                   total=n["embedded"], share=f"{n['share']:.0%}")
    if f.code == "foreign_voice":
        if n.get("named_not_ours"):
            return Msg("Voice {voice} (you named it \"not ours\") speaks in {n} clips of this "
                       "export and matches none of the voices you claimed.",
                       voice=str(n["voice"]), n=n["clips"])
        return Msg("Voice {voice} speaks in {n} clips of this export and matches none of the "
                   "voices you claimed.", voice=str(n["voice"]), n=n["clips"])
    return f.code


def _device_spans(devices: dict[str, dict[str, object]], registered: bool) -> str:
    """"Echo Dot: 12 recordings, 2023-01-02 to 2023-03-04[, registered 2023-05-06]"; …"""
    if registered:
        return joined("; ", (Msg("{device}: {n} recordings, {first} to {last}, registered "
                                 "{registered}", device=d, n=v["clips"], first=str(v["first"]),
                                 last=str(v["last"]), registered=str(v["registered"]))
                             for d, v in devices.items()))
    return joined("; ", (Msg("{device}: {n} recordings, {first} to {last}", device=d,
                             n=v["clips"], first=str(v["first"]), last=str(v["last"]))
                         for d, v in devices.items()))


def _advice(kind: str, vendor: str | None, import_id: int) -> tuple[str, ...]:
    who = {"amazon": "Amazon", "google": "Google"}.get(vendor or "") or Msg("the vendor")
    steps = [
        Msg("Stop listening: these recordings may be another household's private life. Do "
            "not share them."),
        Msg("Tell {vendor}: `reviewer check-archive --import {id} --notice en` (or `de`) "
            "writes a short notice (\"you sent me another person's data\") with the export's "
            "name and date, the counts and the identifiers; no audio.", vendor=who,
            id=str(import_id)),
        complaint_wording(who),
    ]
    if kind == PART:
        steps.append(Msg("Listen to one example to be sure (`reviewer voices` lists them), "
                         "then remove the foreign clips from this library: `reviewer "
                         "check-archive --import {id} --delete-foreign` (the normal delete: to "
                         "the trash, undoable).", id=str(import_id)))
    else:
        steps.append(Msg("Remove this export's clips from this library once you have told "
                         "the vendor: `reviewer check-archive --import {id} --delete-foreign` "
                         "(the normal delete: to the trash, undoable).", id=str(import_id)))
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
        notes.append(Msg("Name the voices you know (`reviewer voices`, then `reviewer voices name "
                     "VOICE_ID me|household|guest|not-ours`) so the voices in your exports can "
                     "be checked against them."))
    if not voices.embedded:
        notes.append(Msg("The voices in this export have not been analysed yet (`reviewer "
                         "voices` does it); only its records were checked."))
    return ArchiveCheck(import_id=import_id, label=label, vendor=vendor,
                        imported_at=imported_at, clips=clips, embedded=voices.embedded,
                        unmatched=voices.unmatched, claims=voices.claims,
                        verdicts=tuple(verdicts), notes=tuple(notes), findings=findings)
