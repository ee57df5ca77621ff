"""The inbox, derived from the cache: one test per kind, read marks, no flood, visibility."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import Engine

from kshare.client.notifications.follows import queue_change, store_follows
from kshare.client.notifications.read_point import JOIN_DECISIONS
from kshare.client.notifications.service import Notifications
from kshare.client.store import outbox, repository
from kshare.clock import ManualClock
from kshare.protocol.schemas import FollowList, GroupUpsert, JoinDecision, PersonUpsert
from tests.unit.client.factories import T0, group, group_audience, item, person, upserts

ME, ANA, BOB = "me-1", "ana-1", "bob-1"


def _setup(writer: Engine) -> tuple[Notifications, ManualClock]:
    clock = ManualClock(T0 + timedelta(days=1))
    with writer.begin() as conn:
        repository.upsert(
            conn,
            [
                PersonUpsert(data=person(ME, "me")),
                PersonUpsert(data=person(ANA, "ana", display_name="Ana Alvarez")),
                PersonUpsert(data=person(BOB, "bob", display_name="Bob Brown")),
            ],
        )
    notes = Notifications(writer, writer, lambda: ME, clock)
    assert notes.inbox() == []  # the first look sets the baseline: nothing before it floods
    clock.advance(minutes=5)
    return notes, clock


def _put(writer: Engine, *items: object) -> None:
    with writer.begin() as conn:
        repository.upsert(conn, upserts(*items))  # type: ignore[arg-type]


def _later(clock: ManualClock, minutes: int = 1) -> dict[str, object]:
    at = clock.now() + timedelta(minutes=minutes)
    return {"created_at": at, "updated_at": at}


def _kinds(notes: Notifications) -> dict[str, str]:
    return {e.key: e.kind for e in notes.inbox(unread_only=True)}


def test_a_mention_of_me_is_in_the_inbox_and_opens_the_item(writer: Engine) -> None:
    notes, clock = _setup(writer)
    post = item(author_id=ANA, title="Deploy notes", mentions=[ME], **_later(clock))
    _put(writer, post)
    [entry] = notes.inbox(unread_only=True)
    assert entry.kind == "mention" and entry.open_id == post.id
    assert entry.text == "Ana Alvarez mentioned you in “Deploy notes”"


def test_answers_replies_and_accepted_answers_on_my_items(writer: Engine) -> None:
    notes, clock = _setup(writer)
    question = item(
        kind="question", author_id=ME, title="Which queue?", created_at=T0, updated_at=T0
    )
    theirs = item(kind="question", author_id=BOB, title="Kafka?", created_at=T0, updated_at=T0)
    _put(writer, question, theirs)
    answer = item(kind="answer", parent_id=question.id, author_id=ANA, **_later(clock))
    comment = item(kind="comment", parent_id=question.id, author_id=BOB, **_later(clock, 2))
    mine = item(kind="answer", parent_id=theirs.id, author_id=ME, is_accepted=True, **_later(clock))
    _put(writer, answer, comment, mine)
    kinds = _kinds(notes)
    assert kinds == {
        f"answer:{answer.id}": "answer",
        f"reply:{comment.id}": "reply",
        f"accepted:{mine.id}": "accepted",
    }
    entries = {e.kind: e for e in notes.inbox()}
    assert entries["answer"].open_id == question.id
    assert entries["accepted"].open_id == theirs.id


def test_an_endorsement_and_a_new_membership_show_once(writer: Engine) -> None:
    notes, _ = _setup(writer)
    with writer.begin() as conn:
        repository.upsert(
            conn,
            [
                PersonUpsert(data=person(ME, "me", endorsements={"Go": [ANA]}, version=2)),
                GroupUpsert(data=group("g-1", "Finance", member_ids=[ME, BOB])),
            ],
        )
    entries = notes.inbox(unread_only=True)
    assert {e.text for e in entries} == {
        "Ana Alvarez endorsed you for Go",
        "You are now a member of Finance",
    }
    notes.mark_all_read()
    assert notes.inbox(unread_only=True) == []
    assert len(notes.inbox()) == 2


def test_new_items_in_what_i_follow(writer: Engine) -> None:
    notes, clock = _setup(writer)
    followed_q = item(
        kind="question", author_id=BOB, title="Flaky CI", created_at=T0, updated_at=T0
    )
    _put(writer, followed_q)
    with writer.begin() as conn:
        for kind, target in (
            ("person", ANA),
            ("tag", "postgresql"),
            ("group", "g-7"),
            ("question", followed_q.id),
        ):
            queue_change(conn, kind, target, True, clock.now())
    by_ana = item(author_id=ANA, title="Ana's post", **_later(clock))
    tagged = item(author_id=BOB, title="Vacuum", tags=["postgresql"], **_later(clock))
    in_group = item(
        author_id=BOB, title="Team news", audience=group_audience("g-7", "SRE"), **_later(clock)
    )
    answer = item(kind="answer", parent_id=followed_q.id, author_id=ANA, **_later(clock))
    unrelated = item(author_id=BOB, title="Lunch", **_later(clock))
    _put(writer, by_ana, tagged, in_group, answer, unrelated)
    texts = {e.open_id: e.text for e in notes.inbox(unread_only=True)}
    assert texts == {
        by_ana.id: "Ana Alvarez posted: “Ana's post”",
        tagged.id: "New in #postgresql, which you follow: “Vacuum”",
        in_group.id: "New in a group you follow: “Team news”",
        followed_q.id: "Ana Alvarez answered “Flaky CI”, which you follow",
    }


def test_my_own_writes_and_history_before_the_first_look_are_not_unread(writer: Engine) -> None:
    clock = ManualClock(T0 + timedelta(days=1))
    old = item(author_id=ANA, title="Old", mentions=[ME], created_at=T0, updated_at=T0)
    _put(writer, old)
    notes = Notifications(writer, writer, lambda: ME, clock)
    [entry] = notes.inbox()
    assert entry.read  # it was there before this desktop ever looked
    _put(writer, item(author_id=ME, title="Mine", mentions=[ME], **_later(clock)))
    assert notes.inbox(unread_only=True) == []


def test_an_item_the_viewer_lost_is_gone_from_the_inbox_after_the_purge(writer: Engine) -> None:
    notes, clock = _setup(writer)
    secret = item(author_id=ANA, title="Secret plan", mentions=[ME], **_later(clock))
    _put(writer, secret)
    assert [e.open_id for e in notes.inbox()] == [secret.id]
    with writer.begin() as conn:
        repository.purge(conn, [("item", secret.id)])
    assert notes.inbox() == []
    assert "Secret" not in str(notes.inbox())


def test_announcements_never_repeat_and_respect_the_kinds_turned_off(writer: Engine) -> None:
    notes, clock = _setup(writer)
    mention = item(author_id=ANA, title="Hello", mentions=[ME], **_later(clock))
    question = item(kind="question", author_id=ME, title="Q", created_at=T0, updated_at=T0)
    _put(writer, mention, question)
    _put(writer, item(kind="answer", parent_id=question.id, author_id=BOB, **_later(clock)))
    clock.advance(minutes=10)
    announced = notes.to_announce(lambda kind: kind != "answer")
    assert [e.kind for e in announced] == ["mention"]
    assert notes.to_announce(lambda kind: True) == []  # nothing is ever announced twice


def test_a_queued_follow_survives_the_servers_older_list(writer: Engine) -> None:
    notes, clock = _setup(writer)
    with writer.begin() as conn:
        queue_change(conn, "tag", "kafka", True, clock.now())
        store_follows(conn, FollowList(follows=[]))  # a sync that ran before the push
    assert [(f.kind, f.target) for f in notes.following()] == [("tag", "kafka")]
    with writer.begin() as conn:
        [entry] = outbox.pending(conn)
        outbox.mark_done(conn, entry.id)
        store_follows(conn, FollowList(follows=[]))  # the server's word, once it is sent
    assert notes.following() == []


def test_following_by_name_resolves_from_the_cache(writer: Engine) -> None:
    notes, _ = _setup(writer)
    assert notes.follow("person", "@Ana") == ANA
    assert notes.follow("tag", "#Machine Learning") == "machine-learning"
    assert {(f.kind, f.label) for f in notes.following()} == {
        ("person", "Ana Alvarez (@ana)"),
        ("tag", "#machine-learning"),
    }
    notes.unfollow("person", "ana")
    assert [f.kind for f in notes.following()] == ["tag"]
    try:
        notes.follow("group", "No Such Group")
    except LookupError as exc:
        assert "No group called" in str(exc)
    else:
        raise AssertionError("an unknown group was followed")


def test_join_decisions_from_the_server_show_as_approved_or_declined(writer: Engine) -> None:
    notes, clock = _setup(writer)
    decided = clock.now() + timedelta(minutes=1)
    decisions = [
        JoinDecision(group_id="g-fin", group_name="Finance", approved=False, decided_at=decided),
        JoinDecision(group_id="g-ops", group_name="Ops", approved=True, decided_at=decided),
    ]
    with writer.begin() as conn:
        repository.set_state(
            conn, JOIN_DECISIONS, json.dumps([d.model_dump(mode="json") for d in decisions])
        )
        repository.upsert(conn, [GroupUpsert(data=group("g-ops", "Ops", member_ids=[ME]))])
    texts = sorted(e.text for e in notes.inbox(unread_only=True))
    assert texts == [
        "Your request to join Finance was declined",
        "Your request to join Ops was approved",  # not also "You are now a member of Ops"
    ]
