"""Helpers for packaging/reviewer.spec: what to leave out of the bundle, and the LICENSES folder.

Kept out of the spec so the rules can be read (and tested) on their own. Destination paths in
PyInstaller's tables use the platform's separator; every rule here matches on '/'-paths.
"""

from __future__ import annotations

import email.message
import functools
import importlib.metadata as md
import os
import re
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
STATIC_LICENSES = HERE / "licenses"

# --- pruning --------------------------------------------------------------------------------

# Qt modules the app never uses. Only libraries that nothing kept links to: the multimedia
# FFmpeg plugin links Qt Quick and QML (so those stay), Qt Charts links OpenGL(Widgets).
_QT_UNUSED = (
    r"WebEngine\w*", r"WebView\w*", r"WebChannel\w*", r"WebSockets", r"3D\w*", r"Designer\w*",
    r"Pdf\w*", r"Quick3D\w*", r"QuickControls2\w*", r"QuickDialogs2\w*", r"QuickLayouts",
    r"QuickParticles", r"QuickShapes\w*", r"QuickTest", r"QuickTimeline\w*", r"QuickWidgets",
    r"QuickEffects", r"QuickVectorImage\w*", r"QmlCompiler", r"QmlDesignSupport",
    r"QmlLocalStorage", r"QmlXmlListModel", r"QmlNetwork", r"QmlCore", r"Labs\w*",
    r"Lottie\w*", r"Location", r"Positioning\w*", r"Bluetooth", r"Nfc", r"Sensors\w*",
    r"SerialPort", r"SerialBus", r"Scxml\w*", r"StateMachine\w*", r"RemoteObjects\w*",
    r"TextToSpeech", r"SpatialAudio", r"Graphs\w*", r"DataVisualization\w*",
    r"VirtualKeyboard\w*", r"Test", r"UiTools", r"Help", r"HttpServer", r"NetworkAuth",
    r"Sql", r"ShaderTools", r"CanvasPainter", r"ChartsQml", r"MultimediaQuick",
    r"WaylandCompositor\w*", r"WaylandEglCompositor\w*", r"EglFS\w*", r"Protobuf\w*",
    r"Grpc\w*", r"SvgWidgets", r"Xml", r"PrintSupport",
)
_QT_LIB = re.compile(
    r"(^|/)(lib)?Qt6?(" + "|".join(_QT_UNUSED) + r")(\.so[.\d]*|\.dll|\.dylib|\.framework(/.*)?)$")
# Python extension modules of unused Qt modules (normally not collected at all; belt and braces).
_PYSIDE_EXT = re.compile(r"(^|/)PySide6/Qt(" + "|".join(_QT_UNUSED) + r")\.(abi3\.so|pyd)$")

# Plugin folders (below PySide6/Qt/plugins or PySide6/plugins) the app needs none of.
_PLUGIN_DIRS_UNUSED = (
    "assetimporters", "canbus", "designer", "egldeviceintegrations", "generic",
    "geometryloaders", "geoservices", "networkinformation", "position", "printsupport",
    "qmltooling", "renderers", "renderplugins", "sceneparsers", "scxmldatamodel", "sensors",
    "sqldrivers", "texttospeech", "tls", "vectorimageformats",
    "wayland-graphics-integration-server", "webview", "qmllint",
)
# Single plugins: platforms for embedded/kiosk use, a GTK theme plugin that would pull the
# whole GTK stack into the bundle (the xdg-desktop-portal theme gives native dialogs without
# it), the QtVirtualKeyboard input context, image formats the app never reads.
_PLUGINS_UNUSED = re.compile(
    r"(^|/)plugins/(platforms/(lib)?q(eglfs|linuxfb|vnc|vkkhrdisplay|minimalegl)\w*"
    r"|platformthemes/(lib)?qgtk3\w*"
    r"|platforminputcontexts/(lib)?qtvirtualkeyboardplugin\w*"
    r"|imageformats/(lib)?q(pdf|tiff|tga|wbmp|webp)\w*)\.(so|dll|dylib)$")
_PLUGIN_DIR = re.compile(r"(^|/)plugins/(" + "|".join(map(re.escape, _PLUGIN_DIRS_UNUSED))
                         + r")/")
# Qt's own translations (PySide6/Qt/translations on Linux and macOS, PySide6/translations on
# Windows): only qtbase for the languages the interface is translated into (the standard
# dialogs' buttons; reviewer.ui.i18n loads it), the other ~60 languages and modules go.
_QT_TRANSLATIONS = re.compile(r"(^|/)PySide6/(Qt/)?translations/")
_QT_TRANSLATIONS_KEPT = re.compile(
    r"(^|/)PySide6/(Qt/)?translations/qtbase_("
    + "|".join(sorted(p.stem.removeprefix("reviewer_") for p in
                      (Path(__file__).resolve().parent.parent / "resources" / "i18n")
                      .glob("reviewer_*.ts")))
    + r")\.qm$")
