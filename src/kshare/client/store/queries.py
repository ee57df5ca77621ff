"""Read the cache into the plain values the UI and the command line show.

Readers use their own connections (WAL lets them read while the sync worker
writes) and get immutable snapshots, never ORM objects.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, select

from kshare.client.filenames import display_name
from kshare.client.render import plain_excerpt, render_markdown
from kshare.client.store import outbox
from kshare.client.store.repository import GROUPS, ITEMS, PEOPLE, REACTIONS, as_utc
from kshare.client.views import AudienceInfo, Choice, ItemDetail, ItemSummary

TOP_LEVEL_KINDS = ("post", "article", "question", "document", "collection")


def audience_label(audience: dict[str, Any] | None) -> str:
    """A short phrase for who sees an item, from the viewer's side."""
    audience = audience or {}
    if audience.get("org"):
        return "Everyone"
    parts = [g.get("name", "?") for g in audience.get("groups", [])]
    hidden = int(audience.get("hidden_groups", 0) or 0)
    if hidden:
        parts.append(f"{hidden} other group{'s' if hidden > 1 else ''}")
    people = audience.get("people", [])
    if people:
        names = [p.get("display_name") or p.get("username", "?") for p in people]
        parts.append(", ".join(names[:3]) + (f" +{len(names) - 3}" if len(names) > 3 else ""))
    return ", ".join(parts) if parts else "Only me"


def audience_info(audience: dict[str, Any] | None) -> AudienceInfo:
    """An item's audience in the forms the composer and ``edit`` take."""
    audience = audience or {}
    if audience.get("org"):
        keys: tuple[str, ...] = ("org",)
    else:
        keys = tuple(f"group:{g.get('name', '')}" for g in audience.get("groups", []))
        keys += tuple(f"person:{p.get('username', '')}" for p in audience.get("people", []))
        keys = keys or ("private",)
    editor_groups = audience.get("editor_groups", [])
    editor_people = audience.get("editor_people", [])
    editors = tuple(f"group:{g.get('name', '')}" for g in editor_groups)
    editors += tuple(f"person:{p.get('username', '')}" for p in editor_people)
    names = tuple(str(g.get("name", "?")) for g in editor_groups)
    names += tuple(str(p.get("display_name") or p.get("username", "?")) for p in editor_people)
    return AudienceInfo(
        audience=keys,
        editors=editors,
        editor_names=names,
        hidden_groups=int(audience.get("hidden_groups", 0) or 0),
        publish_at=_moment(audience.get("publish_at")),
        visible_until=_moment(audience.get("visible_until")),
    )


def _moment(value: Any) -> datetime | None:
    if not value:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _top_level(kind: str | None) -> Any:
    clause = and_(ITEMS.c.parent_id.is_(None), ITEMS.c.kind.in_(TOP_LEVEL_KINDS))
    return and_(clause, ITEMS.c.kind == kind) if kind else clause


def _newest_first(kind: str | None) -> Any:
    """The feed's filter, written so the unfiltered feed reads the newest-first index.

    Filtered on ``parent_id`` and ``kind`` as they are, SQLite picks their indexes and
    sorts every top-level item to return one page (most of a second at 100,000 items).
    Seen through ``likely()`` (a no-op) they are no index's columns, so it walks
    ``created_at`` backwards and stops after the page. A single kind keeps its index:
    a rare kind would otherwise walk the whole cache to fill a page.
    """
    if kind:
        return _top_level(kind)
    return and_(
        func.likely(ITEMS.c.parent_id).is_(None),
        func.likely(ITEMS.c.kind).in_(TOP_LEVEL_KINDS),
    )


def feed_count(engine: Engine, kind: str | None = None) -> int:
    with engine.connect() as conn:
        query = select(func.count()).select_from(ITEMS).where(_top_level(kind))
        return int(conn.execute(query).scalar_one())


def _summaries(conn: Connection, rows: Sequence[Any]) -> list[ItemSummary]:
    ids = [row.id for row in rows]
    answers: dict[str, int] = {}
    if ids:
        counted = conn.execute(
            select(ITEMS.c.parent_id, func.count())
            .where(ITEMS.c.parent_id.in_(ids), ITEMS.c.kind == "answer")
            .group_by(ITEMS.c.parent_id)
        )
        answers = {parent: count for parent, count in counted}
    return [
        ItemSummary(
            id=row.id,
            kind=row.kind,
            title=row.title,
            author_id=row.author_id,
            author_name=row.display_name or row.author_id,
            created_at=as_utc(row.created_at),  # type: ignore[arg-type]
            updated_at=as_utc(row.updated_at),  # type: ignore[arg-type]
            tags=tuple(row.tags or ()),
            excerpt=plain_excerpt(row.body or ""),
            audience_label=audience_label(row.audience),
            answer_count=answers.get(row.id, 0),
            is_accepted=bool(row.is_accepted),
            score=row.score or 0,
            publish_at=_moment((row.audience or {}).get("publish_at")),
        )
        for row in rows
    ]


