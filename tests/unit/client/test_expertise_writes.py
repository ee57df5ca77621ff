"""A person's expertise choices and endorsements: the rules, the queued write, the push,
and a pulled row that must not undo a choice still on its way to the server."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, select

from kshare.client.errors import NotSignedIn, UserFacingError
from kshare.client.store import outbox, repository
from kshare.client.store.declared import (
    ChoiceError,
    Choices,
    apply_choices,
    endorsement_counts,
    with_endorsement,
    without_endorsement,
)
from kshare.client.store.models import CachedPerson
from kshare.client.store.writes import LocalWrites
from kshare.protocol.schemas import PersonUpsert
from tests.unit.client.factories import person
from tests.unit.client.fake_server import FakeServer
from tests.unit.client.test_engine import make_engine

ME = "u-me"


@dataclass(frozen=True)
class _Account:
    user_id: str


def writes(writer: Engine, user_id: str | None = ME) -> LocalWrites:
    return LocalWrites(writer, lambda: _Account(user_id) if user_id else None)


def put_people(writer: Engine, *people: Any) -> None:
    with writer.begin() as conn:
        repository.upsert(conn, [PersonUpsert(data=p) for p in people])


def row(writer: Engine, person_id: str) -> CachedPerson:
    with writer.connect() as conn:
        found = conn.execute(select(CachedPerson).where(CachedPerson.id == person_id)).first()
    assert found is not None
    return found  # type: ignore[return-value]


def queued(writer: Engine) -> list[outbox.OutboxOp]:
    with writer.connect() as conn:
        return outbox.pending(conn)


def seq(writer: Engine) -> int:
    with writer.connect() as conn:
        return int(repository.get_state(conn, repository.LOCAL_SEQ) or 0)


# --- the rules -------------------------------------------------------------------------


def test_confirm_unhides_and_hide_unconfirms_whatever_the_spelling() -> None:
    start = Choices(confirmed=("Kubernetes",), hidden=("Postgres  Tuning",))
    after = apply_choices(start, confirm=["postgres tuning"], hide=[" KUBERNETES "])
    assert after.confirmed == ("postgres tuning",)
    assert after.hidden == ("KUBERNETES",)
    again = apply_choices(after, confirm=["Postgres Tuning"], unhide=["kubernetes"])
    assert again.confirmed == ("postgres tuning",)  # already there, spelled once
    assert again.hidden == ()


def test_remove_drops_declared_topics_and_hides_what_writing_shows() -> None:
    start = Choices(
        skills=("Terraform", "Go"),
        ask_me_about=("terraform", "On-call"),
        confirmed=("TERRAFORM",),
    )
    after = apply_choices(start, remove=["terraform"])
    assert (after.skills, after.ask_me_about, after.confirmed) == (("Go",), ("On-call",), ())
    assert after.hidden == ()  # it was only declared: gone, nothing to hide
    # Only mined from their posts: it cannot be deleted, so it is hidden.
    mined = apply_choices(start, remove=["vacuum"], mined=lambda key: key == "vacuum")
    assert mined.hidden == ("vacuum",)
    never_seen = apply_choices(start, remove=["cobol"])
    assert never_seen.hidden == ("cobol",)
    # Declared and mined as well: dropped from the lists and hidden, so it leaves the profile.
    both = apply_choices(start, remove=["Go"], mined=lambda key: key == "go")
    assert both.skills == ("Terraform",) and both.hidden == ("Go",)


def test_opt_out_only_changes_when_asked() -> None:
    assert apply_choices(Choices(), opt_out=True).opt_out is True
    assert apply_choices(Choices(opt_out=True)).opt_out is True
    assert apply_choices(Choices(opt_out=True), opt_out=False).opt_out is False


@pytest.mark.parametrize(
    "change",
    [
        {"confirm": ["Go"], "hide": ["go"]},
        {"confirm": ["Go"], "remove": ["GO"]},
        {"unhide": ["go"], "hide": ["Go"]},
        {"confirm": ["   "]},
    ],
)
def test_contradicting_or_empty_topics_are_refused(change: dict[str, list[str]]) -> None:
    with pytest.raises(ChoiceError):
        apply_choices(Choices(), **change)  # type: ignore[arg-type]


def test_endorsements_count_spellings_of_a_skill_together() -> None:
    raw = {"Kubernetes": ["a", "b"], "kubernetes": ["b", "c"], "Go": ["a"], "Rust": []}
    assert endorsement_counts(raw) == (("Kubernetes", 3), ("Go", 1))
    more = with_endorsement(raw, " KUBERNETES ", "d")
    assert more["Kubernetes"] == ["a", "b", "d"]
    assert with_endorsement({}, "Go  lang", "a") == {"Go lang": ["a"]}
    assert without_endorsement({"Go": ["a"], "Rust": ["a", "b"]}, "go", "a") == {"Rust": ["a", "b"]}


# --- the queued write ----------------------------------------------------------------------


def test_a_change_shows_at_once_and_queues_one_update_with_the_full_lists(writer: Engine) -> None:
    put_people(
        writer,
        person(ME, "me", skills=["Go", "Terraform"], ask_me_about=["On-call"]),
    )
    before = seq(writer)
    writes(writer).update_choices(
        lambda c: apply_choices(c, confirm=["kubernetes"], hide=["php"], remove=["terraform"])
    )
    mine = row(writer, ME)
    assert mine.skills == ["Go"]
    assert mine.expertise_confirmed == ["kubernetes"]
    assert mine.expertise_hidden == ["php"]
    assert mine.local_seq > before  # the index and the expert finder see the change
    [entry] = queued(writer)
    assert (entry.operation, entry.target_id) == ("update_profile", ME)
    assert entry.payload["profile"] == {
        "skills": ["Go"],
        "ask_me_about": ["On-call"],
        "expertise_confirmed": ["kubernetes"],
        "expertise_hidden": ["php"],
        "expert_opt_out": False,
    }
    # Nothing to change: nothing queued.
    writes(writer).update_choices(lambda c: apply_choices(c, confirm=["Kubernetes"]))
    assert len(queued(writer)) == 1


def test_a_change_needs_a_signed_in_person_whose_row_is_cached(writer: Engine) -> None:
    with pytest.raises(NotSignedIn):
        writes(writer, None).update_choices(lambda c: apply_choices(c, hide=["x"]))
    with pytest.raises(UserFacingError, match="sync"):
        writes(writer).update_choices(lambda c: apply_choices(c, hide=["x"]))
    put_people(writer, person(ME, "me"))
    with pytest.raises(UserFacingError, match="both"):
        writes(writer).update_choices(lambda c: apply_choices(c, hide=["x"], confirm=["X"]))
    assert queued(writer) == []


def test_an_endorsement_shows_at_once_and_is_queued_once(writer: Engine) -> None:
    put_people(writer, person(ME, "me"), person("u-ana", "ana", endorsements={"Go": ["u-bo"]}))
    assert writes(writer).endorse("u-ana", " go ") is True
    assert row(writer, "u-ana").endorsements == {"Go": ["u-bo", ME]}
    assert writes(writer).endorse("u-ana", "GO") is False  # already endorsed: nothing more
    [entry] = queued(writer)
    assert (entry.operation, entry.target_id) == ("endorse", "u-ana")
    assert entry.payload == {"skill": "go", "endorser_id": ME}


@pytest.mark.parametrize(
    ("target", "skill", "message"),
    [(ME, "Go", "yourself"), ("u-nobody", "Go", "not on this computer"), ("u-ana", "  ", "skill")],
)
def test_endorsing_yourself_or_someone_unknown_queues_nothing(
    writer: Engine, target: str, skill: str, message: str
) -> None:
    put_people(writer, person(ME, "me"), person("u-ana", "ana"))
    with pytest.raises(UserFacingError, match=message):
        writes(writer).endorse(target, skill)
    assert queued(writer) == []
    with pytest.raises(NotSignedIn):
        writes(writer, None).endorse("u-ana", "Go")


# --- a pulled row while the choice is on its way -----------------------------------------------


def test_a_pulled_row_keeps_queued_choices_and_endorsements(writer: Engine) -> None:
    """A page fetched before the change reached the server must not undo it on this desktop."""
    stale_me = person(ME, "me", skills=["Go"], expertise_hidden=[])
    stale_ana = person("u-ana", "ana", endorsements={"Go": ["u-bo"]})
    put_people(writer, stale_me, person("u-ana", "ana"))
    writes(writer).update_choices(lambda c: apply_choices(c, hide=["php"], opt_out=True))
    writes(writer).endorse("u-ana", "Rust")
    # The page from before: older choices, and news from elsewhere (a new title).
    put_people(
        writer,
        stale_me.model_copy(update={"title": "SRE"}),
        stale_ana.model_copy(update={"title": "DBA"}),
    )
    mine, ana = row(writer, ME), row(writer, "u-ana")
    assert (mine.expertise_hidden, mine.expert_opt_out, mine.title) == (["php"], True, "SRE")
    assert ana.endorsements == {"Go": ["u-bo"], "Rust": [ME]} and ana.title == "DBA"
    # Once the writes are done, the server's row is the truth again.
    with writer.begin() as conn:
        for entry in outbox.pending(conn):
            outbox.mark_done(conn, entry.id)
    put_people(writer, stale_me, stale_ana)
    assert row(writer, ME).expertise_hidden == []
    assert row(writer, "u-ana").endorsements == {"Go": ["u-bo"]}


class _WriteDuringFeed(httpx.BaseTransport):
    """Runs ``during`` while the first feed page is on its way: the person clicks meanwhile."""

    def __init__(self, inner: httpx.BaseTransport, during: Any) -> None:
        self.inner = inner
        self.during = during

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.url.path.endswith("/feed") and self.during is not None:
            during, self.during = self.during, None
            during()
        return response


def test_a_choice_made_while_a_page_is_in_flight_survives_the_page(writer: Engine) -> None:
    server = FakeServer()
    server.add_person(person(ME, "me", skills=["Go"]))
    server.add_person(person("u-ana", "ana"))
    make_engine(writer, server).sync()
    server.change_person(ME, title="SRE")  # the next page carries the old choices

    def click() -> None:
        writes(writer).update_choices(lambda c: apply_choices(c, hide=["go"]))
        writes(writer).endorse("u-ana", "Rust")

    engine = make_engine(writer, server, transport=_WriteDuringFeed(server.transport(), click))
    assert engine.sync().status.state == "idle"
    assert row(writer, ME).expertise_hidden == ["go"] and row(writer, ME).title == "SRE"
    assert row(writer, "u-ana").endorsements == {"Rust": [ME]}
    report = make_engine(writer, server).sync()  # the next sync publishes both
    assert report.pushed == 2 and queued(writer) == []
    assert server.people[ME][0].expertise_hidden == ["go"]
    assert server.people["u-ana"][0].endorsements == {"Rust": [ME]}
    assert row(writer, ME).expertise_hidden == ["go"]


# --- the push ------------------------------------------------------------------------------------


def test_an_endorsement_is_pushed_and_the_answer_applied(writer: Engine) -> None:
    server = FakeServer()
    server.add_person(person(ME, "me"))
    server.add_person(person("u-ana", "ana", endorsements={"Go": ["u-bo"]}))
    engine = make_engine(writer, server)
    engine.sync()
    writes(writer).endorse("u-ana", "go")
    server.change_person("u-ana", display_name="Ana Souza")
    report = engine.sync()
    assert report.pushed == 1 and report.status.pending_outbox == 0
    assert server.calls.count("POST /api/v1/people/u-ana/endorsements") == 1
    ana = row(writer, "u-ana")
    assert ana.endorsements == {"Go": ["u-bo", ME]}
    assert ana.display_name == "Ana Souza"  # the server's answer is the row now
    assert ana.version == server.people["u-ana"][0].version


def test_a_profile_change_is_pushed_with_its_full_lists(writer: Engine) -> None:
    server = FakeServer()
    server.add_person(person(ME, "me", skills=["Go"], expertise_confirmed=["Rust"]))
    engine = make_engine(writer, server)
    engine.sync()
    writes(writer).update_choices(lambda c: apply_choices(c, hide=["rust"], opt_out=True))
    assert engine.sync().pushed == 1
    on_server = server.people[ME][0]
    assert on_server.skills == ["Go"] and on_server.expertise_confirmed == []
    assert on_server.expertise_hidden == ["rust"] and on_server.expert_opt_out is True


def test_a_refused_endorsement_is_taken_back_here(writer: Engine) -> None:
    server = FakeServer()
    server.add_person(person(ME, "me"))
    engine = make_engine(writer, server)
    engine.sync()
    put_people(writer, person("u-gone", "gone", endorsements={"Go": ["u-bo"]}))
    writes(writer).endorse("u-gone", "Go")
    report = engine.sync()
    assert report.failed == 1
    assert row(writer, "u-gone").endorsements == {"Go": ["u-bo"]}
    with writer.connect() as conn:
        assert [e.operation for e in outbox.unpublished(conn)] == ["endorse"]


def test_a_refused_profile_change_restores_the_choices_before_it(writer: Engine) -> None:
    server = FakeServer()
    server.add_person(person(ME, "me", expertise_hidden=["php"]))
    engine = make_engine(writer, server)
    engine.sync()
    writes(writer).update_choices(lambda c: apply_choices(c, unhide=["php"], opt_out=True))

    def refuse_profile(request: httpx.Request) -> httpx.Response:
        if request.method == "PUT":
            return httpx.Response(422, json={"code": "invalid", "message": "no"})
        return server.handle(request)

    report = make_engine(writer, server, transport=httpx.MockTransport(refuse_profile)).sync()
    assert report.failed == 1
    mine = row(writer, ME)
    assert (mine.expertise_hidden, mine.expert_opt_out) == (["php"], False)
