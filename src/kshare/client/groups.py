"""Groups a person may join, ask to join or leave: online only, decided by the server.

Membership decides what a person may see, so the desktop never guesses it and
never queues a change to it: each call asks the server and either succeeds or
says plainly why not (no connection, the last owner leaving, not an owner).
The content that a change lets in or takes away arrives with the next sync.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TypeVar

from kshare.client.errors import NotSignedIn, UserFacingError
from kshare.client.phrases import QT_TRANSLATE_NOOP, Phrase
from kshare.client.sync.api import ApiClient
from kshare.client.sync.errors import (
    AccountDisabled,
    ApiError,
    AuthRequired,
    Cancelled,
    IncompatibleServer,
    Transient,
)
from kshare.protocol.schemas import GroupListing

log = logging.getLogger(__name__)

T = TypeVar("T")

# Fail fast: a person is waiting, and nothing is queued to try again later.
ONLINE_ATTEMPTS = 2
NEEDS_CONNECTION = "Groups need a connection to the server"


class NeedsConnection(UserFacingError):
    """The server could not be reached; joining, leaving and answering requests wait for it."""


def online(make_api: Callable[[], ApiClient], what: str, call: Callable[[ApiClient], T]) -> T:
    """Run ``call`` against the server; every failure becomes a sentence for a person.

    ``what`` names the action in the words of an error ("joining Finance").
    """
    api = make_api()
    try:
        return call(api)
    except (Transient, Cancelled) as exc:
        log.info("%s failed: %s", what, exc)
        raise NeedsConnection(
            f"{NEEDS_CONNECTION}, and it cannot be reached right now ({exc}). "
            "Try again when you are online."
        ) from exc
    except AuthRequired as exc:
        raise NotSignedIn(f"Sign in again before {what}: the server asked for it.") from exc
    except AccountDisabled as exc:
        raise UserFacingError(str(exc)) from exc
    except IncompatibleServer as exc:
        raise UserFacingError(str(exc)) from exc
    except ApiError as exc:
        # The server's own sentence: "You are the only owner of …", "Only the group's owners …".
        log.info("%s refused: %s %s", what, exc.status, exc.code)
        raise UserFacingError(str(exc)) from exc
    finally:
        api.close()


def find_group(groups: Sequence[GroupListing], wanted: str) -> GroupListing:
    """The group named ``wanted`` (any case) or with that id; a clear error when none or many."""
    key = " ".join(wanted.split()).casefold()
    by_id = [g for g in groups if g.id == wanted]
    if by_id:
        return by_id[0]
    named = [g for g in groups if " ".join(g.name.split()).casefold() == key]
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        raise UserFacingError(f"More than one group is called “{wanted}”; use its id instead.")
    raise UserFacingError(f"No group called “{wanted}” that you may see.")


OWNER = QT_TRANSLATE_NOOP("GroupStanding", "Owner")
MEMBER = QT_TRANSLATE_NOOP("GroupStanding", "Member")
REQUEST_PENDING = QT_TRANSLATE_NOOP("GroupStanding", "Request pending")


def standing_phrase(group: GroupListing) -> Phrase | None:
    """Where the person stands, for translation (None: nowhere yet)."""
    if group.is_owner:
        word = OWNER
    elif group.is_member:
        word = MEMBER
    elif group.request_pending:
        word = REQUEST_PENDING
    else:
        return None
    return Phrase.of("GroupStanding", word)


def standing(group: GroupListing) -> str:
    """Where the person stands: "Owner", "Member", "Request pending" or ""."""
    phrase = standing_phrase(group)
    return phrase.text if phrase else ""
