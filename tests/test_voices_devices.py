"""Devices the user says are not theirs, and recordings older than the account's devices:
built Amazon downloads (with their registration list) through `reviewer devices` and
`reviewer check-archive --json`."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.core.library import Library
from reviewer.testing.alexa_exports import DEFAULT_MTIME, DEVICES, _zip_bytes, render_csv
from reviewer.testing.amazon_download import PHONE, download_zips

KITCHEN, LIVING = DEVICES  # (name, type, serial); each recorded 3 of the 6 records


def _download(tmp: Path, registered: dict[str, str] | None = None) -> Path:
    """The full download; `registered` overrides FirstTimeRegistered by device name ("" for
    a list that gives no date)."""
    zips, _clips = download_zips()
    if registered is not None:
        zips["Devices.Registration.zip"] = {"registration.csv": render_csv([
            {"AccountName": name, "DeviceSerialNumber": serial, "DeviceType": dtype,
             "FirstTimeRegistered": registered.get(name, "2017-12-24T10:00:00Z")}
            for name, dtype, serial in (*DEVICES, PHONE)])}
    root = tmp / "download"
    root.mkdir()
    for name, files in zips.items():
        (root / name).write_bytes(_zip_bytes(files, DEFAULT_MTIME))
    return root


class Cli:
    def __init__(self, data_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.data_dir, self.capsys = data_dir, capsys

    def run(self, *args: str) -> str:
        code = main(["--data-dir", self.data_dir, *args])
        captured = self.capsys.readouterr()
        assert code == 0, captured.err
        return captured.out

    def json(self, *args: str) -> object:
        return json.loads(self.run(*args, "--json"))

    def verdicts(self) -> list[dict[str, object]]:
        check = self.json("check-archive")
        assert isinstance(check, dict)
        return list(check["verdicts"])


@pytest.fixture
def cli(library: Library, capsys: pytest.CaptureFixture[str]) -> Cli:
    data_dir = str(library.paths.data_dir)
    library.close()
    return Cli(data_dir, capsys)


def test_own_download_lists_its_devices_and_raises_nothing(cli: Cli, tmp_path: Path) -> None:
    cli.run("import", str(_download(tmp_path)))
    assert cli.verdicts() == []
    devices = cli.json("devices")
    assert isinstance(devices, list)
    by_name = {d["name"]: d for d in devices}
    assert set(by_name) == {KITCHEN[0], LIVING[0], PHONE[0]}
    kitchen = by_name[KITCHEN[0]]
    assert (kitchen["serial"], kitchen["device_type"], kitchen["clips"], kitchen["listed"]) \
        == (KITCHEN[2], KITCHEN[1], 3, True)
    assert kitchen["first"].startswith("2018-02-02") and kitchen["last"].startswith("2018-02-02")
    assert kitchen["registered"].startswith("2017-12-24") and kitchen["mark"] is None
    assert by_name[PHONE[0]]["clips"] == 0 and by_name[PHONE[0]]["first"] is None
    assert "Kitchen Echo  G090LF0964340EAH" in cli.run("devices")


def test_devices_marked_not_ours(cli: Cli, tmp_path: Path) -> None:
    cli.run("import", str(_download(tmp_path)))
    assert "NOT YOURS" in cli.run("devices", "mark", "kitchen echo", "not-ours")
    [verdict] = cli.verdicts()
    assert verdict["title"] == "Part of this export may be someone else's"
    assert verdict["codes"] == ["device_not_ours"]
    assert verdict["evidence"] == [
        "3 of 6 recordings come from devices you said are not yours: Kitchen Echo "
        "(G090LF0964340EAH): 3 recordings, 2018-02-02 to 2018-02-02."]
    assert len(verdict["clip_ids"]) == 3
    notice = " ".join(cli.run("check-archive", "--notice", "en").split())
    assert "recordings come from devices that are not mine (Kitchen Echo (G090LF0964340EAH))" \
        in notice
    marked = {d["name"]: d["mark"] for d in cli.json("devices")}  # type: ignore[union-attr]
    assert marked == {KITCHEN[0]: "not_ours", LIVING[0]: None, PHONE[0]: None}
    # Both recording devices: the export is mostly someone else's.
    cli.run("devices", "mark", LIVING[2], "not-ours")
    [verdict] = cli.verdicts()
    assert verdict["title"] == "This export may not be yours"
    evidence = str(verdict["evidence"])
    assert "6 of 6 recordings" in evidence
    assert "Living Room Dot (G0911W0793360TLG): 3 recordings" in evidence
    cli.run("devices", "mark", KITCHEN[2], "ours")
    cli.run("devices", "mark", LIVING[0], "none")
    assert cli.verdicts() == []
    assert main(["--data-dir", cli.data_dir, "devices", "mark", "Nope", "ours"]) == 1
    assert "no device 'Nope'" in cli.capsys.readouterr().err


def test_a_device_marked_ours_is_not_an_unlisted_device(cli: Cli, tmp_path: Path) -> None:
    zips_root = _download(tmp_path)
    with zipfile.ZipFile(zips_root / "Devices.Registration.zip", "w") as z:
        z.writestr("registration.csv", render_csv([
            {"AccountName": LIVING[0], "DeviceSerialNumber": LIVING[2],
             "DeviceType": LIVING[1], "FirstTimeRegistered": "2017-12-24T10:00:00Z"}]))
    cli.run("import", str(zips_root))
    assert [v["codes"] for v in cli.verdicts()] == [["unlisted_devices"]]
    cli.run("devices", "mark", KITCHEN[2], "ours")
    assert cli.verdicts() == []


def test_recordings_older_than_every_registered_device(cli: Cli, tmp_path: Path) -> None:
    late = "2018-03-01T10:00:00Z"  # every recording is from 2018-02-02/03
    cli.run("import", str(_download(tmp_path, {n: late for n, _t, _s in (*DEVICES, PHONE)})))
    [verdict] = cli.verdicts()
    assert verdict["codes"] == ["before_registration"]
    # The 6 records and the recording no record names (2018-02-03), all dated.
    assert verdict["evidence"] == [
        "7 recordings (2018-02-02 to 2018-02-03) are older than every device on this "
        "export's own device list (the first was registered on 2018-03-01)."]
    assert len(verdict["clip_ids"]) == 7
    notice = " ".join(cli.run("check-archive", "--notice", "de").split())
    assert "7 Aufnahmen sind älter als jedes auf mein Konto registrierte Gerät" in notice


def test_a_recording_before_its_own_device_was_registered(cli: Cli, tmp_path: Path) -> None:
    cli.run("import", str(_download(tmp_path, {KITCHEN[0]: "2018-03-01T10:00:00Z"})))
    [verdict] = cli.verdicts()
    assert verdict["codes"] == ["before_device_registration"]
    assert verdict["evidence"] == [
        "3 recordings were made on a listed device before it was registered to this account: "
        "Kitchen Echo: 3 recordings, 2018-02-02 to 2018-02-02, registered 2018-03-01."]


def test_a_day_of_slack(cli: Cli, tmp_path: Path) -> None:
    # Registered the morning after its recordings (2018-02-02 14:05 UTC): within a day.
    cli.run("import", str(_download(tmp_path, {KITCHEN[0]: "2018-02-03T09:00:00Z"})))
    assert cli.verdicts() == []


def test_a_list_without_dates_claims_nothing(cli: Cli, tmp_path: Path) -> None:
    cli.run("import", str(_download(tmp_path, {n: "" for n, _t, _s in (*DEVICES, PHONE)})))
    assert cli.verdicts() == []
    assert {d["registered"] for d in cli.json("devices")} == {None}  # type: ignore[union-attr]


def test_version_6_library_gains_device_marks(cli: Cli, tmp_path: Path) -> None:
    """A library written before devices could be marked keeps its device list and gains
    the table of answers."""
    cli.run("import", str(_download(tmp_path)))
    db = sqlite3.connect(Path(cli.data_dir) / "library.sqlite3")
    db.execute("DROP TABLE device_marks")
    db.execute("UPDATE meta SET value='6' WHERE key='schema_version'")
    db.commit()
    db.close()
    cli.run("devices", "mark", KITCHEN[0], "not-ours")
    assert [v["codes"] for v in cli.verdicts()] == [["device_not_ours"]]
    backups = list(Path(cli.data_dir).rglob("*.v6.*.sqlite3"))
    assert len(backups) == 1
