"""Reading shared files in a separate process that is killed when a file costs too much.

A parser fed a hostile file can run for minutes or allocate gigabytes before
any check inside it notices; only another process can stop it for sure. One
worker process is started on first use and reused for every file (starting
one per file would make indexing slow); it reads one file at a time. Its memory
is bounded twice: on Linux its address space is capped (``RLIMIT_AS``, which
macOS accepts but does not enforce and Windows lacks), and on every platform the
desktop watches its size (:class:`MemoryWatch`, psutil) while it reads and kills
it past :attr:`Limits.memory_bytes`. The desktop waits at most
:attr:`Limits.seconds` for an answer; a worker past its deadline or its memory is
killed and a new one is started for the next file.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from .extract import (
    CORRUPT,
    MISSING,
    UNSUPPORTED,
    ExtractResult,
    extract_text,
    file_format,
    too_large,
)
from .limits import DEFAULT_LIMITS, Limits, TooLarge, check_file_size

log = logging.getLogger(__name__)

STARTUP_S = 120.0  # a loaded desktop may take long to start Python and import the parsers
WATCH_S = 0.05  # how often the desktop looks at a running worker
OUT_OF_MEMORY_EXIT = 87  # the worker's exit status after a MemoryError


class Extractor:
    """:func:`~kshare.client.index.extract.extract_text` in a worker it can kill.

    Thread-safe: files are read one at a time. ``use_rlimit=False`` stands for a
    platform without ``RLIMIT_AS``; the desktop watches the worker's size either way.
    ``clock`` is injectable so the deadline can be tested without waiting.
    """

    def __init__(
        self,
        limits: Limits = DEFAULT_LIMITS,
        *,
        use_rlimit: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = limits
        self.use_rlimit = _has_rlimit() if use_rlimit is None else use_rlimit
        self.clock = clock
        self.kills = 0  # workers stopped for running past a limit (or crashing)
        self.started = 0
        self._lock = threading.Lock()
        self._process: Any = None
        self._conn: Connection | None = None
        self._watch: MemoryWatch | None = None

    def extract(self, path: Path, mime: str = "", filename: str = "") -> ExtractResult:
        name = filename or path.name
        if not path.is_file():
            return ExtractResult("", MISSING, f"{name}: the file has not been downloaded.")
        if file_format(mime, name) is None:
            return ExtractResult("", UNSUPPORTED, f"{name}: this file type is not searchable.")
        try:
            check_file_size(path, self.limits)  # no need for a worker to refuse that
        except TooLarge as exc:
            return too_large(name, exc.limit, exc.detail)
        except OSError:
            pass  # the worker says what is wrong with it
        with self._lock:
            try:
                return self._extract(path, mime, name)
            except (RuntimeError, OSError) as exc:
                # not the file's fault: it is not marked, and is read at a later catch-up
                log.warning("cannot start the file reader for %s: %s", name, exc)
                return ExtractResult("", MISSING, f"{name}: not read yet.")

    @property
    def worker_pid(self) -> int | None:
        process = self._process
        return process.pid if process is not None and process.is_alive() else None

    def close(self) -> None:
        with self._lock:
            self._stop(kill=False)

    # --- the worker's life -----------------------------------------------------------------

    def _extract(self, path: Path, mime: str, name: str) -> ExtractResult:
        conn = self._start()
        try:
            conn.send((str(path), mime, name))
        except (OSError, ValueError):  # it died between two files: start again once
            self._stop(kill=True)
            conn = self._start()
            conn.send((str(path), mime, name))
        deadline = self.clock() + self.limits.seconds
        while True:
            if conn.poll(WATCH_S):
                try:
                    result: ExtractResult = conn.recv()
                except (EOFError, OSError):
                    return self._died(name)
                if result.limit == "memory":  # its heap may be in pieces: start afresh
                    self._stop(kill=True)
                return result
            if not self._process.is_alive():
                return self._died(name)
            if self._over_memory():
                log.warning("stopped reading %s: it needs too much memory", name)
                self._stop(kill=True)
                self.kills += 1
                return too_large(name, "memory", "reading it needs too much memory")
            if self.clock() >= deadline:
                log.warning("stopped reading %s after %.0f s", name, self.limits.seconds)
                self._stop(kill=True)
                self.kills += 1
                return too_large(
                    name, "time", f"reading it takes more than {self.limits.seconds:g} s"
                )

    def _died(self, name: str) -> ExtractResult:
        process = self._process
        process.join(5)
        code = process.exitcode
        self._stop(kill=True)
        self.kills += 1
        if code == OUT_OF_MEMORY_EXIT:
            return too_large(name, "memory", "reading it needs too much memory")
        log.warning("the reader crashed on %s (exit status %s)", name, code)
        return ExtractResult(
            "", "corrupt", f"{name}: the file is damaged and cannot be read.", "crash"
        )

    def _start(self) -> Connection:
        if self._conn is not None and self._process is not None and self._process.is_alive():
            return self._conn
        self._stop(kill=True)
        # spawn, never fork: the desktop has threads (Qt, sync) a fork would copy half-held
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        memory = self.limits.memory_bytes if self.use_rlimit else 0
        process = context.Process(
            target=serve, args=(theirs, self.limits, memory), name="kshare-reader", daemon=True
        )
        process.start()
        theirs.close()
        if not ours.poll(STARTUP_S):
            process.kill()
            process.join()
            raise RuntimeError("the file reader did not start")
        try:
            ours.recv()  # "ready": the parsers are imported, the limits set
        except EOFError as exc:
            process.join()
            raise RuntimeError(f"the file reader did not start ({process.exitcode})") from exc
        self._process, self._conn = process, ours
        self._watch = MemoryWatch(process.pid)
        self.started += 1
        _running.add(self)
        return ours

    def _stop(self, *, kill: bool) -> None:
        process, conn = self._process, self._conn
        self._process = self._conn = None
        _running.discard(self)
        if process is None:
            return
        if not kill and conn is not None:
            try:
                conn.send(None)  # finish: a worker without a file exits at once
                process.join(5)
            except (OSError, ValueError):
                pass
        if process.is_alive():
            process.kill()  # before closing the pipe, so it never sees a half-closed one
        process.join()
        if conn is not None:
            conn.close()
        process.close()

    def _over_memory(self) -> bool:
        return self._watch is not None and self._watch.grown() > self.limits.memory_bytes


class MemoryWatch:
    """How much a process has grown since it was first looked at (psutil; no answer: 0)."""

    def __init__(self, pid: int | None) -> None:
        self.pid = pid
        self._process = _psutil_process(pid)
        self.base = self.size() or 0

    def size(self) -> int | None:
        """Its memory now: resident set, or private bytes where larger (Windows)."""
        if self._process is not None:
            import psutil

            try:
                info = self._process.memory_info()
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                return None
            return max(int(info.rss), int(getattr(info, "private", 0)))
        return _resident_bytes(self.pid)

    def grown(self) -> int:
        size = self.size()
        return 0 if size is None else size - self.base


def _psutil_process(pid: int | None) -> Any:
    if pid is None:
        return None
    try:
        import psutil
    except ImportError:  # the platform fallbacks below answer instead
        return None
    try:
        return psutil.Process(pid)
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return None


_running: set[Extractor] = set()


@atexit.register
def _stop_all() -> None:
    for extractor in list(_running):
        extractor.close()


_shared: Extractor | None = None
_shared_lock = threading.Lock()


def shared_extractor() -> Extractor:
    """The one worker the desktop reads shared files with, started on first use."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Extractor()
        return _shared


