"""What a new password must be: long enough, and not one everybody else picks first.

The list of common passwords ships with kshare (``common_passwords.txt``). A
password is also refused when it is a listed one with digits or symbols added
at the end ("Password2026!"), one character repeated, or the person's own name.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

MAX_LENGTH = 1024
_DECORATION = re.compile(r"[\W\d_]*")  # what people add to a common word to "strengthen" it


class WeakPassword(ValueError):
    """The password does not meet the policy; the message says why in plain words."""


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    text = resources.files(__package__).joinpath("common_passwords.txt").read_text("utf-8")
    return frozenset(
        line.strip().casefold() for line in text.splitlines() if line.strip() and "#" not in line
    )


def check_password(password: str, *, min_length: int, username: str = "") -> None:
    """Raise :class:`WeakPassword` when ``password`` may not be used."""
    if len(password) < min_length:
        raise WeakPassword(f"A password needs at least {min_length} characters.")
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"A password may have at most {MAX_LENGTH} characters.")
    folded = password.casefold()
    squeezed = " ".join(folded.split())
    listed = common_passwords()
    joined = squeezed.replace(" ", "")
    decorated = any(
        joined.startswith(word) and _DECORATION.fullmatch(joined[len(word) :])
        for word in listed
        if len(word) >= 4
    )
    if squeezed in listed or joined in listed or decorated:
        raise WeakPassword("That password is one of the most common ones; choose another.")
    if len(set(folded)) <= 2:
        raise WeakPassword("A password needs more than one or two different characters.")
    name = username.casefold().strip()
    if name and len(name) >= 3 and name in folded:
        raise WeakPassword("A password must not contain your user name.")
