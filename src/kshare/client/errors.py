"""Errors a person sees: each carries a sentence that says what happened and what to do.

The store's refusals (:class:`WriteRefused` and its kinds) carry the rule and its data;
their sentences are made here.

Each error carries its sentence as a :class:`~kshare.client.phrases.Phrase`: ``str(exc)``
is the English the command line prints, and ``exc.phrase`` is what a window shows in its
own language. Raise with a template marked for translation in the context ``Errors`` and
the values that fill it (``NotSignedIn(QT_TRANSLATE_NOOP("Errors", "Sign in again before
{what}."), what=...)``), or with a phrase made elsewhere (a sync error's); a plain sentence
that has no translation (a server's own words) is shown as it is.
"""

from __future__ import annotations

from kshare.client.phrases import QT_TRANSLATE_NOOP, Phrase

CONTEXT = "Errors"


class UserFacingError(Exception):
    """Base of every error the UI and the command line show as-is to a person."""

    phrase: Phrase

    def __init__(self, message: str | Phrase = "", /, **values: object) -> None:
        phrase = message if isinstance(message, Phrase) else Phrase.of(CONTEXT, message, **values)
        super().__init__(phrase.text)
        self.phrase = phrase


def say(template: str, /, **values: object) -> Phrase:
    """A sentence of the ``Errors`` context, to carry inside another sentence."""
    return Phrase.of(CONTEXT, template, **values)


class NothingCalled(UserFacingError, LookupError):
    """A name (of a tag, a person, a group) that matches nothing here, or more than one."""


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
        super().__init__(_words(reason, data))

    def words(self) -> str:
        return self.phrase.text


class NotInCache(WriteRefused):
    """What the write is about is not on this computer: ``reason`` is item, person,
    profile or draft (a conflicted draft no longer waiting for a decision)."""


class NotPermitted(WriteRefused):
    """The person may not make this change (not the author, not the asker, themselves)."""


class InvalidWrite(WriteRefused):
    """The write itself does not hold together (its audience, its times, a field)."""


_SENTENCES = {
    # NotInCache
    "item": QT_TRANSLATE_NOOP("Errors", "That item is not on this computer (any more)."),
    "person": QT_TRANSLATE_NOOP("Errors", "That person is not on this computer (any more)."),
    "profile": QT_TRANSLATE_NOOP(
        "Errors", "Your profile is not on this computer yet: sync once, then try again."
    ),
    "draft": QT_TRANSLATE_NOOP("Errors", "That draft is no longer waiting for a decision."),
    # NotPermitted
    "not_an_editor": QT_TRANSLATE_NOOP(
        "Errors", "Only its author and the editors they chose may change this item."
    ),
    "not_the_author": QT_TRANSLATE_NOOP("Errors", "Only the author may change who sees this item."),
    "not_the_asker": QT_TRANSLATE_NOOP("Errors", "Only the person who asked may accept an answer."),
    "endorse_yourself": QT_TRANSLATE_NOOP("Errors", "You cannot endorse yourself."),
    # InvalidWrite
    "reply_audience": QT_TRANSLATE_NOOP(
        "Errors", "Answers and comments follow their parent's audience."
    ),
    "no_audience": QT_TRANSLATE_NOOP("Errors", "Choose who can see this item."),
    "private_and_others": QT_TRANSLATE_NOOP(
        "Errors", "'private' cannot be combined with other audiences"
    ),
    "editors_of_private": QT_TRANSLATE_NOOP(
        "Errors",
        "Only you can see this item, so nobody else can edit it: "
        "add the editors to its audience first.",
    ),
    "hidden_groups": QT_TRANSLATE_NOOP(
        "Errors",
        "This item is also shown to groups you cannot see any more, so its "
        "audience cannot be kept as it is: name its whole audience.",
    ),
    "ends_in_the_past": QT_TRANSLATE_NOOP(
        "Errors",
        "'Visible until' is in the past: choose a later time, or none to keep it visible.",
    ),
    "ends_before_start": QT_TRANSLATE_NOOP(
        "Errors", "'Visible until' must be later than 'Publish at'."
    ),
    "not_a_document": QT_TRANSLATE_NOOP("Errors", "Only a shared document has a file to replace."),
    "not_an_answer": QT_TRANSLATE_NOOP("Errors", "Only an answer to a question can be accepted."),
    "no_skill": QT_TRANSLATE_NOOP("Errors", "Name the skill you endorse."),
    # with data
    "audience": "{detail}",  # a sentence made elsewhere
    "editor": QT_TRANSLATE_NOOP("Errors", "editor: {detail}"),
    "editor_kind": QT_TRANSLATE_NOOP(
        "Errors", "an editor is a group or a person (group:NAME or person:NAME), not {text!r}"
    ),
    "choice": "{detail}",
    "publish_field": QT_TRANSLATE_NOOP("Errors", "This cannot be published: {field}"),
    "edit_field": QT_TRANSLATE_NOOP("Errors", "This edit cannot be saved: {field}"),
    "reaction_field": QT_TRANSLATE_NOOP("Errors", "That reaction cannot be sent: {field}"),
    "profile_field": QT_TRANSLATE_NOOP("Errors", "This change cannot be saved: {field}"),
}


EDITORS_OUTSIDE = (  # one name, several
    QT_TRANSLATE_NOOP(
        "Errors",
        "An editor must be able to see the item: {names} is not in its audience. "
        "Add them to the audience, or choose editors among those who can see it.",
    ),
    QT_TRANSLATE_NOOP(
        "Errors",
        "An editor must be able to see the item: {names} are not in its audience. "
        "Add them to the audience, or choose editors among those who can see it.",
    ),
)


def _words(reason: str, data: dict[str, object]) -> Phrase:
    if reason == "editors_outside":
        found = data.get("names", ())
        names = [str(name) for name in found] if isinstance(found, tuple | list) else []
        return say(EDITORS_OUTSIDE[0 if len(names) == 1 else 1], names=", ".join(names))
    return say(_SENTENCES[reason], **data)
