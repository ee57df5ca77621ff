"""``kshare share`` without ``--audience``: ask on a terminal, refuse in a script.

Publishing a file to the whole company because an option was forgotten cannot be undone
on the desktops that already fetched it; so the command asks, and where no one can
answer (a pipe, a cron job) it stops and names the option.
"""

from __future__ import annotations

import re
from typing import TextIO

from kshare.client.errors import UserFacingError

CHOICES = "org, private, group:NAME, person:NAME"
NO_TERMINAL = "say who may see the file with --audience ({choices}); there is no terminal to ask on"
ATTEMPTS = 3


def ask_audience(name: str, stdin: TextIO, stdout: TextIO) -> list[str]:
    """The audience typed at the terminal; raises ``UserFacingError`` without a terminal."""
    if not stdin.isatty():
        raise UserFacingError(NO_TERMINAL.format(choices=CHOICES))
    stdout.write(
        f"Who may see {name}? Type one or more of {CHOICES} (separated by spaces or commas).\n"
    )
    for _attempt in range(ATTEMPTS):
        stdout.write("Audience: ")
        stdout.flush()
        line = stdin.readline()
        if not line:
            raise UserFacingError("no audience given: nothing was shared")
        chosen = parse_audience(line)
        if chosen:
            return chosen
        stdout.write(f"Please name at least one of {CHOICES}.\n")
    raise UserFacingError("no audience given: nothing was shared")


def parse_audience(line: str) -> list[str]:
    """``org`` / ``group:SRE, person:ana`` -> the choices, in order, without repeats."""
    seen: dict[str, None] = {}
    for part in re.split(r"[,\s]+", line.strip()[:2000]):
        if part:
            seen.setdefault(part, None)
    return list(seen)
