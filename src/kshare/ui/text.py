"""How dates, kinds and audiences read in the window: short, plain words.

Every word here goes through Qt's translation (context ``text``). Dates, times and
numbers follow Qt's default locale, which :func:`kshare.ui.i18n.install` sets for the
window's language (``12. März 2025, 14:05`` and ``1.234`` in German), not whatever locale
the C library of the process happens to run under.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import cache

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QObject, QTime

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


def _date_pattern(locale: QLocale, *, year: bool, short_month: bool) -> str:
    """The locale's long date without its weekday: ``d MMMM yyyy``, ``d. MMMM yyyy``,
    ``MMMM d, yyyy``; without the year, and with the short month name, on request."""
    pattern = locale.dateFormat(QLocale.FormatType.LongFormat)
    # the weekday, first (``dddd, ``) or last (``日dddd``)
    pattern = re.sub(r"^d{4}[^dMy]*|[\s,]*d{4}$", "", pattern).strip()
    if not year:
        pattern = re.sub(r"^y+[^dM]*|[^dM]*y+[^dM]*$", "", pattern).strip()
    if short_month:
        pattern = pattern.replace("MMMM", "MMM")
    return pattern


def _qdate(local: datetime) -> QDate:
    return QDate(local.year, local.month, local.day)


def clock_time(local: datetime) -> str:
    """``14:05`` (``2:05 PM`` where the locale says so)."""
    return QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)


def number(value: int) -> str:
    """``12,345`` (``12.345`` in German)."""
    return QLocale().toString(value)


def decimal(value: float, digits: int = 1) -> str:
    """``3.5`` (``3,5`` in German)."""
    return QLocale().toString(float(value), "f", digits)


def short_date(local: datetime, *, year: bool = False) -> str:
    """``12 Mar`` (``12 Mar 2025`` with the year), in the locale's order."""
    locale = QLocale()
    return locale.toString(_qdate(local), _date_pattern(locale, year=year, short_month=True))


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
    locale = QLocale()
    day = locale.toString(_qdate(local), _date_pattern(locale, year=True, short_month=False))
    return QCoreApplication.translate("text", "{date}, {time}").format(
        date=day, time=clock_time(local)
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
