"""Errors a person sees: each carries a sentence that says what happened and what to do.

The store's refusals (:class:`WriteRefused` and its kinds) carry the rule and its data;
their sentences are made here.
"""

from __future__ import annotations


class UserFacingError(Exception):
    """Base of every error the UI and the command line show as-is to a person."""


class LoginFailed(UserFacingError):
    pass


class KeyringUnavailable(UserFacingError):
    pass


class ServerUnreachable(UserFacingError):
    pass


class NotSignedIn(UserFacingError):
    pass


class FeatureUnavailable(UserFacingError):
    """A part of kshare (search, experts) is missing or broken in this installation."""


class ServerNotAllowed(UserFacingError):
    """The organisation's policy names the one server this desktop may use."""


class TurnedOffByPolicy(UserFacingError):
    """The organisation turned this part of kshare off."""


# --- refusals of the local store ------------------------------------------------------
#
# The store (kshare.client.store) checks a write before anything is queued. It raises
# one of these with the rule that refused it and the data a sentence needs; the words
# are made here, in one place, so that the store holds no sentences and a caller can
# tell the refusals apart by ``reason`` (and say them its own way).


class WriteRefused(UserFacingError):
    """A write the cache refused before queuing it; ``reason`` names the rule."""

    def __init__(self, reason: str, **data: object) -> None:
        self.reason = reason
        self.data = data
        super().__init__(self.words())

    def words(self) -> str:
        return _words(self.reason, self.data)


class NotInCache(WriteRefused):
    """What the write is about is not on this computer: ``reason`` is item, person,
    profile or draft (a conflicted draft no longer waiting for a decision)."""


class NotPermitted(WriteRefused):
    """The person may not make this change (not the author, not the asker, themselves)."""


class InvalidWrite(WriteRefused):
    """The write itself does not hold together (its audience, its times, a field)."""


_SENTENCES = {
    # NotInCache
    "item": "That item is not on this computer (any more).",
    "person": "That person is not on this computer (any more).",
    "profile": "Your profile is not on this computer yet: sync once, then try again.",
    "draft": "That draft is no longer waiting for a decision.",
    # NotPermitted
    "not_an_editor": "Only its author and the editors they chose may change this item.",
    "not_the_author": "Only the author may change who sees this item.",
    "not_the_asker": "Only the person who asked may accept an answer.",
    "endorse_yourself": "You cannot endorse yourself.",
    # InvalidWrite
    "reply_audience": "Answers and comments follow their parent's audience.",
    "no_audience": "Choose who can see this item.",
    "private_and_others": "'private' cannot be combined with other audiences",
    "editors_of_private": (
        "Only you can see this item, so nobody else can edit it: "
        "add the editors to its audience first."
    ),
    "hidden_groups": (
        "This item is also shown to groups you cannot see any more, so its "
        "audience cannot be kept as it is: name its whole audience."
    ),
    "ends_in_the_past": (
        "'Visible until' is in the past: choose a later time, or none to keep it visible."
    ),
    "ends_before_start": "'Visible until' must be later than 'Publish at'.",
    "not_a_document": "Only a shared document has a file to replace.",
    "not_an_answer": "Only an answer to a question can be accepted.",
    "no_skill": "Name the skill you endorse.",
    # with data
    "audience": "{detail}",
    "editor": "editor: {detail}",
    "editor_kind": "an editor is a group or a person (group:NAME or person:NAME), not {text!r}",
    "choice": "{detail}",
    "publish_field": "This cannot be published: {field}",
    "edit_field": "This edit cannot be saved: {field}",
    "reaction_field": "That reaction cannot be sent: {field}",
    "profile_field": "This change cannot be saved: {field}",
}


def _words(reason: str, data: dict[str, object]) -> str:
    if reason == "editors_outside":
        found = data.get("names", ())
        names = [str(name) for name in found] if isinstance(found, tuple | list) else []
        return (
            f"An editor must be able to see the item: {', '.join(names)} "
            f"{'is' if len(names) == 1 else 'are'} not in its audience. "
            "Add them to the audience, or choose editors among those who can see it."
        )
    return _SENTENCES[reason].format(**data)
