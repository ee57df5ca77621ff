"""Who knows about X, from the desktop cache: never from content the asker may not see."""

from __future__ import annotations

from pathlib import Path

import pytest

from kshare.client.services import Workspace
from kshare.server.admin import AdminTools
from tests.support.server import ServerProcess

pytestmark = pytest.mark.integration
PASSWORD = "correct horse battery"


def signed_in(server: ServerProcess, profile: Path, user: str) -> Workspace:
    workspace = Workspace.open(profile)
    workspace.login(server.url, user, PASSWORD)
    return workspace


def test_secret_work_never_makes_anyone_an_expert_for_outsiders(
    server: ServerProcess, tmp_path: Path
) -> None:
    with AdminTools(server.data_dir) as admin:
        admin.add_group("Falcon", kind="team", visibility="secret")
        admin.add_user("carol", "Carol Diaz", PASSWORD, groups=["Falcon"])
        admin.add_user("dan", "Dan Ito", PASSWORD)
        admin.add_user("erin", "Erin Moss", PASSWORD)
        admin.add_user("bo", "Bo Lindqvist", PASSWORD)

    carol = signed_in(server, tmp_path / "carol", "carol")
    dan = signed_in(server, tmp_path / "dan", "dan")
    bo = signed_in(server, tmp_path / "bo", "bo")
    try:
        for n in range(3):
            carol.publish(
                title=f"Zephyrite valuation model, part {n + 1}",
                body="How we value zephyrite mining assets for the acquisition: "
                "discounted cash flow, zephyrite reserves, zephyrite pricing.",
                tags=["zephyrite"],
                audience=["group:Falcon"],
            )
        dan.publish(
            title="Zephyrite basics for newcomers",
            body="A short public primer on zephyrite and where our reports mention it.",
            tags=["zephyrite"],
            audience=["org"],
        )
        carol.sync()
        dan.sync()
        bo.sync()
        carol.sync()

        seen_by_bo = [expert.display_name for expert in bo.experts("zephyrite valuation")]
        assert "Dan Ito" in seen_by_bo
        assert "Carol Diaz" not in seen_by_bo  # her only zephyrite work is secret

        seen_by_carol = [expert.display_name for expert in carol.experts("zephyrite valuation")]
        assert "Carol Diaz" not in seen_by_carol  # never suggested to herself
        assert "Dan Ito" in seen_by_carol

        dan_view = dan.experts("zephyrite valuation")
        assert [e.display_name for e in dan_view] == []  # carol's work is hidden, dan is asking
    finally:
        for workspace in (carol, dan, bo):
            workspace.close()


def test_a_sync_prepares_the_expert_finder_before_anyone_asks(
    server: ServerProcess, tmp_path: Path
) -> None:
    """The aggregates are built in a worker after the index catches up, not at the first query."""
    with AdminTools(server.data_dir) as admin:
        admin.add_user("fay", "Fay Okafor", PASSWORD)
    fay = signed_in(server, tmp_path / "fay", "fay")
    try:
        fay.publish(
            title="Kiln firing schedules", body="Cone 6 firing, slow cooling.", tags=["kiln"]
        )
        fay.sync()
        warming = fay._warming
        if warming is not None:
            warming.join(timeout=30)
        finder = fay._experts
        assert finder is not None, "the finder was made by the warm-up, not by a query"
        assert finder._agg.seq > 0 and any(
            facts.title == "Kiln firing schedules" for facts in finder._agg.items.values()
        )
        index = fay._search_index()
        current = index._reading_index()
        with current.searcher() as reading:
            # The per-document values of this commit (facets, the finder's documents) were
            # worked out by the warm-up, segment by segment, not left for the first query.
            prepared = current._columns.get(reading.version) or current._memos.get(reading.version)
            assert prepared, "per-document values prepared for this commit"
    finally:
        fay.close()