def _with_author() -> Any:
    return select(ITEMS, PEOPLE.c.display_name).join(
        PEOPLE, PEOPLE.c.id == ITEMS.c.author_id, isouter=True
    )


def feed_page(
    engine: Engine, offset: int, limit: int, kind: str | None = None
) -> list[ItemSummary]:
    """Top-level items, newest first."""
    with engine.connect() as conn:
        rows = conn.execute(
            _with_author()
            .where(_newest_first(kind))
            .order_by(ITEMS.c.created_at.desc(), ITEMS.c.id.desc())
            .offset(max(0, offset))
            .limit(max(0, limit))
        ).all()
        return _summaries(conn, rows)


def _detail(conn: Connection, row: Any, children: bool) -> ItemDetail:
    [summary] = _summaries(conn, [row])
    answers: tuple[ItemDetail, ...] = ()
    comments: tuple[ItemDetail, ...] = ()
    if children:
        kids = conn.execute(
            _with_author().where(ITEMS.c.parent_id == row.id).order_by(ITEMS.c.created_at)
        ).all()
        answer_rows = [k for k in kids if k.kind == "answer"]
        # Accepted first, then the best scored, then the oldest.
        answer_rows.sort(key=lambda k: (not (k.is_accepted or k.id == row.accepted_answer_id),
                                        -(k.score or 0)))  # fmt: skip
        answers = tuple(_detail(conn, k, True) for k in answer_rows)
        comments = tuple(_detail(conn, k, False) for k in kids if k.kind == "comment")
    emoji = conn.execute(select(REACTIONS.c.emoji).where(REACTIONS.c.item_id == row.id))
    reactions = tuple(sorted(Counter(emoji.scalars()).items(), key=lambda e: (-e[1], e[0])))
    attachment = row.attachment or {}
    return ItemDetail(
        summary=summary,
        body_markdown=row.body or "",
        body_html=render_markdown(row.body or ""),
        audience_label=summary.audience_label,
        can_edit=bool(row.can_edit),
        version=row.version,
        parent_id=row.parent_id,
        answers=answers,
        comments=comments,
        reactions=reactions,
        attachment_name=_shown_name(attachment),
        pending=outbox.has_pending(conn, row.id, "create_item"),
        audience=audience_info(row.audience),
    )


def _shown_name(attachment: dict[str, Any] | None) -> str:
    if not attachment:
        return ""
    return display_name(str(attachment.get("filename") or "")) or "document"


def item_detail(engine: Engine, item_id: str) -> ItemDetail | None:
    with engine.connect() as conn:
        row = conn.execute(_with_author().where(ITEMS.c.id == item_id)).one_or_none()
        return _detail(conn, row, True) if row is not None else None


def audience_choices(engine: Engine, me: str | None) -> list[Choice]:
    """Groups (by name) and colleagues (by username) the audience picker offers."""
    with engine.connect() as conn:
        groups = conn.execute(select(GROUPS).order_by(GROUPS.c.name)).all()
        people = conn.execute(
            select(PEOPLE).where(PEOPLE.c.active.is_(True)).order_by(PEOPLE.c.display_name)
        ).all()
    choices = [
        Choice("group", g.id, g.name, f"{g.name} ({g.kind}, {len(g.member_ids or [])} members)")
        for g in groups
    ]
    choices += [
        Choice("person", p.id, p.username, f"{p.display_name} (@{p.username})")
        for p in people
        if p.id != me
    ]
    return choices


def summaries_by_id(engine: Engine, ids: Sequence[str]) -> dict[str, ItemSummary]:
    """Feed rows for these items (those still in the cache), by id."""
    out: dict[str, ItemSummary] = {}
    with engine.connect() as conn:
        for start in range(0, len(ids), 400):
            chunk = list(ids[start : start + 400])
            rows = conn.execute(_with_author().where(ITEMS.c.id.in_(chunk))).all()
            out.update((s.id, s) for s in _summaries(conn, rows))
    return out
