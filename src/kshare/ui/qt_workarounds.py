"""Work around defects of the Qt binding that would crash kshare, each detected, not assumed.

PySide6 6.12.0 on CPython 3.11: ``SignalInstance.emit()`` and ``connect()``
return ``True`` without taking a reference to it, so every signal emitted or
connected from Python takes one reference away from ``True``. Python 3.12+
made ``True`` immortal, which hides this; on 3.11 the count runs out and the
interpreter aborts ("bool_dealloc: deallocating True or False"), at exit or, in
a long session with sync progress, mid-run. We detect the leak with a probe
and, only then, give ``True`` and ``False`` a reference count so large that
they can never reach zero, which is what 3.12 does for every interpreter.
"""

from __future__ import annotations

import ctypes
import logging
import platform
import sys

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

_RESERVE = 1 << 40  # far more emits than a process can make
_applied = False


class _Probe(QObject):
    fired = Signal()


def signal_emit_leaks_true() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(16):
        probe.fired.emit()
    return sys.getrefcount(True) < before


def apply() -> None:
    """Call once, after importing PySide6 and before emitting signals."""
    global _applied
    if _applied:
        return
    _applied = True
    if platform.python_implementation() != "CPython" or sys.version_info >= (3, 12):
        return
    if not signal_emit_leaks_true():
        return
    log.info("this PySide6 leaks references to True on emit; compensating")
    for value in (True, False):
        # ob_refcnt is the first field of every object in a release build of CPython.
        ctypes.c_ssize_t.from_address(id(value)).value += _RESERVE