# QML modules (only needed by Qt Quick apps; the app has no QML).
_QML = re.compile(r"(^|/)PySide6/(Qt/)?qml/")
# onnxruntime's C API library: the Python binding carries its own copy of the runtime on
# Linux (its extension module does not link libonnxruntime.so), so this 29 MB file is unused.
_ORT_CAPI = re.compile(r"(^|/)onnxruntime/capi/libonnxruntime\.so[.\d]*$")


# System libraries that must come from the computer the app runs on, not from the build
# machine: they talk to its drivers, daemons and configuration (GL/X11/Wayland, fonts, GLib and
# D-Bus, PulseAudio/ALSA, Kerberos, systemd), or a newer copy is needed by its GPU drivers
# (libstdc++, libgcc_s), or they are part of glibc. The .deb declares them as dependencies
# (build.py reads the packages from dpkg); the README lists them for the tarball.
HOST_LIBS = re.compile(
    r"^lib(X11|X11-xcb|Xau|Xdmcp|Xext|Xrandr|Xrender|Xi|Xfixes|Xcursor|Xinerama|xcb(-[a-z-]+)?"
    r"|xkbcommon(-x11)?|wayland-[a-z]+|fontconfig|freetype|glib-2\.0|gio-2\.0|gobject-2\.0"
    r"|gmodule-2\.0|gthread-2\.0|dbus-1|systemd|selinux|gcrypt|gpg-error|pulse|pulsecommon-[\d.]+"
    r"|asound|gssapi_krb5|krb5|krb5support|k5crypto|com_err|keyutils|stdc\+\+|gcc_s|mvec)"
    r"\.so(\.[\d.]+)?$")


def _is_host_library(src: str | None) -> bool:
    """A library PyInstaller found in the build machine's system folders (Linux)."""
    if not src or not sys.platform.startswith("linux"):
        return False
    real = os.path.realpath(src)
    return real.startswith(("/usr/lib", "/lib")) and "-packages/" not in real


