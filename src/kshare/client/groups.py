"""Groups a person may join, ask to join or leave: online only, decided by the server.

Membership decides what a person may see, so the desktop never guesses it and
never queues a change to it: each call asks the server and either succeeds or
says plainly why not (no connection, the last owner leaving, not an owner).
The content that a change lets in or takes away arrives with the next sync.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

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
from kshare.client.views import GroupView, JoinRequestView, PersonName
from kshare.protocol.schemas import GroupListing, JoinRequestOut

log = logging.getLogger(__name__)

T = TypeVar("T")

# Fail fast: a person is waiting, and nothing is queued to try again later.
ONLINE_ATTEMPTS = 2


class NeedsConnection(UserFacingError):
    """The server could not be reached; joining, leaving and answering requests wait for it."""


def online(make_api: Callable[[], ApiClient], what: str, call: Callable[[ApiClient], T]) -> T:
    """Run ``call`` against the server; every failure becomes a sentence for a person.

    ``what`` names the action as the window names the work (a ``TaskLabel`` phrase).
    """
    api = make_api()
    try:
        return call(api)
    except (Transient, Cancelled) as exc:
        log.info("%s failed: %s", what, exc)
        raise NeedsConnection(
            QT_TRANSLATE_NOOP(
                "Errors",
                "Could not finish {what}: it needs a connection to the server, which cannot "
                "be reached right now ({cause}). Try again when you are online.",
            ),
            what=Phrase.of("TaskLabel", what),
            cause=exc.phrase,
        ) from exc
    except AuthRequired as exc:
        raise NotSignedIn(
            QT_TRANSLATE_NOOP("Errors", "Sign in again before {what}: the server asked for it."),
            what=Phrase.of("TaskLabel", what),  # the window names the work as it does,
        ) from exc
    except AccountDisabled as exc:
        raise UserFacingError(exc.phrase) from exc
    except IncompatibleServer as exc:
        raise UserFacingError(exc.phrase) from exc
    except ApiError as exc:
        # The server's own sentence: "You are the only owner of …", "Only the group's owners …".
        log.info("%s refused: %s %s", what, exc.status, exc.code)
        raise UserFacingError(exc.phrase) from exc
    finally:
        api.close()


def find_group(groups: Sequence[GroupView], wanted: str) -> GroupView:
    """The group named ``wanted`` (any case) or with that id; a clear error when none or many."""
    key = " ".join(wanted.split()).casefold()
    by_id = [g for g in groups if g.id == wanted]
    if by_id:
        return by_id[0]
    named = [g for g in groups if " ".join(g.name.split()).casefold() == key]
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        raise UserFacingError(
            QT_TRANSLATE_NOOP(
                "Errors", "More than one group is called “{name}”; use its id instead."
            ),
            name=wanted,
        )
    raise UserFacingError(
        QT_TRANSLATE_NOOP("Errors", "No group called “{name}” that you may see."), name=wanted
    )


OWNER = QT_TRANSLATE_NOOP("GroupStanding", "Owner")
MEMBER = QT_TRANSLATE_NOOP("GroupStanding", "Member")
REQUEST_PENDING = QT_TRANSLATE_NOOP("GroupStanding", "Request pending")


def standing_phrase(group: GroupView) -> Phrase | None:
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


def standing(group: GroupView) -> str:
    """Where the person stands: "Owner", "Member", "Request pending" or ""."""
    phrase = standing_phrase(group)
    return phrase.text if phrase else ""


def group_view(group: GroupListing) -> GroupView:
    return GroupView(
        id=group.id,
        name=group.name,
        kind=group.kind,
        visibility=group.visibility,
        description=group.description,
        member_count=group.member_count,
        is_member=group.is_member,
        is_owner=group.is_owner,
        request_pending=group.request_pending,
        pending_requests=group.pending_requests,
    )


def request_view(request: JoinRequestOut) -> JoinRequestView:
    person = request.person
    return JoinRequestView(
        PersonName(person.id, person.username, person.display_name), request.requested_at
    )


class Groups:
    """Listing, joining and leaving groups, and answering requests to join: online only."""

    def __init__(self, online: Callable[[str, Callable[[ApiClient], Any]], Any]) -> None:
        self._online = online

    def groups(self) -> list[GroupView]:
        """Every group the person may know, fresh from the server, by name.

        Online only: raises ``NeedsConnection`` (a ``UserFacingError``) when the server
        cannot be reached, ``NotSignedIn`` when no one is signed in.
        """
        found: list[GroupListing] = self._online(
            QT_TRANSLATE_NOOP("TaskLabel", "listing groups"), lambda api: api.groups()
        )
        return [group_view(group) for group in found]

    def join_group(self, group_id: str) -> GroupView:
        """Join an open group, or ask the owners of a closed one (``request_pending``).

        Nothing is queued: the server decides at once. When the answer says the person
        is now a member, the group's content arrives with the next sync; start one.
        """
        key = str(uuid.uuid4())
        joined: GroupListing = self._online(
            QT_TRANSLATE_NOOP("TaskLabel", "joining the group"),
            lambda api: api.join_group(group_id, key),
        )
        return group_view(joined)

    def leave_group(self, group_id: str) -> None:
        """Leave a group (or withdraw a pending request). The next sync removes from this
        computer whatever the person may no longer see. The only owner cannot leave: the
        ``UserFacingError`` carries the server's reason."""
        key = str(uuid.uuid4())
        self._online(
            QT_TRANSLATE_NOOP("TaskLabel", "leaving the group"),
            lambda api: api.leave_group(group_id, key),
        )

    def join_requests(self, group_id: str) -> list[JoinRequestView]:
        """Pending requests to join a group the person owns, oldest first."""
        found: list[JoinRequestOut] = self._online(
            QT_TRANSLATE_NOOP("TaskLabel", "reading the requests to join"),
            lambda api: api.join_requests(group_id),
        )
        return [request_view(request) for request in found]

    def approve_request(self, group_id: str, person_id: str) -> None:
        """Let a person who asked into a group the signed-in person owns."""
        key = str(uuid.uuid4())
        self._online(
            QT_TRANSLATE_NOOP("TaskLabel", "approving the request"),
            lambda api: api.answer_join_request(group_id, person_id, True, key),
        )

    def decline_request(self, group_id: str, person_id: str) -> None:
        """Turn down a request to join; the person may ask again later."""
        key = str(uuid.uuid4())
        self._online(
            QT_TRANSLATE_NOOP("TaskLabel", "declining the request"),
            lambda api: api.answer_join_request(group_id, person_id, False, key),
        )
