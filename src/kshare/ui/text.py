"""How dates, kinds and audiences read in the window: short, plain words.

Every word here goes through Qt's translation (context ``text``). Month names are
this module's own rather than the C library's, so a date reads in the window's
language and not in whatever locale the process happens to run under.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

from PySide6.QtCore import QCoreApplication, QObject

from kshare.client.phrases import QT_TRANSLATE_NOOP as QT_TRANSLATE_NOOP  # typed, unlike Qt's
from kshare.clock import SYSTEM, Clock

KIND_LABELS = {
    "post": QT_TRANSLATE_NOOP("text", "Post"),
    "article": QT_TRANSLATE_NOOP("text", "Article"),
    "question": QT_TRANSLATE_NOOP("text", "Question"),
    "answer": QT_TRANSLATE_NOOP("text", "Answer"),
    "comment": QT_TRANSLATE_NOOP("text", "Comment"),
    "document": QT_TRANSLATE_NOOP("text", "Document"),
    "person": QT_TRANSLATE_NOOP("text", "Person"),
    "collection": QT_TRANSLATE_NOOP("text", "Collection"),
}
MONTHS = (
    QT_TRANSLATE_NOOP("text", "January"),
    QT_TRANSLATE_NOOP("text", "February"),
    QT_TRANSLATE_NOOP("text", "March"),
    QT_TRANSLATE_NOOP("text", "April"),
    QT_TRANSLATE_NOOP("text", "May"),
    QT_TRANSLATE_NOOP("text", "June"),
    QT_TRANSLATE_NOOP("text", "July"),
    QT_TRANSLATE_NOOP("text", "August"),
    QT_TRANSLATE_NOOP("text", "September"),
    QT_TRANSLATE_NOOP("text", "October"),
    QT_TRANSLATE_NOOP("text", "November"),
    QT_TRANSLATE_NOOP("text", "December"),
)
SHORT_MONTHS = (
    QT_TRANSLATE_NOOP("text", "Jan"),
    QT_TRANSLATE_NOOP("text", "Feb"),
    QT_TRANSLATE_NOOP("text", "Mar"),
    QT_TRANSLATE_NOOP("text", "Apr"),
    QT_TRANSLATE_NOOP("text", "May"),
    QT_TRANSLATE_NOOP("text", "Jun"),
    QT_TRANSLATE_NOOP("text", "Jul"),
    QT_TRANSLATE_NOOP("text", "Aug"),
    QT_TRANSLATE_NOOP("text", "Sep"),
    QT_TRANSLATE_NOOP("text", "Oct"),
    QT_TRANSLATE_NOOP("text", "Nov"),
    QT_TRANSLATE_NOOP("text", "Dec"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("text", text)


def english_plural(text: str, n: int) -> str:
    """``3 item(s)`` as English says it, when no translation replaced the source text."""
    for marker, ending in (("(s)", "s"), ("(S)", "S")):
        text = text.replace(marker, "" if n == 1 else ending)
    return text


class Counts(QObject):
    """Phrases with a number in them, in the singular or plural the number needs.

    pyside6-lupdate marks a message as plural only in a ``tr()`` call, so the
    module functions that need one ask this object (see :func:`counts`). Without a
    translation the source text is English with ``(s)``; :func:`english_plural`
    settles it.
    """

    def more(self, names: str, n: int) -> str:
        """``Alice, Bob and 3 more``."""
        return self.tr("{names} and %n more", "", n).format(names=names)

    def answers(self, n: int) -> str:
        return english_plural(self.tr("%n ANSWER(S)", "", n), n)

    def versions(self, n: int) -> str:
        return english_plural(self.tr("%n version(s)", "", n), n)

    def reactions(self, n: int) -> str:
        return english_plural(self.tr("%n reaction(s)", "", n), n)

    def members(self, n: int) -> str:
        return english_plural(self.tr("%n member(s)", "", n), n)

    def groups(self, n: int) -> str:
        return english_plural(self.tr("%n group(s)", "", n), n)

    def endorsements(self, n: int) -> str:
        return english_plural(self.tr("%n endorsement(s)", "", n), n)

    def join_requests(self, group: str, n: int) -> str:
        """``2 people ask to join SRE: answer`` (a button's accessible name)."""
        text = self.tr("%n people ask to join {group}: answer", "", n)
        if n == 1 and text == "1 people ask to join {group}: answer":
            text = "1 person asks to join {group}: answer"  # English without a translation
        return text.format(group=group)


@cache
def counts() -> Counts:
    return Counts()


def kind_label(kind: str) -> str:
    label = KIND_LABELS.get(kind)
    return _tr(label) if label else kind.replace("_", " ").capitalize()


def short_date(local: datetime, *, year: bool = False) -> str:
    """``12 Mar`` (``12 Mar 2025`` with the year)."""
    month = _tr(SHORT_MONTHS[local.month - 1])
    if year:
        return QCoreApplication.translate("text", "{day} {month} {year}").format(
            day=local.day, month=month, year=local.year
        )
    return QCoreApplication.translate("text", "{day} {month}").format(day=local.day, month=month)


def _aware(moment: datetime) -> datetime:
    # The cache stores UTC; a naive value from it is UTC, not local time.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def relative_time(
    moment: datetime | None, now: datetime | None = None, clock: Clock = SYSTEM
) -> str:
    """``just now``, ``5 min ago``, ``3 h ago``, ``yesterday``, ``12 Mar``, ``12 Mar 2025``.

    Measured from ``now``, else from ``clock``'s now.
    """
    if moment is None:
        return QCoreApplication.translate("text", "never")
    moment = _aware(moment)
    now = _aware(now) if now else clock.now()
    seconds = (now - moment).total_seconds()
    if seconds < 45:
        return QCoreApplication.translate("text", "just now")
    if seconds < 3600:
        return QCoreApplication.translate("text", "{minutes} min ago").format(
            minutes=max(1, round(seconds / 60))
        )
    if seconds < 86400:
        return QCoreApplication.translate("text", "{hours} h ago").format(
            hours=round(seconds / 3600)
        )
    if seconds < 2 * 86400:
        return QCoreApplication.translate("text", "yesterday")
    local = moment.astimezone()
    return short_date(local, year=local.year != now.astimezone().year)


def full_time(moment: datetime | None) -> str:
    """``12 March 2025, 14:05`` in local time."""
    if moment is None:
        return ""
    local = _aware(moment).astimezone()
    return QCoreApplication.translate("text", "{day} {month} {year}, {time}").format(
        day=local.day, month=_tr(MONTHS[local.month - 1]), year=local.year, time=f"{local:%H:%M}"
    )


def audience_summary(labels: list[str], *, org: bool, private: bool) -> str:
    """The sentence under the audience picker: who will be able to read this."""
    if private:
        return QCoreApplication.translate("text", "Visible to: only you")
    if org:
        return QCoreApplication.translate("text", "Visible to: everyone in the company")
    if not labels:
        return QCoreApplication.translate("text", "Choose who can see this")
    if len(labels) > 4:
        shown = counts().more(", ".join(labels[:3]), len(labels) - 3)
        return QCoreApplication.translate("text", "Visible to: {names}").format(names=shown)
    return QCoreApplication.translate("text", "Visible to: {names}").format(names=", ".join(labels))
