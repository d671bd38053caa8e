"""Is this export the user's? Evidence from the metadata (no audio) and from the voices.

Two questions, per import: *is this export mine?* and *is part of it someone else's?*
Nothing here deletes or hides anything; it finds evidence, and `verdicts.py` puts it in words.

Metadata (runs right after an import, before any audio is analysed):
- accounts: more than one customer/account id among an export's records (Alexa `recordKey`
  = `customerId#timestampMs#deviceType#serial`, `customerId`, `registeredCustomerId`,
  `deviceAccountId`; Google: the account the export names), or an account that shares
  nothing with the user's earlier exports of the same vendor;
- devices: serials (from `recordKey`, the record's device, the `utteranceId`) that the
  export's own device-registration list does not hold, when the export has such a list;
- Google's Voice Match: the share of entries marked "From unrecognized speaker";
- hours: recordings whose hours of day fit the user's earlier exports only when shifted by
  several hours (another time zone), given enough recordings on both sides;
- places: Google's `locationInfos` far (300 km+) from the earlier exports' or from the rest of
  the export. People travel with their phones: hours and places are notes, never verdicts.
  Place names in weather or traffic requests would need a gazetteer; they are not checked.
- language: transcripts mostly in another language than the earlier exports' (a note).

Voices (once clips are embedded and clustered): the share of the export's speech that matches
no voice the user claimed (me / household / guest or TV, or the enrolled voice), and voices of
3+ clips that match nobody claimed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import select

from reviewer.core.store import AccountDevice, Clip, ImportMember, ImportRecord, Store
from reviewer.core.store.voice_tables import (
    ClipEmbedding,
    DeviceMark,
    EmbeddingStatus,
    Voice,
    VoiceLabel,
)
from reviewer.core.voices.clusters import centre_of, normalise, threshold_for
from reviewer.core.voices.voices import CLAIMED, to_vector

UNRECOGNIZED_DETAILS = ("From unrecognized speaker", "From unrecognised speaker")
ACCOUNT_KEYS = ("customerId", "registeredCustomerId", "deviceAccountId")
# An export is "mostly" someone else's speech above this share of its embedded clips.
NOT_YOURS_SHARE = 0.6
MIN_CLIPS_FOR_SHARE = 5
MIN_FOREIGN_VOICE_CLIPS = 3
UNRECOGNIZED_NOT_YOURS = 0.5
UNRECOGNIZED_PART = 0.2
MIN_UNRECOGNIZED_ENTRIES = 10
# Hours of day: both sides need this many recordings, and the best shift must beat no shift
# by this much (histogram overlap, 0..1) and be at least 3 hours.
MIN_CLIPS_FOR_HOURS = 40
HOUR_SHIFT_GAIN = 0.25
# A voice whose centroid is this close (centred cosine) to a claimed one is the same person
# split in two by clustering, not a stranger.
SAME_PERSON_CENTROID = 0.5
# utteranceId: "<deviceType>:1.0/YYYY/MM/DD/HH/<serial>/MM:SS::..."
_CENTER = re.compile(r"center=(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")
# Places: two sets of locations this far apart (km, between their medians) are worth a note;
# people travel with their phones, so places alone never raise a verdict.
FAR_KM = 300.0
MIN_LOCATED = 5
MIN_CLIPS_FOR_LANGUAGE = 20
_UTTERANCE = re.compile(r"^(?P<type>[A-Z0-9]+):[\d.]+/\d{4}/\d{2}/\d{2}/\d{2}/(?P<serial>[^/]+)/")


@dataclass(frozen=True)
class Finding:
    """One piece of evidence. `kind`: "not_yours", "part" (points to someone else's data),
    or "note" (worth knowing, no verdict)."""

    code: str
    kind: str
    numbers: dict[str, Any] = field(default_factory=dict)
    clip_ids: tuple[int, ...] = ()
    voice_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ClipMeta:
    clip_id: int
    vendor: str
    account: str | None
    identifiers: dict[str, Any]
    device: str | None
    details: tuple[str, ...]
    hour: int  # UTC; -1 when the clip's time is unknown
    location: tuple[float, float] | None = None
    recorded_at: datetime | None = None  # None when the clip's time is unknown


def _clip_meta(clip: Clip) -> ClipMeta:
    extra = clip.vendor_extra or {}
    details = extra.get("details") or []
    return ClipMeta(clip.id, clip.vendor, clip.account, dict(clip.identifiers or {}),
                    clip.device, tuple(str(d) for d in details),
                    -1 if clip.time_unknown else clip.recorded_at.hour, location_of(extra),
                    None if clip.time_unknown else clip.recorded_at)


def location_of(extra: dict[str, Any]) -> tuple[float, float] | None:
    """Google's `locationInfos` map link ("...center=LAT,LON...") of the raw entry."""
    entry = extra.get("entry")
    infos = entry.get("locationInfos") if isinstance(entry, dict) else None
    for info in infos if isinstance(infos, list) else []:
        url = info.get("url") if isinstance(info, dict) else None
        m = _CENTER.search(url) if isinstance(url, str) else None
        if m:
            lat, lon = float(m.group(1)), float(m.group(2))
            if -90 <= lat <= 90 and -180 <= lon <= 180:
                return lat, lon
    return None


def import_clips(store: Store, import_id: int) -> list[ClipMeta]:
    with store.session() as s:
        clips = s.scalars(select(Clip).where(Clip.id.in_(
            select(ImportMember.clip_id).where(ImportMember.import_id == import_id))))
        return [_clip_meta(c) for c in clips]


def accounts_of(meta: ClipMeta) -> set[str]:
    found = {str(meta.identifiers[k]) for k in ACCOUNT_KEYS if meta.identifiers.get(k)}
    if meta.account:
        found.add(meta.account)
    return found


def serial_of(meta: ClipMeta) -> str | None:
    serial = meta.identifiers.get("serial")
    if serial:
        return str(serial)
    key = meta.identifiers.get("recordKey")
    if isinstance(key, str) and key.count("#") >= 3:
        return key.split("#", 3)[3] or None
    uid = meta.identifiers.get("utteranceId")
    if isinstance(uid, str):
        m = _UTTERANCE.match(uid)
        if m:
            return m.group("serial")
    return None


def account_findings(store: Store, import_id: int, clips: list[ClipMeta]) -> list[Finding]:
    out: list[Finding] = []
    per_account: Counter[str] = Counter()
    clips_of: dict[str, list[int]] = {}
    for c in clips:
        for a in accounts_of(c):
            per_account[a] += 1
            clips_of.setdefault(a, []).append(c.clip_id)
    with store.session() as s:
        record = s.get(ImportRecord, import_id)
        if record is not None and record.account and record.account not in per_account:
            per_account[record.account] += 0
    if len(per_account) > 1:
        main, _n = per_account.most_common(1)[0]
        others = [a for a in per_account if a != main]
        out.append(Finding(
            "several_accounts", "part",
            {"accounts": dict(per_account.most_common()), "main": main},
            clip_ids=tuple(sorted({c for a in others for c in clips_of.get(a, [])}))))
    if per_account:
        earlier = _earlier_accounts(store, import_id, clips[0].vendor if clips else None)
        if earlier and not (set(per_account) & earlier):
            out.append(Finding("other_account", "note",
                               {"accounts": sorted(per_account), "earlier": sorted(earlier)}))
    return out


def _earlier_accounts(store: Store, import_id: int, vendor: str | None) -> set[str]:
    if vendor is None:
        return set()
    with store.session() as s:
        rows = s.scalars(select(Clip).where(
            Clip.vendor == vendor,
            ~Clip.id.in_(select(ImportMember.clip_id)
                         .where(ImportMember.import_id == import_id))).limit(5000))
        found: set[str] = set()
        for clip in rows:
            found |= accounts_of(_clip_meta(clip))
    return found


def registered_devices(store: Store, import_id: int) -> set[str] | None:
    """Serials and names on the export's own device list (Amazon's Devices.Registration),
    or None when the export has no such list."""
    with store.session() as s:
        rows = s.execute(select(AccountDevice.serial, AccountDevice.name,
                                AccountDevice.device_key)
                         .where(AccountDevice.import_id == import_id)).all()
    if not rows:
        return None
    return {str(v).strip().lower() for row in rows for v in row if v}


def device_findings(store: Store, import_id: int, clips: list[ClipMeta]) -> list[Finding]:
    listed = registered_devices(store, import_id)
    if listed is None:
        return []
    # A device the user said is theirs counts as listed (a gift, a list Amazon left short).
    listed = listed | {k for k, m in device_marks(store).items() if m == OURS}
    missing: dict[str, list[int]] = {}
    for c in clips:
        serial = serial_of(c)
        keys = {k.strip().lower() for k in (serial, c.device) if k}
        if keys and not keys & listed:
            missing.setdefault(serial or c.device or "?", []).append(c.clip_id)
    if not missing:
        return []
    n_missing = sum(len(v) for v in missing.values())
    with_device = sum(1 for c in clips if serial_of(c) or c.device)
    kind = "not_yours" if n_missing == with_device else "part"
    return [Finding("unlisted_devices", kind,
                    {"devices": {k: len(v) for k, v in sorted(missing.items())},
                     "recordings": n_missing, "with_device": with_device,
                     "listed": len(listed)},
                    clip_ids=tuple(sorted(c for v in missing.values() for c in v)))]


OURS = "ours"
NOT_OURS = "not_ours"
# A device "holds most" of an export above this share of its recordings with a device.
MOST_RECORDINGS = 0.5
# Registration times are a day's slack: a device set up late in the evening records in what
# is already the next day elsewhere, and lists write dates without a zone.
REGISTRATION_SLACK = timedelta(days=1)
_DATE_FORMATS = ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y", "%Y-%m-%d %H:%M:%S %Z",
                 "%d.%m.%Y %H:%M:%S", "%d.%m.%Y")