# --- inside the worker -------------------------------------------------------------------------


def serve(conn: Connection, limits: Limits, memory_bytes: int) -> None:
    """The worker: read files one at a time until told to finish or the desktop goes away."""
    import docx  # noqa: F401  the parsers, imported before the limits are measured
    import markdown_it  # noqa: F401
    import pypdf  # noqa: F401

    if memory_bytes:
        _cap_address_space(memory_bytes)
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        path, mime, name = job
        try:
            result = extract_text(Path(path), mime, name, limits)
        except MemoryError:
            result = too_large(name, "memory", "reading it needs too much memory")
        if result.status == CORRUPT and memory_bytes and _near_cap(memory_bytes):
            # C parsers (libxml2, zlib) report a failed allocation as a parse error
            result = too_large(name, "memory", "reading it needs too much memory")
        try:
            conn.send(result)
        except MemoryError:
            os._exit(OUT_OF_MEMORY_EXIT)
        except OSError:
            return  # the desktop has gone
        if result.limit == "memory":
            conn.close()
            os._exit(OUT_OF_MEMORY_EXIT)  # the desktop starts a fresh worker


def _has_rlimit() -> bool:
    if sys.platform != "linux":
        return False  # macOS accepts RLIMIT_AS but does not enforce it; Windows lacks it
    try:
        import resource
    except ImportError:
        return False
    return hasattr(resource, "RLIMIT_AS")


_cap = 0  # the worker's address-space limit, once set


def _cap_address_space(extra: int) -> None:
    import resource

    global _cap
    now = _address_space() or 0
    limit = now + extra
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    _cap = limit


def _near_cap(extra: int) -> bool:
    """Whether the worker's peak address space came within a tenth of its limit."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            lines = [line for line in handle if line.startswith("VmPeak:")]
        peak = int(lines[0].split()[1]) * 1024
    except (OSError, ValueError, IndexError, StopIteration):
        return False
    return bool(_cap) and peak >= _cap - extra // 10


def _address_space() -> int | None:
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _resident_bytes(pid: int | None) -> int | None:
    """How much memory a process holds now, without psutil, where the platform tells."""
    if pid is None:
        return None
    if sys.platform == "linux":
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
                return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            return None
    if sys.platform == "win32":
        return _windows_working_set(pid)
    return None


def _windows_working_set(pid: int) -> int | None:
    import ctypes
    from ctypes import wintypes

    class Counters(ctypes.Structure):
        _fields_ = [  # PROCESS_MEMORY_COUNTERS, as psapi.h lays it out
            ("cb", wintypes.DWORD),
            ("PageFaultCount", wintypes.DWORD),
            ("PeakWorkingSetSize", ctypes.c_size_t),
            ("WorkingSetSize", ctypes.c_size_t),
            ("QuotaPeakPagedPoolUsage", ctypes.c_size_t),
            ("QuotaPagedPoolUsage", ctypes.c_size_t),
            ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t),
            ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
            ("PagefileUsage", ctypes.c_size_t),
            ("PeakPagefileUsage", ctypes.c_size_t),
        ]

    try:
        kernel = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined]
        psapi = ctypes.WinDLL("psapi")  # type: ignore[attr-defined]
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return None
        try:
            counters = Counters()
            counters.cb = ctypes.sizeof(counters)
            if not psapi.GetProcessMemoryInfo(handle, ctypes.byref(counters), counters.cb):
                return None
            return int(counters.PagefileUsage)  # private bytes: what a bomb grows
        finally:
            kernel.CloseHandle(handle)
    except (OSError, AttributeError):
        return None
