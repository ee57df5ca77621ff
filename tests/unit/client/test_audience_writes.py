"""Editors and the publication window on this desktop: checked before anything is queued,
shown in the cache at once, and an item's audience changed by its author alone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select

from kshare.client.audiences import (
    KEEP,
    TimeChange,
    audience_change,
    audience_spec,
    new_item_spec,
)
from kshare.client.errors import UserFacingError
from kshare.client.store import outbox, queries, repository
from kshare.client.store.repository import ITEMS
from kshare.client.store.writes import LocalWrites
from kshare.protocol.schemas import (
    AudienceView,
    GroupUpsert,
    ItemUpsert,
    PersonRef,
    PersonUpsert,
)
from tests.unit.client.factories import group, item, person


@dataclass
class Me:
    user_id: str


@pytest.fixture
def writes(writer: Engine) -> LocalWrites:
    with writer.begin() as conn:
        repository.upsert(
            conn,
            [
                PersonUpsert(data=person("p-ana", "ana")),
                PersonUpsert(data=person("p-bo", "bo", display_name="Bo Lindqvist")),
                PersonUpsert(data=person("p-cy", "cy", display_name="Cy Park")),
                GroupUpsert(data=group("g-sre", "SRE", member_ids=["p-ana", "p-bo"])),
                GroupUpsert(data=group("g-db", "DBA", member_ids=["p-cy"])),
            ],
        )
    return LocalWrites(writer, lambda: Me("p-ana"))


def queued(writer: Engine) -> list[tuple[str, str]]:
    with writer.connect() as conn:
        return [(e.operation, e.target_id) for e in outbox.pending(conn)]


def shown(writer: Engine, item_id: str) -> AudienceView:
    with writer.connect() as conn:
        raw = conn.execute(select(ITEMS.c.audience).where(ITEMS.c.id == item_id)).scalar()
    return AudienceView.model_validate(raw)


def publish(writes: LocalWrites, **kwargs: object) -> str:
    fields: dict[str, object] = {
        "item_id": "item-0001",
        "title": "Failover",
        "body": "Steps",
        "tags": (),
        "audience": ("group:SRE",),
        "kind": "post",
        "parent_id": None,
    }
    fields.update(kwargs)
    # the audience in words, as the command line and the UI name it, made a spec first
    spec = new_item_spec(
        kind=str(fields["kind"]),
        parent_id=fields["parent_id"],  # type: ignore[arg-type]
        audience=fields.pop("audience"),  # type: ignore[arg-type]
        editors=fields.pop("editors", ()),  # type: ignore[arg-type]
        publish_at=fields.pop("publish_at", None),  # type: ignore[arg-type]
        visible_until=fields.pop("visible_until", None),  # type: ignore[arg-type]
        now=writes.clock.now(),
    )
    return writes.publish(audience=spec, **fields)  # type: ignore[arg-type]


def edit(
    writes: LocalWrites,
    item_id: str,
    *,
    audience: Sequence[str] | None = None,
    editors: Sequence[str] | None = None,
    publish_at: TimeChange = KEEP,
    visible_until: TimeChange = KEEP,
    **text: str | None,
) -> None:
    """An edit as the app makes it: the audience change in words becomes a function first."""
    change = audience_change(audience, editors, publish_at, visible_until, writes.clock)
    writes.edit(item_id, audience=change, **text)  # type: ignore[arg-type]


def test_editors_and_window_are_sent_in_utc_and_shown_at_once(
    writes: LocalWrites, writer: Engine
) -> None:
    start = datetime.now(UTC) + timedelta(hours=1)
    end = (start + timedelta(days=2)).astimezone().replace(tzinfo=None)  # local, no zone
    publish(writes, editors=("person:bo",), publish_at=start, visible_until=end)
    with writer.connect() as conn:
        [entry] = outbox.pending(conn)
    sent = entry.payload["create"]["audience"]
    assert sent["editor_people"] == ["bo"]
    assert datetime.fromisoformat(sent["visible_until"]) == end.astimezone(UTC)
    assert sent["visible_until"].endswith(("Z", "+00:00"))
    view = shown(writer, "item-0001")
    assert [p.username for p in view.editor_people] == ["bo"]
    assert view.publish_at == start
    info = queries.item_detail(writer, "item-0001")
    assert info is not None
    assert info.audience.editors == ("person:bo",)
    assert info.audience.editor_names == ("Bo Lindqvist",)
    assert info.audience.visible_until == end.astimezone(UTC)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"visible_until": datetime.now(UTC) - timedelta(minutes=1)}, "in the past"),
        (
            {
                "publish_at": datetime.now(UTC) + timedelta(days=2),
                "visible_until": datetime.now(UTC) + timedelta(days=1),
            },
            "later than 'Publish at'",
        ),
        ({"editors": ("person:cy",)}, "Cy Park is not in its audience"),
        ({"editors": ("group:DBA",)}, "DBA is not in its audience"),
        ({"audience": ("private",), "editors": ("person:bo",)}, "Only you can see"),
        ({"editors": ("org",)}, "an editor is a group or a person"),
    ],
)
def test_what_cannot_be_published_is_said_and_nothing_is_queued(
    writes: LocalWrites, writer: Engine, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(UserFacingError, match=message):
        publish(writes, **kwargs)
    assert queued(writer) == []
    assert queries.item_detail(writer, "item-0001") is None


def test_an_editor_may_be_a_member_of_an_audience_group_or_anyone_when_org_wide(
    writes: LocalWrites,
) -> None:
    publish(writes, editors=("person:bo", "group:SRE"))
    publish(writes, item_id="item-0002", audience=("org",), editors=("group:DBA",))


def test_the_author_changes_the_audience_shown_at_once_and_undone_when_refused(
    writes: LocalWrites, writer: Engine
) -> None:
    with writer.begin() as conn:
        repository.upsert_items(
            conn,
            [
                item(
                    "item-0001",
                    author_id="p-ana",
                    audience=AudienceView(
                        people=[
                            PersonRef(id="p-bo", username="bo", display_name="Bo"),
                            PersonRef(id="p-cy", username="cy", display_name="Cy"),
                        ]
                    ),
                    can_edit=True,
                )
            ],
        )
    until = datetime.now(UTC) + timedelta(days=1)
    edit(
        writes,
        "item-0001",
        title=None,
        body=None,
        tags=None,
        audience=("person:cy",),
        visible_until=until,
    )
    view = shown(writer, "item-0001")
    assert [p.username for p in view.people] == ["cy"]
    assert view.visible_until == until
    with writer.connect() as conn:
        [entry] = outbox.pending(conn)
    assert entry.payload["update"]["audience"]["people"] == ["cy"]
    assert "title" not in entry.payload["update"]
    # only the window changes: the audience is kept as the cache shows it
    edit(writes, "item-0001", title=None, body=None, tags=None, visible_until=None)
    with writer.connect() as conn:
        second = outbox.pending(conn)[1]
    assert second.payload["update"]["audience"]["people"] == ["cy"]
    assert second.payload["update"]["audience"].get("visible_until") is None
    # a refused change puts back what was there before it
    from kshare.client.sync.push import OutboxPusher

    with writer.begin() as conn:
        OutboxPusher._undo_optimistic(None, conn, entry)  # type: ignore[arg-type]
    assert [p.username for p in shown(writer, "item-0001").people] == ["bo", "cy"]


def test_only_the_author_changes_who_sees_an_item_and_editors_change_its_text(
    writes: LocalWrites, writer: Engine
) -> None:
    with writer.begin() as conn:
        repository.upsert(
            conn,
            [
                ItemUpsert(data=item("by-bo", author_id="p-bo", can_edit=True)),
                ItemUpsert(data=item("by-cy", author_id="p-cy", can_edit=False)),
            ],
        )
    with pytest.raises(UserFacingError, match="Only the author"):
        edit(writes, "by-bo", title=None, body=None, tags=None, audience=("org",))
    with pytest.raises(UserFacingError, match="editors they chose"):
        edit(writes, "by-cy", title=None, body="mine now", tags=None)
    assert queued(writer) == []
    edit(writes, "by-bo", title=None, body="Better steps", tags=None, publish_at=KEEP)
    assert queued(writer) == [("update_item", "by-bo")]


def test_audience_spec_reads_local_times_without_a_zone() -> None:
    local = datetime.now() + timedelta(hours=3)
    spec = audience_spec(["org"], [], None, local)
    assert spec.visible_until is not None and spec.visible_until.tzinfo is not None
    assert spec.visible_until == local.astimezone(UTC)


def test_keeping_mine_after_a_conflict_shows_my_audience_again(
    writes: LocalWrites, writer: Engine
) -> None:
    with writer.begin() as conn:
        repository.upsert_items(conn, [item("item-0001", author_id="p-ana", can_edit=True)])
    edit(writes, "item-0001", title=None, body=None, tags=None, audience=("group:SRE",))
    with writer.begin() as conn:
        [entry] = outbox.pending(conn)
        server = item("item-0001", author_id="p-ana", version=2, can_edit=True)
        outbox.mark_conflict(conn, entry.id, "changed", server.model_dump(mode="json"))
        repository.upsert_items(conn, [server])  # what a conflict answer brings
    assert shown(writer, "item-0001").org
    writes.resolve_conflict(entry.id, "mine")
    view = shown(writer, "item-0001")
    assert not view.org and [g.name for g in view.groups] == ["SRE"]
    with writer.connect() as conn:
        [again] = outbox.pending(conn)
    assert again.payload["update"]["base_version"] == 2