def device_marks(store: Store) -> dict[str, str]:
    """The user's answers: device key (serial, else name; lower case) -> OURS / NOT_OURS."""
    with store.session() as s:
        return {k: m for k, m in s.execute(select(DeviceMark.device_key, DeviceMark.mark))}


def clip_device_keys(meta: ClipMeta) -> set[str]:
    return {k.strip().lower() for k in (serial_of(meta), meta.device) if k}


def marked_device_findings(store: Store, clips: list[ClipMeta]) -> list[Finding]:
    """Recordings from devices the user said are not theirs."""
    not_ours = {k for k, m in device_marks(store).items() if m == NOT_OURS}
    if not not_ours:
        return []
    hit: dict[str, list[ClipMeta]] = {}
    with_device = 0
    for c in clips:
        keys = clip_device_keys(c)
        with_device += bool(keys)
        if keys & not_ours:
            name = c.device or serial_of(c) or "?"
            serial = serial_of(c)
            label = f"{name} ({serial})" if serial and serial != name else name
            hit.setdefault(label, []).append(c)
    if not hit:
        return []
    n = sum(len(v) for v in hit.values())
    devices = {}
    for label, group in sorted(hit.items(), key=lambda kv: -len(kv[1])):
        times = sorted(c.recorded_at for c in group if c.recorded_at is not None)
        devices[label] = {"clips": len(group),
                          "first": times[0].date().isoformat() if times else None,
                          "last": times[-1].date().isoformat() if times else None}
    kind = "not_yours" if n > MOST_RECORDINGS * with_device else "part"
    return [Finding("device_not_ours", kind,
                    {"devices": devices, "recordings": n, "with_device": with_device},
                    clip_ids=tuple(sorted(c.clip_id for v in hit.values() for c in v)))]


