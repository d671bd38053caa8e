"""Importing several exports in one call gives the same library as importing them one by one,
whatever the order and however the inputs are grouped into calls (issue 12, item 1).

A seeded search over orders and groupings of real fixtures: a two-part Takeout, a full Amazon
download's five zips, Alexa activity pages, a 2018 GDPR zip. The library is compared by what
a user sees of each clip (vendor identifiers, time or "unknown", device, texts, audio hash)
and by the account's device list.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from reviewer.core.library import Library
from reviewer.core.store import AccountDevice, Clip
from reviewer.testing import amazon_download as ad
from reviewer.testing.google_exports import make_entries, write_takeout

TRIALS = 6


@dataclass(frozen=True)
class Exports:
    groups: tuple[tuple[Path, ...], ...]  # each export: the paths that make it

    @property
    def paths(self) -> list[Path]:
        return [p for g in self.groups for p in g]


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Exports:
    base = tmp_path_factory.mktemp("several")
    google = write_takeout(base / "google", make_entries(6, seed=11), as_zip=True, parts=2)
    amazon = ad.write_full_download(base / "amazon", "zips").paths
    activities = ad.write_folder(ad.activities_content(), base / "alexa-activities")
    gdpr = ad.write_zip(ad.gdpr_2018_content(), base / "gdpr" / "amazon-2018.zip")
    return Exports((tuple(google), tuple(amazon), (activities,), (gdpr,)))


def signature(library: Library) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    with library.store.session() as s:
        clips = sorted(
            tuple(str(v) for v in (
                c.vendor, c.vendor_id, None if c.time_unknown else c.recorded_at.isoformat(),
                c.time_approximate, c.device, c.account, c.vendor_transcript, c.audio_sha256,
                c.status)) for c in s.query(Clip))
        devices = sorted(tuple(str(v) for v in (d.vendor, d.account, d.device_key, d.name,
                                                d.device_type))
                         for d in s.query(AccountDevice))
    return list(clips), list(devices)


def import_calls(data_dir: Path, calls: Sequence[Sequence[Path]]) -> Library:
    library = Library.open(data_dir)
    for call in calls:
        library.import_exports(list(call))
    return library


def random_calls(rng: random.Random, paths: Sequence[Path]) -> list[list[Path]]:
    """The paths in a random order, cut into a random number of consecutive calls."""
    order = list(paths)
    rng.shuffle(order)
    cuts = sorted(rng.sample(range(1, len(order)), rng.randint(0, min(3, len(order) - 1))))
    return [order[a:b] for a, b in zip([0, *cuts], [*cuts, len(order)], strict=True)]


def test_several_exports_in_one_call_equal_one_by_one(exports: Exports,
                                                      tmp_path: Path) -> None:
    one_by_one = import_calls(tmp_path / "one-by-one", exports.groups)
    expected = signature(one_by_one)
    one_by_one.close()
    clips, devices = expected
    assert len(clips) == 6 + 7 + 4 + 4 and len(devices) == 3

    everything = import_calls(tmp_path / "all-at-once", [exports.paths])
    assert signature(everything) == expected
    everything.close()

    rng = random.Random(20261202)
    for trial in range(TRIALS):
        calls = random_calls(rng, exports.paths)
        library = import_calls(tmp_path / f"trial-{trial}", calls)
        assert signature(library) == expected, [[p.name for p in c] for c in calls]
        library.close()
