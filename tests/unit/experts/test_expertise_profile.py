"""Expertise profiles, suggested people and people's own choices, through the Workspace.

A real cache and index on disk, a signed-in account and no server: everything
here must work offline, from what this desktop holds.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from kshare.client.errors import NotSignedIn, UserFacingError
from kshare.client.paths import ProfilePaths
from kshare.client.services import ACCOUNT_KEY, Account, Workspace
from kshare.client.store import outbox, repository
from kshare.client.store.db import create_writer_engine, open_cache
from kshare.client.views import Expert, ExpertiseProfile
from kshare.protocol.schemas import ItemOut, ItemUpsert, PersonOut, PersonUpsert

from .conftest import item, person, postgres_thread, python_post

ME = "alice"


def people() -> list[PersonOut]:
    return [
        person("alice", "Alice Berg", title="DBA", department="Platform"),
        person(
            "bob",
            "Bob Costa",
            skills=["Go"],
            endorsements={"Go": ["dan", "carol"], "Postgres": ["dan"]},
        ),
        person("carol", "Carol Diaz"),
        person("dan", "Dan Eriksen", skills=["Python"], endorsements={"Python": ["bob"]}),
        person("erin", "Erin Fox"),
    ]


def content() -> list[ItemOut]:
    return [
        *postgres_thread(),
        python_post(),
        item(
            "p2",
            "alice",
            days=3,
            title="Replication slots that never drain",
            body="A replication slot kept WAL for days; monitor pg_replication_slots.",
            tags=["postgresql", "replication"],
        ),
        item(
            "p3",
            "alice",
            days=4,
            title="Our kiln schedule",
            body="Ceramics club: glaze firing every Friday.",
            tags=["ceramics"],
        ),
        item(
            "q2",
            "dan",
            days=5,
            kind="question",
            title="Why does autovacuum not keep up with our postgres bloat?",
            body="Vacuum runs but table bloat grows on postgres.",
            tags=["postgresql", "vacuum"],
        ),
        # one post never makes a topic: Dan comes back to his
        item(
            "p4",
            "dan",
            days=6,
            title="Python wheels for the arm runners",
            body="Python wheels for arm need their own runner.",
            tags=["python", "packaging"],
        ),
    ]


def open_profile(root: Path, rows: list[Any], user: str | None = ME) -> Workspace:
    paths = ProfilePaths.at(root).ensure()
    open_cache(paths.cache_db).dispose()
    writer = create_writer_engine(paths.cache_db)
    with writer.begin() as conn:
        upserts = [
            PersonUpsert(data=r) if isinstance(r, PersonOut) else ItemUpsert(data=r) for r in rows
        ]
        repository.upsert(conn, upserts)
        if user is not None:
            # Signed in earlier; the server is out of reach from here on.
            account = Account("http://127.0.0.1:9", user, user, user.title())
            repository.set_state(conn, ACCOUNT_KEY, json.dumps(asdict(account)))
    writer.dispose()
    workspace = Workspace.open(root)
    workspace._search_index().catch_up()
    return workspace


@pytest.fixture
def make(tmp_path: Path) -> Iterator[Any]:
    opened: list[Workspace] = []

    def factory(rows: list[Any] | None = None, user: str | None = ME, name: str = "p") -> Workspace:
        workspace = open_profile(tmp_path / name, rows or [*people(), *content()], user)
        opened.append(workspace)
        return workspace

    yield factory
    for workspace in opened:
        workspace.close()


def with_choices(person_id: str, **choices: Any) -> list[Any]:
    return [p.model_copy(update=choices) if p.id == person_id else p for p in people()] + list(
        content()
    )


def names(profile: ExpertiseProfile) -> dict[str, str]:
    return {t.name: t.state for t in profile.topics}


def ids(experts: list[Expert]) -> list[str]:
    return [e.person_id for e in experts]


def ranked(workspace: Workspace, topic: str) -> list[str]:
    """Everyone the finder lists for a topic (the Workspace's own call leaves the viewer out)."""
    return ids(workspace._expert_finder().rank(topic))


def pending(workspace: Workspace) -> list[outbox.OutboxOp]:
    with workspace.reader.connect() as conn:
        return outbox.pending(conn)


# --- reading a profile -------------------------------------------------------------------


def test_my_profile_has_mined_and_confirmed_topics_and_what_i_hid(make: Any) -> None:
    workspace = make(
        with_choices(ME, expertise_confirmed=["Kubernetes"], expertise_hidden=["ceramics"])
    )
    profile = workspace.expertise_profile()
    assert profile is not None and profile.is_me and profile.person_id == ME
    assert (profile.display_name, profile.title, profile.department) == (
        "Alice Berg",
        "DBA",
        "Platform",
    )
    topics = names(profile)
    assert topics["postgresql"] == "mined"
    assert topics["Kubernetes"] == "confirmed"  # no activity, still shown
    assert "ceramics" not in topics
    assert profile.hidden == ("ceramics",)
    strengths = [t.strength for t in profile.topics]
    assert strengths == sorted(strengths, reverse=True) and max(strengths) == 1.0
    assert "Kubernetes" in profile.ask_about
    assert "bob" in ids(list(profile.similar))  # he answered in the same postgres thread
    assert workspace.expertise_profile(ME) == profile


def test_a_colleagues_profile_never_shows_what_they_hid(make: Any) -> None:
    workspace = make(with_choices("bob", expertise_hidden=["PostgreSQL"]))
    profile = workspace.expertise_profile("bob")
    assert profile is not None and not profile.is_me
    assert all(t.name.casefold() != "postgresql" for t in profile.topics)
    assert profile.hidden == ()  # only he sees what he hid
    assert profile.skills == ("Go",)
    assert profile.endorsements == (("Go", 2), ("Postgres", 1))


def test_someone_who_opted_out_shows_only_what_they_declared(make: Any) -> None:
    workspace = make(with_choices("dan", expert_opt_out=True, expertise_confirmed=["Packaging"]))
    profile = workspace.expertise_profile("dan")
    assert profile is not None and profile.opt_out
    assert profile.topics == () and profile.similar == ()
    assert profile.skills == ("Python",) and profile.endorsements == (("Python", 1),)
    assert "Packaging" not in profile.ask_about and "python" not in profile.ask_about
    # Their own desktop still shows them everything.
    own = make(with_choices("dan", expert_opt_out=True), user="dan", name="dan")
    mine = own.expertise_profile()
    assert mine is not None and mine.is_me and mine.opt_out
    assert "python" in names(mine)


def test_unknown_people_and_signed_out_viewers_get_none(make: Any) -> None:
    workspace = make()
    assert workspace.expertise_profile("nobody") is None
    signed_out = make(user=None, name="out")
    assert signed_out.expertise_profile() is None
    assert signed_out.expertise_profile("bob") is not None


# --- suggested people -----------------------------------------------------------------------


def test_suggested_people_for_a_question_leave_out_asker_answerers_and_me(make: Any) -> None:
    workspace = make(user="erin", name="erin")
    suggested = ids(workspace.suggested_experts("q2"))
    assert suggested[:2] == ["alice", "bob"] and "dan" not in suggested  # dan asked it
    answered = ids(workspace.suggested_experts("q1"))
    assert not {"carol", "alice", "bob"} & set(answered)
    mine = make(name="alice")
    assert "alice" not in ids(mine.suggested_experts("q2"))  # never suggested to herself
    assert ids(mine.suggested_experts("q2", limit=1)) == ["bob"]


def test_only_cached_questions_get_suggestions(make: Any) -> None:
    workspace = make()
    assert workspace.suggested_experts("p1") == []  # a post
    assert workspace.suggested_experts("a1") == []  # an answer
    assert workspace.suggested_experts("gone") == []


# --- changing my own profile ---------------------------------------------------------------


def test_hiding_a_topic_shows_at_once_in_my_profile_and_the_rankings(make: Any) -> None:
    workspace = make()
    assert "alice" in ranked(workspace, "postgresql replication")  # aggregates warm now
    assert "postgresql" in names(workspace.expertise_profile())
    profile = workspace.update_expertise(hide=["PostgreSQL"])
    assert "postgresql" not in {n.casefold() for n in names(profile)}
    assert profile.hidden == ("PostgreSQL",)
    assert "alice" not in ranked(workspace, "postgresql replication")
    assert "alice" in ranked(workspace, "ceramics glaze")  # only that topic is hidden
    [entry] = pending(workspace)
    assert entry.operation == "update_profile"
    assert entry.payload["profile"]["expertise_hidden"] == ["PostgreSQL"]
    again = workspace.update_expertise(unhide=["postgresql"])
    assert again.hidden == () and "postgresql" in names(again)
    assert "alice" in ranked(workspace, "postgresql replication")
    assert len(pending(workspace)) == 2


def test_confirming_and_removing_topics(make: Any) -> None:
    workspace = make(with_choices(ME, skills=["Terraform"], expertise_hidden=["cobol"]))
    profile = workspace.update_expertise(confirm=["  Kubernetes  ", "COBOL"])
    assert names(profile)["Kubernetes"] == "confirmed" and names(profile)["COBOL"] == "confirmed"
    assert profile.hidden == ()
    assert "alice" in ranked(workspace, "kubernetes")  # a confirmed topic counts at once
    profile = workspace.update_expertise(remove=["kubernetes", "terraform", "ceramics"])
    assert "Kubernetes" not in names(profile) and profile.skills == ()
    # ceramics comes from her posts: it cannot be deleted, so it is hidden.
    assert profile.hidden == ("ceramics",) and "ceramics" not in names(profile)
    assert "alice" not in ranked(workspace, "kubernetes")
    [*_, last] = pending(workspace)
    assert last.payload["profile"]["expertise_confirmed"] == ["COBOL"]
    assert last.payload["profile"]["skills"] == []


def test_opting_out_leaves_every_listing_but_not_my_own_view(make: Any) -> None:
    workspace = make()
    profile = workspace.update_expertise(opt_out=True)
    assert profile.opt_out and profile.topics  # I still see my topics
    assert "alice" not in ranked(workspace, "postgresql replication")
    assert "alice" not in ranked(workspace, "ceramics glaze")
    assert "alice" not in ids(workspace._expert_finder().similar_experts("bob"))
    assert workspace.update_expertise(opt_out=False).opt_out is False
    assert "alice" in ranked(workspace, "postgresql replication")


def test_changes_need_someone_signed_in(make: Any) -> None:
    workspace = make(user=None, name="out")
    with pytest.raises(NotSignedIn):
        workspace.update_expertise(hide=["postgresql"])
    with pytest.raises(NotSignedIn):
        workspace.endorse("bob", "Go")
    assert pending(workspace) == []


# --- endorsing a colleague ---------------------------------------------------------------------


def test_an_endorsement_shows_at_once_and_counts_in_rankings(make: Any) -> None:
    workspace = make()
    before = workspace._expert_finder().rank("erlang")
    assert "erin" not in ids(before)
    workspace.endorse("erin", "Erlang")
    profile = workspace.expertise_profile("erin")
    assert profile is not None and profile.endorsements == (("Erlang", 1),)
    erin = next(e for e in workspace._expert_finder().rank("erlang") if e.person_id == "erin")
    assert any(r.kind == "endorsement" for r in erin.reasons)
    assert profile.endorsed_by_me == ("Erlang",)
    workspace.endorse("bob", "postgres")  # joins the existing spelling
    bob = workspace.expertise_profile("bob")
    assert bob is not None and dict(bob.endorsements)["Postgres"] == 2
    assert bob.endorsed_by_me == ("Postgres",)  # named as the profile shows it
    assert workspace.expertise_profile("dan").endorsed_by_me == ()  # type: ignore[union-attr]
    assert [(e.operation, e.target_id) for e in pending(workspace)] == [
        ("endorse", "erin"),
        ("endorse", "bob"),
    ]


@pytest.mark.parametrize(("target", "message"), [(ME, "yourself"), ("zed", "not on this")])
def test_endorsing_myself_or_someone_unknown_is_refused(
    make: Any, target: str, message: str
) -> None:
    workspace = make()
    with pytest.raises(UserFacingError, match=message):
        workspace.endorse(target, "Go")
    assert pending(workspace) == []


def test_profile_topics_merge_spellings_and_hide_tag_forms() -> None:
    from kshare.client.experts.profile_view import expertise_topics
    from kshare.client.store.declared import Choices

    found = [("postgresql", 1.0), ("machine-learning", 0.8), ("vacuum", 0.5), ("bloat", 0.3)]
    choices = Choices(confirmed=("PostgreSQL", "Rust"), hidden=("Machine Learning",))
    topics = expertise_topics(found, choices, limit=3)
    assert [(t.name, t.state) for t in topics] == [
        ("PostgreSQL", "confirmed"),
        ("Rust", "confirmed"),
        ("vacuum", "mined"),
    ]