def parse_registered(text: str | None) -> datetime | None:
    """A registration time as device lists write it (ISO 8601, US or German dates); None
    when it cannot be read, so nothing is claimed from it."""
    value = (text or "").strip()
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        for fmt in _DATE_FORMATS:
            try:
                when = datetime.strptime(value, fmt)
                break
            except ValueError:
                continue
        else:
            return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def registration_findings(store: Store, import_id: int,
                          clips: list[ClipMeta]) -> list[Finding]:
    """Recordings older than every device of the export's own list, or older than the listed
    device they were made on. Without registration dates nothing is claimed."""
    with store.session() as s:
        rows = s.execute(select(AccountDevice.serial, AccountDevice.name,
                                AccountDevice.device_key, AccountDevice.first_registered)
                         .where(AccountDevice.import_id == import_id)).all()
    registered: dict[str, datetime] = {}
    for serial, name, key, first in rows:
        when = parse_registered(first)
        if when is None:
            continue
        for k in (serial, name, key):
            if k:
                registered[k.strip().lower()] = min(when, registered.get(k.strip().lower(),
                                                                         when))
    if not registered:
        return []
    earliest = min(registered.values())
    before_all: list[ClipMeta] = []
    before_own: dict[str, list[ClipMeta]] = {}
    for c in clips:
        if c.recorded_at is None:
            continue
        if c.recorded_at < earliest - REGISTRATION_SLACK:
            before_all.append(c)
            continue
        own = [registered[k] for k in clip_device_keys(c) if k in registered]
        if own and c.recorded_at < min(own) - REGISTRATION_SLACK:
            before_own.setdefault(c.device or serial_of(c) or "?", []).append(c)
    out: list[Finding] = []
    if before_all:
        times = sorted(c.recorded_at for c in before_all if c.recorded_at is not None)
        out.append(Finding("before_registration", "part",
                           {"recordings": len(before_all), "first": times[0].date().isoformat(),
                            "last": times[-1].date().isoformat(),
                            "registered": earliest.date().isoformat()},
                           clip_ids=tuple(sorted(c.clip_id for c in before_all))))
    if before_own:
        devices = {}
        for name, group in sorted(before_own.items()):
            times = sorted(c.recorded_at for c in group if c.recorded_at is not None)
            keys = set().union(*(clip_device_keys(c) for c in group))
            devices[name] = {"clips": len(group), "first": times[0].date().isoformat(),
                             "last": times[-1].date().isoformat(),
                             "registered": min(registered[k] for k in keys
                                               if k in registered).date().isoformat()}
        out.append(Finding("before_device_registration", "part",
                           {"devices": devices,
                            "recordings": sum(len(v) for v in before_own.values())},
                           clip_ids=tuple(sorted(c.clip_id for v in before_own.values()
                                                 for c in v))))
    return out


