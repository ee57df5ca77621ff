"""How dates, kinds and audiences read in the window: short, plain words."""

from __future__ import annotations

from datetime import UTC, datetime

from kshare.clock import SYSTEM, Clock

KIND_LABELS = {
    "post": "Post",
    "article": "Article",
    "question": "Question",
    "answer": "Answer",
    "comment": "Comment",
    "document": "Document",
    "person": "Person",
}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


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
        return "never"
    moment = _aware(moment)
    now = _aware(now) if now else clock.now()
    seconds = (now - moment).total_seconds()
    if seconds < 45:
        return "just now"
    if seconds < 3600:
        return f"{max(1, round(seconds / 60))} min ago"
    if seconds < 86400:
        return f"{round(seconds / 3600)} h ago"
    if seconds < 2 * 86400:
        return "yesterday"
    local = moment.astimezone()
    if local.year == now.astimezone().year:
        return f"{local.day} {local:%b}"
    return f"{local.day} {local:%b %Y}"


def full_time(moment: datetime | None) -> str:
    if moment is None:
        return ""
    local = _aware(moment).astimezone()
    return f"{local.day} {local:%B %Y, %H:%M}"


def audience_summary(labels: list[str], *, org: bool, private: bool) -> str:
    """The sentence under the audience picker: who will be able to read this."""
    if private:
        return "Visible to: only you"
    if org:
        return "Visible to: everyone in the company"
    if not labels:
        return "Choose who can see this"
    if len(labels) > 4:
        shown = ", ".join(labels[:3])
        return f"Visible to: {shown} and {len(labels) - 3} more"
    return "Visible to: " + ", ".join(labels)