@functools.cache
def elf_needed(path: str) -> tuple[str, ...]:
    """The DT_NEEDED entries of an ELF file (its direct dependencies; `ldd` would also list
    theirs). Empty for anything that is not a readable 64/32-bit ELF file."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return ()
    if data[:4] != b"\x7fELF":
        return ()
    is64, end = data[4] == 2, "<" if data[5] == 1 else ">"
    if is64:
        shoff, = struct.unpack_from(end + "Q", data, 0x28)
        shentsize, shnum = struct.unpack_from(end + "HH", data, 0x3A)
    else:
        shoff, = struct.unpack_from(end + "I", data, 0x20)
        shentsize, shnum = struct.unpack_from(end + "HH", data, 0x2E)
    sections = []
    for i in range(shnum):
        off = shoff + i * shentsize
        if is64:
            _n, stype, _f, _a, offset, size, link = struct.unpack_from(end + "IIQQQQI", data, off)
        else:
            _n, stype, _f, _a, offset, size, link = struct.unpack_from(end + "IIIIIII", data, off)
        sections.append((stype, offset, size, link))
    names = []
    for stype, offset, size, link in sections:
        if stype != 6:  # SHT_DYNAMIC
            continue
        str_off = sections[link][1]
        fmt, step = (end + "qQ", 16) if is64 else (end + "iI", 8)
        for pos in range(offset, offset + size, step):
            tag, val = struct.unpack_from(fmt, data, pos)
            if tag == 0:
                break
            if tag == 1:  # DT_NEEDED
                names.append(data[str_off + val:data.index(b"\0", str_off + val)].decode())
    return tuple(names)


def prune_reason(dest: str) -> str | None:
    """Why `dest` (a path inside the bundle) is left out, or None to keep it."""
    d = dest.replace(os.sep, "/")
    if _QT_LIB.search(d) or _PYSIDE_EXT.search(d):
        return "unused Qt module"
    if _PLUGIN_DIR.search(d) or _PLUGINS_UNUSED.search(d):
        return "unused Qt plugin"
    if _QT_TRANSLATIONS.search(d) and not _QT_TRANSLATIONS_KEPT.search(d):
        return "Qt translations"
    if _QML.search(d):
        return "QML modules"
    if sys.platform.startswith("linux") and _ORT_CAPI.search(d):
        return "onnxruntime C library (the Python binding does not use it)"
    return None


def _size(src: str | None) -> int:
    try:
        return os.path.getsize(src) if src else 0
    except OSError:
        return 0


def prune(*tocs: list[tuple[str, str, str]]) -> tuple[list[list[tuple[str, str, str]]],
                                                       dict[str, int]]:
    """Drop unused entries from PyInstaller tables ((dest, src, typecode) tuples).

    Returns the filtered tables and the bytes saved per reason.
    """
    saved: dict[str, int] = {}
    kept_tables = []
    for i, toc in enumerate(tocs):
        kept = []
        for entry in toc:
            reason = prune_reason(entry[0])
            if reason is None and i == 0 and _is_host_library(entry[1]) and HOST_LIBS.match(
                    os.path.basename(entry[0])):
                reason = "system libraries taken from the user's computer instead"
            if reason is None:
                kept.append(entry)
            else:
                saved[reason] = saved.get(reason, 0) + _size(entry[1])
        kept_tables.append(kept)
    if tocs:
        kept_tables[0], orphans = _drop_orphans(kept_tables[0])
        if orphans:
            saved["system libraries only the removed files needed"] = orphans
    return kept_tables, saved


# Qt's own shared libraries (not plugins: those are loaded at run time, never linked).
_QT_LIBRARY = re.compile(r"(^|/)PySide6/Qt/lib/lib[^/]+\.so[.\d]*$")


def _drop_orphans(binaries: list[tuple[str, str, str]]) -> tuple[list[tuple[str, str, str]],
                                                                  int]:
    """Remove libraries that no kept file links to any more (e.g. the GTK stack pulled in by
    the GTK theme plugin, Qt's EGLFS support for the removed eglfs plugins). Only system and
    Qt libraries are candidates: plugins and Python extensions are loaded at run time and
    never appear as anyone's dependency."""
    if not sys.platform.startswith("linux"):
        return binaries, 0

    def needs(entry: tuple[str, str, str]) -> set[str]:
        return set(elf_needed(entry[1]))

    kept = list(binaries)
    removed = 0
    while True:
        needed: set[str] = set()
        for e in kept:
            needed |= needs(e)
        orphans = [e for e in kept if (_is_host_library(e[1]) or _QT_LIBRARY.search(
                       e[0].replace(os.sep, "/")))
                   and not os.path.basename(e[0]).startswith("libpython")
                   and os.path.basename(e[0]) not in needed
                   and os.path.basename(os.path.realpath(e[1])) not in needed]
        if not orphans:
            return kept, removed
        removed += sum(_size(e[1]) for e in orphans)
        print("bundle: not needed any more: " + " ".join(sorted(os.path.basename(e[0])
                                                              for e in orphans)), flush=True)
        drop = {id(e) for e in orphans}
        kept = [e for e in kept if id(e) not in drop]


def report_pruning(saved: dict[str, int], out_file: Path | None = None) -> str:
    total = sum(saved.values())
    lines = [f"Pruned {total / 1e6:.1f} MB of unused files from the bundle:"]
    lines += [f"  {n / 1e6:7.1f} MB  {reason}" for reason, n in
              sorted(saved.items(), key=lambda kv: -kv[1])]
    text = "\n".join(lines)
    if out_file is not None:
        out_file.parent.mkdir(parents=True, exist_ok=True)
        out_file.write_text(text + "\n", encoding="utf-8")
    return text


def strip_debug_info(folder: Path) -> int:
    """Remove debugging information from ELF files that carry it (Linux only); bytes saved.

    Some wheels and the Python build ship DWARF data (ctranslate2's extension module: 67 of its
    68 MB; libpython: 18 MB). Only sections named .debug* go (`strip --strip-debug`): symbol
    tables, code and the dynamic section, which auditwheel/patchelf edited, stay as they are.
    """
    strip = shutil.which("strip")
    if not sys.platform.startswith("linux") or strip is None:
        return 0
    saved = 0
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file() or path.stat().st_size < 4096:
            continue
        with path.open("rb") as fh:
            if fh.read(4) != b"\x7fELF":
                continue
        if not _has_debug_sections(path):
            continue
        before = path.stat().st_size
        subprocess.run([strip, "--strip-debug", "--preserve-dates", str(path)], check=True)
        saved += before - path.stat().st_size
    return saved


def _has_debug_sections(path: Path) -> bool:
    data = path.read_bytes()
    if data[4] != 2 or data[5] != 1:  # only 64-bit little-endian here
        return False
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    if not shoff or shstrndx >= shnum:
        return False
    names_off, = struct.unpack_from("<Q", data, shoff + shstrndx * shentsize + 0x18)
    for i in range(shnum):
        name, = struct.unpack_from("<I", data, shoff + i * shentsize)
        start = names_off + name
        if data[start:start + 6] == b".debug":
            return True
    return False


# --- licences -------------------------------------------------------------------------------

_LICENSE_FILE = re.compile(r"(^|/)(LICEN[CS]E|COPYING|NOTICE|AUTHORS|ThirdPartyNotices)[^/]*$",
                           re.IGNORECASE)


def _top_names(entries: Iterable[str]) -> set[str]:
    names = set()
    for e in entries:
        first = e.replace(os.sep, "/").split("/", 1)[0]
        names.add(first.split(".", 1)[0] if first.endswith((".py", ".pyc")) else first)
    return names


def _licence_of(meta: email.message.Message) -> str:
    expr = meta.get("License-Expression")
    if expr:
        return str(expr)
    text = (meta.get("License") or "").strip()
    if text and len(text) < 80 and "\n" not in text:
        return text
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    if classifiers:
        return ", ".join(classifiers)
    return text.splitlines()[0] if text else "see the included files"


def bundled_distributions(module_names: Iterable[str],
                          dests: Iterable[str]) -> list[md.Distribution]:
    """Installed distributions with at least one module or file in the bundle."""
    tops = {m.split(".", 1)[0] for m in module_names} | _top_names(dests)
    found = {}
    for dist in md.distributions():
        files = dist.files or []
        own = {str(f).replace("\\", "/").split("/", 1)[0] for f in files}
        own = {o.split(".", 1)[0] if o.endswith(".py") else o for o in own
               if not o.endswith((".dist-info", ".egg-info")) and o not in ("..", "__pycache__")}
        if own & tops:
            found[dist.metadata["Name"].lower()] = dist
    return [found[k] for k in sorted(found)]


def write_licenses(dest: Path, module_names: Iterable[str], binaries: list[tuple[str, str, str]],
                   datas: list[tuple[str, str, str]]) -> Path:
    """Fill `dest` (the app's LICENSES folder): the project's notices from packaging/licenses,
    the licence files every bundled Python distribution ships, Python's own licence, and on
    Debian-like systems the copyright files of system libraries copied into the bundle."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for f in sorted(STATIC_LICENSES.iterdir()):
        if f.is_file():
            shutil.copy2(f, dest / f.name)

    dists = bundled_distributions(module_names, [b[0] for b in binaries] + [d[0] for d in datas])
    index = ["Python packages in this app (name, version, licence as the package declares it).",
             "Their licence files, where the package ships any, are in python/NAME/.", ""]
    for dist in dists:
        name = dist.metadata["Name"]
        index.append(f"{name} {dist.version}: {_licence_of(dist.metadata)}")
        for f in dist.files or []:
            path = str(f).replace("\\", "/")
            if _LICENSE_FILE.search(path) and not path.endswith((".py", ".pyc")):
                src = Path(str(dist.locate_file(f)))
                if src.is_file():
                    target = dest / "python" / name / path.split("/")[-1]
                    if target.exists():  # two files of the same name: keep both
                        target = target.with_name(path.replace("/", "_"))
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(src, target)
    (dest / "python-packages.txt").write_text("\n".join(index) + "\n", encoding="utf-8")

    for candidate in (Path(sys.base_prefix) / "LICENSE.txt",
                      Path(sys.base_prefix) / "lib" / f"python{sys.version_info[0]}."
                      f"{sys.version_info[1]}" / "LICENSE.txt"):
        if candidate.is_file():
            shutil.copy2(candidate, dest / "Python-LICENSE.txt")
            break

    _system_library_copyrights(dest, binaries)
    return dest


def _system_library_copyrights(dest: Path, binaries: list[tuple[str, str, str]]) -> None:
    """Copy /usr/share/doc/PKG/copyright for system libraries PyInstaller bundled (Linux)."""
    if not shutil.which("dpkg-query"):
        return
    system = sorted({os.path.realpath(src) for _d, src, _t in binaries if _is_host_library(src)})
    if not system:
        return
    # Merged-/usr systems: dpkg may know a library as /lib/... while its real path is /usr/lib/...
    queries = sorted(set(system) | {p.replace("/usr/lib/", "/lib/", 1) for p in system})
    proc = subprocess.run(["dpkg", "-S", *queries], capture_output=True, text=True, check=False)
    packages: dict[str, list[str]] = {}
    for line in proc.stdout.splitlines():
        pkg, _, path = line.partition(": ")
        packages.setdefault(pkg.split(":")[0], []).append(os.path.basename(path))
    lines = ["System libraries copied into this app from the build machine (Debian packages):",
             ""]
    for pkg in sorted(packages):
        lines.append(f"{pkg}: {', '.join(sorted(set(packages[pkg])))}")
        copyright_file = Path("/usr/share/doc") / pkg / "copyright"
        if copyright_file.is_file():
            target = dest / "system" / f"{pkg}.copyright"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(copyright_file, target)
    (dest / "system-libraries.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