def unrecognized_findings(clips: list[ClipMeta]) -> list[Finding]:
    google = [c for c in clips if c.vendor == "google"]
    if len(google) < MIN_UNRECOGNIZED_ENTRIES:
        return []
    flagged = [c.clip_id for c in google
               if any(d in UNRECOGNIZED_DETAILS for d in c.details)]
    share = len(flagged) / len(google)
    if share < UNRECOGNIZED_PART:
        return []
    kind = "not_yours" if share >= UNRECOGNIZED_NOT_YOURS else "part"
    return [Finding("unrecognized_speaker", kind,
                    {"share": round(share, 3), "entries": len(google),
                     "unrecognized": len(flagged)}, clip_ids=tuple(sorted(flagged)))]


def hour_findings(store: Store, import_id: int, clips: list[ClipMeta]) -> list[Finding]:
    clips = [c for c in clips if c.hour >= 0]  # a clip whose time is unknown has no hour
    if len(clips) < MIN_CLIPS_FOR_HOURS:
        return []
    with store.session() as s:
        earlier = [when.hour for when in s.scalars(select(Clip.recorded_at).where(
            ~Clip.id.in_(select(ImportMember.clip_id)
                         .where(ImportMember.import_id == import_id)),
            Clip.time_unknown.is_(False)).limit(20000))]
    if len(earlier) < MIN_CLIPS_FOR_HOURS:
        return []
    mine = np.bincount([c.hour for c in clips], minlength=24) / len(clips)
    ref = np.bincount(earlier, minlength=24) / len(earlier)
    overlap = [float(np.minimum(np.roll(mine, k), ref).sum()) for k in range(24)]
    best = int(np.argmax(overlap))
    shift = best if best <= 12 else best - 24
    if abs(shift) >= 3 and overlap[best] - overlap[0] >= HOUR_SHIFT_GAIN:
        return [Finding("hours_shifted", "note",
                        {"shift_hours": shift, "overlap": round(overlap[0], 2),
                         "overlap_shifted": round(overlap[best], 2)})]
    return []


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(np.radians, (a[0], a[1], b[0], b[1]))
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin(
        (lon2 - lon1) / 2) ** 2
    return float(2 * 6371.0 * np.arcsin(np.sqrt(h)))


