"""Other names of tags (``postgres`` for ``postgresql``, ``k8s`` for ``kubernetes``).

The server keeps the list; every desktop gets it whole through the change feed
whenever it changed, and its search, facets and expert finding read an alias as
the tag it stands for. An alias always points at a tag that is not itself an
alias, so nobody has to follow chains: naming an alias as the target resolves
to its tag, and making a tag an alias of another moves its own aliases along.

Aliases are company-wide words, not content: every signed-in person gets them.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kshare.server.audit import audit
from kshare.server.db import next_seq
from kshare.server.tables import TagAlias
from kshare.server.writes import canonical_tag

MAX_TAG = 64

# What the demo company calls the same things by other names.
DEMO_ALIASES = {
    "postgres": "postgresql",
    "pg": "postgresql",
    "k8s": "kubernetes",
    "kube": "kubernetes",
    "ml": "machine-learning",
    "py": "python",
    "golang": "go",
    "ab-testing": "a/b-testing",
    "cicd": "ci/cd",
    "single-sign-on": "sso",
    "2fa": "mfa",
}


class TagAliasError(ValueError):
    """The alias cannot be kept as asked; the message says why."""


def _key(text: str, what: str) -> str:
    key = canonical_tag(text)
    if not key:
        raise TagAliasError(f"The {what} is empty.")
    if len(key) > MAX_TAG:
        raise TagAliasError(f"The {what} “{key[:20]}…” is longer than {MAX_TAG} characters.")
    return key


def current(session: Session) -> dict[str, str]:
    """Every alias in use, to its tag."""
    rows = session.execute(
        select(TagAlias.alias, TagAlias.tag).where(TagAlias.removed.is_(False))
    ).all()
    return {str(a): str(t) for a, t in rows}


def set_alias(session: Session, alias: str, tag: str, *, actor_id: str | None = None) -> str:
    """Make ``alias`` another name of ``tag``; returns the tag it now stands for."""
    alias, tag = _key(alias, "alias"), _key(tag, "tag")
    known = current(session)
    tag = known.get(tag, tag)  # the target is an alias itself: point at its tag
    if tag == alias:
        raise TagAliasError(f"“{alias}” cannot be an alias of itself.")
    seq = next_seq(session)
    _write(session, alias, tag, seq)
    for other, target in known.items():
        if target == alias:  # the alias was a tag with aliases of its own: they follow it
            _write(session, other, tag, seq)
    audit(session, "tag_alias_set", actor_id=actor_id, admin=actor_id is None, alias=alias, tag=tag)
    return tag


def remove_alias(session: Session, alias: str, *, actor_id: str | None = None) -> bool:
    """Stop reading ``alias`` as another tag; False when it was not an alias."""
    row = session.get(TagAlias, _key(alias, "alias"))
    if row is None or row.removed:
        return False
    row.removed = True
    row.seq = next_seq(session)
    audit(session, "tag_alias_removed", actor_id=actor_id, admin=actor_id is None, alias=row.alias)
    return True


def changed_after(session: Session, seq: int) -> bool:
    """Whether the list changed after change number ``seq``."""
    last = session.scalar(select(func.max(TagAlias.seq)))
    return last is not None and int(last) > seq


def _write(session: Session, alias: str, tag: str, seq: int) -> None:
    row = session.get(TagAlias, alias)
    if row is None:
        session.add(TagAlias(alias=alias, tag=tag, removed=False, seq=seq))
    else:
        row.tag, row.removed, row.seq = tag, False, seq