def test_opening_the_app_prepares_search_and_experts_without_a_sync(
    server: ServerProcess, tmp_path: Path
) -> None:
    """An offline start never syncs: the window asks for the warm-up itself."""
    with AdminTools(server.data_dir) as admin:
        admin.add_user("gus", "Gus Varga", PASSWORD)
    gus = signed_in(server, tmp_path / "gus", "gus")
    gus.publish(title="Glaze chemistry notes", body="Silica, alumina, flux.", tags=["glaze"])
    gus.sync()
    gus.close()

    again = Workspace.open(tmp_path / "gus")  # no sync from here on
    try:
        assert again._experts is None
        again.prepare_in_background()
        warming = again._warming
        assert warming is not None
        warming.join(timeout=30)
        finder = again._experts
        assert finder is not None and any(
            facts.title == "Glaze chemistry notes" for facts in finder._agg.items.values()
        )
        assert [hit.title for hit in again.search("glaze").hits] == ["Glaze chemistry notes"]
    finally:
        again.close()


def test_people_choose_how_they_are_listed_and_colleagues_endorse_them(
    server: ServerProcess, tmp_path: Path
) -> None:
    """Hiding a topic and opting out reach everyone's rankings and profiles through sync;
    an endorsement goes the other way; the person's own view changes before any sync."""
    with AdminTools(server.data_dir) as admin:
        admin.add_user("ana", "Ana Souza", PASSWORD)
        admin.add_user("bo", "Bo Lindqvist", PASSWORD)
    ana = signed_in(server, tmp_path / "ana", "ana")
    bo = signed_in(server, tmp_path / "bo", "bo")
    try:
        assert ana.account is not None
        ana_id = ana.account.user_id
        for n in range(2):
            ana.publish(
                title=f"Zephyrite assay notes {n + 1}",
                body="Assaying zephyrite ore: sampling, zephyrite grades, lab checks.",
                tags=["zephyrite"],
            )
            ana.publish(
                title=f"Kiln firing schedule {n + 1}",
                body="Cone 6 kiln firing with a slow cool; kiln shelves and cones.",
                tags=["kiln"],
            )
        ana.sync()
        bo.sync()

        def listed_by_bo(topic: str) -> bool:
            return ana_id in [e.person_id for e in bo.experts(topic)]

        assert listed_by_bo("zephyrite assay") and listed_by_bo("kiln firing")

        # Ana hides a topic: her own desktop shows it before anything is sent.
        mine = ana.update_expertise(hide=["Zephyrite"])
        assert "zephyrite" not in [t.name.casefold() for t in mine.topics]
        assert mine.hidden == ("Zephyrite",) and ana.pending_count() == 1
        again = ana.expertise_profile()
        assert again is not None and again.hidden == ("Zephyrite",)
        assert listed_by_bo("zephyrite assay")  # Bo has not synced yet

        assert ana.sync().status.state == "idle"
        assert ana.pending_count() == 0
        bo.sync()
        assert not listed_by_bo("zephyrite assay")
        assert listed_by_bo("kiln firing")  # only that topic is hidden
        seen = bo.expertise_profile(ana_id)
        assert seen is not None and not seen.is_me
        assert "zephyrite" not in [t.name.casefold() for t in seen.topics]
        assert "kiln" in [t.name for t in seen.topics]
        assert seen.hidden == ()  # what she hid is hers to know

        # Then she opts out of expert listings altogether.
        assert ana.update_expertise(opt_out=True).topics  # she still sees her own topics
        ana.sync()
        bo.sync()
        assert not listed_by_bo("kiln firing")
        seen = bo.expertise_profile(ana_id)
        assert seen is not None and seen.opt_out and seen.topics == () and seen.similar == ()

        # Bo vouches for her anyway; she sees it after both have synced.
        bo.endorse(ana_id, "Kiln firing")
        shown = bo.expertise_profile(ana_id)
        assert shown is not None and shown.endorsements == (("Kiln firing", 1),)
        assert bo.sync().status.state == "idle" and bo.pending_count() == 0
        before = ana.expertise_profile()
        assert before is not None and before.endorsements == ()
        ana.sync()
        after = ana.expertise_profile()
        assert after is not None and after.endorsements == (("Kiln firing", 1),)
        assert after.opt_out and after.hidden == ("Zephyrite",)
    finally:
        for workspace in (ana, bo):
            workspace.close()