def _median_place(points: list[tuple[float, float]]) -> tuple[float, float]:
    return float(np.median([p[0] for p in points])), float(np.median([p[1] for p in points]))


def place_findings(store: Store, import_id: int, clips: list[ClipMeta]) -> list[Finding]:
    here = [c.location for c in clips if c.location is not None]
    if len(here) < MIN_LOCATED:
        return []
    with store.session() as s:
        rows = s.scalars(select(Clip).where(
            Clip.vendor == "google", ~Clip.id.in_(
                select(ImportMember.clip_id).where(ImportMember.import_id == import_id)))
            .limit(5000))
        earlier = [p for p in (location_of(c.vendor_extra or {}) for c in rows) if p]
    out: list[Finding] = []
    centre = _median_place(here)
    if len(earlier) >= MIN_LOCATED:
        distance = _km(centre, _median_place(earlier))
        if distance >= FAR_KM:
            out.append(Finding("places_far", "note", {"km": round(distance)}))
    far = [c.clip_id for c in clips if c.location is not None
           and _km(c.location, centre) >= FAR_KM]
    if len(far) >= 3 and len(far) * 2 < len(here):
        out.append(Finding("places_apart", "note", {"entries": len(far), "located": len(here),
                                                    "km": round(FAR_KM)},
                           clip_ids=tuple(sorted(far))))
    return out


def language_findings(store: Store, import_id: int) -> list[Finding]:
    """Transcripts mostly in another language than the earlier exports' (a note: a family
    may speak two languages; an English-only model only ever says "en")."""
    members = select(ImportMember.clip_id).where(ImportMember.import_id == import_id)
    with store.session() as s:
        here = Counter(s.scalars(select(Clip.language).where(
            Clip.id.in_(members), Clip.language.is_not(None))))
        before = Counter(s.scalars(select(Clip.language).where(
            ~Clip.id.in_(members), Clip.language.is_not(None)).limit(20000)))
    if sum(here.values()) < MIN_CLIPS_FOR_LANGUAGE or \
            sum(before.values()) < MIN_CLIPS_FOR_LANGUAGE:
        return []
    main_here, n_here = here.most_common(1)[0]
    main_before, _n = before.most_common(1)[0]
    share = n_here / sum(here.values())
    if main_here != main_before and share >= 0.5:
        return [Finding("other_language", "note",
                        {"language": main_here, "share": round(share, 3),
                         "earlier": main_before})]
    return []


def metadata_findings(store: Store, import_id: int) -> list[Finding]:
    clips = import_clips(store, import_id)
    if not clips:
        return []
    return [*account_findings(store, import_id, clips), *device_findings(store, import_id, clips),
            *marked_device_findings(store, clips), *registration_findings(store, import_id, clips),
            *unrecognized_findings(clips), *hour_findings(store, import_id, clips),
            *place_findings(store, import_id, clips), *language_findings(store, import_id)]


# --- voices ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class VoiceEvidence:
    embedded: int  # clips of this import with a voice embedding
    unmatched: int  # ... that match no claimed voice
    claims: bool  # has the user claimed any voice (or enrolled)?
    findings: tuple[Finding, ...]


