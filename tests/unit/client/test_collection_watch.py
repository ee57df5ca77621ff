"""Changes of a followed collection, noticed from the cache alone: counted over what the
follower may see, never for what left with the follower's access, and gone with a purge."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, func, select

from kshare.client.notifications.collections import CHANGES, WATCH
from kshare.client.notifications.service import Notifications
from kshare.client.store import repository
from kshare.clock import ManualClock
from kshare.protocol.schemas import CollectionEntry, ItemOut, PersonUpsert
from tests.unit.client.factories import T0, item, person, upserts

ME, ANA = "me-1", "ana-1"


def _put(writer: Engine, *items: ItemOut) -> None:
    with writer.begin() as conn:
        repository.upsert(conn, upserts(*items))


def _collection(version: int, *entries: tuple[str, str], title: str = "Onboarding") -> ItemOut:
    return item(
        "coll-1",
        kind="collection",
        author_id=ANA,
        title=title,
        body="Start here",
        version=version,
        entries=[
            CollectionEntry(item_id=i, section="", note=note, position=n)
            for n, (i, note) in enumerate(entries)
        ],
    )


def _count(writer: Engine, table: object) -> int:
    with writer.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_changes_count_only_visible_entries_and_respect_the_followed_setting(
    writer: Engine,
) -> None:
    clock = ManualClock(T0 + timedelta(days=1))
    with writer.begin() as conn:
        repository.upsert(conn, [PersonUpsert(data=person(ANA, "ana", display_name="Ana"))])
    welcome = item("welcome", author_id=ANA, title="Welcome")
    glossary = item("glossary", author_id=ANA, title="Glossary")
    _put(writer, welcome, glossary, _collection(1, ("welcome", ""), ("secret-1", "hidden")))
    notes = Notifications(writer, writer, lambda: ME, clock)
    assert notes.inbox() == []
    notes.follow("collection", "coll-1")
    clock.advance(minutes=5)

    # Entries the cache does not hold (the follower may not see them) change nothing.
    _put(writer, _collection(2, ("welcome", ""), ("secret-1", "new note"), ("secret-2", "")))
    assert notes.inbox() == []
    _put(writer, _collection(3, ("glossary", ""), ("welcome", "read first"), ("secret-2", "")))
    [entry] = notes.inbox(unread_only=True)
    assert entry.text == "Collection “Onboarding” changed: 1 entry added, 1 note changed"
    assert (entry.kind, entry.open_id) == ("followed", "coll-1")
    assert [e.key for e in notes.to_announce(lambda kind: kind != "followed")] == []
    clock.advance(minutes=1)
    _put(writer, _collection(4, ("welcome", "read first"), ("glossary", ""), title="Start"))
    announced = notes.to_announce(lambda kind: kind == "followed")
    assert [e.text for e in announced] == ["Collection “Start” changed: 1 entry moved, renamed"]

    # The follower lost access to an entry's item: not a change of the collection.
    with writer.begin() as conn:
        repository.purge(conn, [("item", "glossary")])
    assert len(notes.inbox()) == 2
    # The collection itself leaves: its memory and its changes go with it.
    with writer.begin() as conn:
        repository.purge(conn, [("item", "coll-1")])
    assert _count(writer, WATCH) == 0 and _count(writer, CHANGES) == 0
    assert notes.inbox() == []


def test_an_unfollow_forgets_the_collection(writer: Engine) -> None:
    clock = ManualClock(T0 + timedelta(days=1))
    _put(writer, item("welcome", title="Welcome"), _collection(1, ("welcome", "")))
    notes = Notifications(writer, writer, lambda: ME, clock)
    notes.inbox()
    notes.follow("collection", "Onboarding")
    assert _count(writer, WATCH) == 1
    notes.unfollow("collection", "coll-1")
    assert _count(writer, WATCH) == 0
    _put(writer, _collection(2))
    assert notes.inbox() == []
