"""``kshare admin import-stackexchange``: run an import and tell the administrator how it goes."""

from __future__ import annotations

import argparse
import logging
import sys

from kshare.clock import SYSTEM
from kshare.server.importer.stackexchange import import_stackexchange

log = logging.getLogger(__name__)

_EVERY = 10_000  # rows between progress lines: a big site prints a few dozen, not thousands


def run_import(args: argparse.Namespace) -> int:
    started = SYSTEM.monotonic()
    shown: dict[str, int] = {}

    def progress(stage: str, done: int) -> None:
        if done - shown.get(stage, -_EVERY) >= _EVERY:
            shown[stage] = done
            elapsed = SYSTEM.monotonic() - started
            print(f"{stage}: {done} ({elapsed:.0f} s)", file=sys.stderr, flush=True)

    report = import_stackexchange(
        args.data,
        args.dump_dir,
        database_url=args.database_url,
        organisation=args.organisation,
        site=args.site,
        progress=progress,
    )
    print(report.summary())
    return 0