def voice_evidence(store: Store, import_id: int) -> VoiceEvidence:
    with store.session() as s:
        rows = [ImportClip(cid, to_vector(vec), float(speech), vid) for cid, vec, speech, vid
                in s.execute(
                    select(ClipEmbedding.clip_id, ClipEmbedding.vector, ClipEmbedding.speech_s,
                           ClipEmbedding.voice_id)
                    .where(ClipEmbedding.status == EmbeddingStatus.DONE,
                           ClipEmbedding.vector.is_not(None),
                           ClipEmbedding.clip_id.in_(
                               select(ImportMember.clip_id)
                               .where(ImportMember.import_id == import_id))))
                if vec is not None]
        voices = {v.id: KnownVoice(v.id, v.label, to_vector(v.centroid))
                  for v in s.scalars(select(Voice))}
        every = [to_vector(v) for v in s.scalars(
            select(ClipEmbedding.vector).where(ClipEmbedding.status == EmbeddingStatus.DONE))
            if v is not None]
    unit = normalise(np.stack(every)) if every else np.zeros((0, 192), dtype=np.float32)
    return evidence_from(rows, voices, centre_of(unit))


@dataclass(frozen=True)
class ImportClip:
    clip_id: int
    vector: npt.NDArray[np.float32]
    speech_s: float
    voice_id: int | None


@dataclass(frozen=True)
class KnownVoice:
    id: int
    label: str | None
    centroid: npt.NDArray[np.float32]


def evidence_from(rows: list[ImportClip], voices: dict[int, KnownVoice],
                  centre: npt.NDArray[np.float32]) -> VoiceEvidence:
    """The voice findings for one import's embedded clips, given every voice of the library
    (with the user's labels) and the centre the clustering used. Pure: the benchmark runs
    exactly this."""
    claimed = {vid for vid, v in voices.items() if v.label in CLAIMED}
    if not rows:
        return VoiceEvidence(0, 0, bool(claimed), ())

    def centred(vec: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        return normalise(normalise(vec) - centre)

    refs = [centred(voices[vid].centroid) for vid in claimed]
    # A voice that is a claimed person split off by clustering counts as that person.
    same_as_claimed = {vid for vid, v in voices.items() if vid not in claimed
                       and v.label != VoiceLabel.NOT_OURS and refs and
                       max(float(centred(v.centroid) @ r) for r in refs)
                       >= SAME_PERSON_CENTROID}
    unmatched: list[int] = []
    foreign_by_voice: dict[int, list[int]] = {}
    for row in rows:
        if row.voice_id in claimed or row.voice_id in same_as_claimed:
            continue
        if row.voice_id is None and refs:
            x = centred(row.vector)
            if max(float(x @ r) for r in refs) >= float(threshold_for(row.speech_s)):
                continue  # a loose clip that sounds like a claimed voice
        unmatched.append(row.clip_id)
        if row.voice_id is not None:
            foreign_by_voice.setdefault(row.voice_id, []).append(row.clip_id)
    findings: list[Finding] = []
    share = len(unmatched) / len(rows)
    named_foreign = {vid for vid in foreign_by_voice
                     if voices[vid].label == VoiceLabel.NOT_OURS}
    if claimed and len(rows) >= MIN_CLIPS_FOR_SHARE and share >= NOT_YOURS_SHARE:
        findings.append(Finding("speech_unmatched", "not_yours",
                                {"share": round(share, 3), "embedded": len(rows),
                                 "unmatched": len(unmatched)}, clip_ids=tuple(sorted(unmatched))))
    for vid, clip_ids in sorted(foreign_by_voice.items(), key=lambda kv: -len(kv[1])):
        if len(clip_ids) < MIN_FOREIGN_VOICE_CLIPS:
            continue
        if claimed or vid in named_foreign:
            findings.append(Finding(
                "foreign_voice", "part",
                {"voice": vid, "clips": len(clip_ids), "named_not_ours": vid in named_foreign},
                clip_ids=tuple(sorted(clip_ids)), voice_ids=(vid,)))
    return VoiceEvidence(len(rows), len(unmatched), bool(claimed), tuple(findings))


def all_findings(store: Store, import_id: int) -> list[Finding]:
    return [*metadata_findings(store, import_id), *voice_evidence(store, import_id).findings]
