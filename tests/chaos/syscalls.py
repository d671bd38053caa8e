"""Run a program under strace and read back what it did at the system-call level.

A Python-level socket guard (tests/conftest.py) cannot see native code: onnxruntime's
telemetry, for one, resolves and connects from C++. strace sees every process and thread
(-f), whatever language made the call, so these tests judge by the kernel's view:
- every `connect`/`sendto`/`sendmsg` to an address that is not this machine's own
  (AF_UNIX, netlink and loopback are local) is a network contact;
- every path created, opened for writing, renamed, linked or removed is a write, and must lie
  inside the roots the test allows (the data folder, the trash).
"""

from __future__ import annotations

import ipaddress
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

STRACE = shutil.which("strace")
TRACED = ("network,openat,open,creat,mkdir,mkdirat,rename,renameat,renameat2,link,linkat,"
          "symlink,symlinkat,unlink,unlinkat,rmdir,truncate")

# Writes that are not files on a disk: the null device, terminals, and the named POSIX
# semaphores multiprocessing creates in shared memory (unlinked as soon as they exist).
_NOT_FILES = re.compile(r"^/dev/(null|tty|pts/\d+|shm/sem\.[\w.-]+)$")

_LINE = re.compile(r"^(?P<pid>\d+) +(?P<rest>.*)$")
_CALL = re.compile(r"^(?P<name>\w+)\((?P<args>.*)\)\s+= (?P<ret>-?\d+)(?P<retpath><[^>]*>)?")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_DIRFD = re.compile(r"^(?:AT_FDCWD|\d+)(?:<(?P<path>[^>]*)>)?$")
_INET = re.compile(r'sa_family=AF_INET, sin_port=htons\((\d+)\), sin_addr=inet_addr\("([^"]+)"\)')
_INET6 = re.compile(r'sa_family=AF_INET6, sin6_port=htons\((\d+)\), '
                    r'sin6_flowinfo=[^,]*, inet_pton\(AF_INET6, "([^"]+)"')
_FAMILY = re.compile(r"sa_family=(AF_\w+)")


@dataclass
class Trace:
    contacts: list[str] = field(default_factory=list)  # non-local addresses, one per call
    writes: set[Path] = field(default_factory=set)  # every path written, created or removed
    calls: int = 0

    def writes_outside(self, allowed: list[Path]) -> list[Path]:
        """The writes not inside one of `allowed` (creating an allowed folder's missing
        parents, as the first move to the trash does, counts as inside)."""
        roots = [Path(os.path.realpath(a)) for a in allowed]
        return sorted(p for p in self.writes
                      if not _NOT_FILES.match(str(p))
                      and not any(p == r or r in p.parents or p in r.parents for r in roots))


def _unescape(s: str) -> str:
    return s.encode("latin-1", "backslashreplace").decode("unicode_escape")


def _split_args(args: str) -> list[str]:
    """Top-level comma-separated arguments (braces, brackets and strings kept whole)."""
    out, depth, cur, in_str, esc = [], 0, [], False, False
    for ch in args:
        if in_str:
            cur.append(ch)
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
            continue
        if ch == '"':
            in_str = True
        elif ch in "{[(":
            depth += 1
        elif ch in "}])":
            depth -= 1
        elif ch == "," and depth == 0:
            out.append("".join(cur).strip())
            cur = []
            continue
        cur.append(ch)
    if cur:
        out.append("".join(cur).strip())
    return out


def _path(arg: str, dirfd: str | None, cwd: Path) -> Path:
    m = _STRING.fullmatch(arg.strip())
    raw = _unescape(m.group(1)) if m else arg
    base = cwd
    if dirfd is not None:
        d = _DIRFD.match(dirfd)
        if d and d.group("path"):
            base = Path(d.group("path"))
    return Path(os.path.normpath(base / raw))


def _is_local(line: str) -> bool:
    for _port, addr in _INET.findall(line):
        if not ipaddress.ip_address(addr).is_loopback:
            return False
    for _port, addr in _INET6.findall(line):
        ip = ipaddress.ip_address(addr)
        mapped = ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) else None
        if not (ip.is_loopback or (mapped is not None and mapped.is_loopback)):
            return False
    families = set(_FAMILY.findall(line))
    return families <= {"AF_UNIX", "AF_NETLINK", "AF_INET", "AF_INET6", "AF_UNSPEC"}


def parse(text: str, cwd: Path) -> Trace:
    trace = Trace()
    pending: dict[str, str] = {}
    for raw in text.splitlines():
        m = _LINE.match(raw)
        if not m:
            continue
        pid, rest = m.group("pid"), m.group("rest")
        if rest.endswith("<unfinished ...>"):
            pending[pid] = rest[: -len("<unfinished ...>")].rstrip()
            continue
        if rest.startswith("<... "):
            head = pending.pop(pid, None)
            if head is None:
                continue
            rest = head + rest.split("resumed>", 1)[1]
        call = _CALL.match(rest)
        if not call:
            continue
        trace.calls += 1
        name, ret = call.group("name"), int(call.group("ret"))
        args = _split_args(call.group("args"))
        if name in ("connect", "sendto", "sendmsg", "sendmmsg"):
            if "sa_family=" in rest and not _is_local(rest):
                trace.contacts.append(f"{name}: {rest}")
            continue
        if ret < 0:
            continue  # failed: nothing was written
        if name in ("openat", "open", "creat"):
            flags = args[2] if name == "openat" else (args[1] if len(args) > 1 else "")
            if name == "creat" or re.search(r"O_WRONLY|O_RDWR|O_CREAT|O_TRUNC", flags):
                retpath = call.group("retpath")
                if retpath:
                    trace.writes.add(Path(retpath[1:-1]))
                elif name == "openat":
                    trace.writes.add(_path(args[1], args[0], cwd))
                else:
                    trace.writes.add(_path(args[0], None, cwd))
        elif name in ("mkdir", "unlink", "rmdir", "truncate"):
            trace.writes.add(_path(args[0], None, cwd))
        elif name in ("mkdirat", "unlinkat"):
            trace.writes.add(_path(args[1], args[0], cwd))
        elif name in ("rename", "link", "symlink"):
            trace.writes.add(_path(args[1], None, cwd))
            if name == "rename":
                trace.writes.add(_path(args[0], None, cwd))
        elif name in ("renameat", "renameat2", "linkat"):
            trace.writes.add(_path(args[3], args[2], cwd))
            if name != "linkat":
                trace.writes.add(_path(args[1], args[0], cwd))
        elif name == "symlinkat":
            trace.writes.add(_path(args[2], args[1], cwd))
    return trace


def run_traced(argv: list[str], *, env: dict[str, str], cwd: Path, log: Path,
               timeout_s: float = 600.0) -> tuple[subprocess.CompletedProcess[str], Trace]:
    """Run `argv` under `strace -f`; return the process result and what the trace shows."""
    assert STRACE is not None
    cmd = [STRACE, "-f", "-y", "-qq", "-s", "48", "-e", f"trace={TRACED}", "-o", str(log),
           *argv]
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=timeout_s)
    return proc, parse(log.read_text(errors="replace"), cwd)
