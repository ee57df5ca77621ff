from __future__ import annotations

import sys

import pytest

from kshare.ui import qt_workarounds

pytestmark = pytest.mark.gui


def test_a_long_session_of_signals_cannot_exhaust_true(qtbot):
    qt_workarounds.apply()
    if qt_workarounds.signal_emit_leaks_true():
        assert sys.getrefcount(True) > 1 << 39
    probe = qt_workarounds._Probe()
    for _ in range(100_000):
        probe.fired.emit()
    assert sys.getrefcount(True) > 1000
