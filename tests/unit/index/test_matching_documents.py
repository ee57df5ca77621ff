"""What the expert finder reads: items matching a topic or a whole question."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from kshare.client.index import SearchIndex

from .conftest import NOW, CacheFiller


def test_a_whole_question_finds_the_items_about_its_topic(corpus: SearchIndex) -> None:
    matches = corpus.matching_documents(
        "Hi, does anyone know why my VPN keeps dropping every hour? Thanks!"
    )

    ids = [m.id for m in matches]
    assert ids[0] == "q-vpn"
    assert {"a-vpn-good", "a-vpn-meh"} <= set(ids)
    assert "p-k8s" not in ids
    good = next(m for m in matches if m.id == "a-vpn-good")
    assert good.is_accepted
    assert good.parent_id == "q-vpn"
    assert good.author_id == "u-alice"
    assert good.score > 0
    assert good.created_at.tzinfo is not None


def test_people_and_groups_are_not_documents(corpus: SearchIndex) -> None:
    kinds = {m.kind for m in corpus.matching_documents("kubernetes platform finance expense")}

    assert kinds
    assert not kinds & {"person", "group"}


def test_kinds_before_and_limit(corpus: SearchIndex) -> None:
    answers = corpus.matching_documents("vpn", kinds=["answer"])
    assert {m.kind for m in answers} == {"answer"}

    early = corpus.matching_documents("vpn OR kubernetes", before=NOW - timedelta(days=100))
    assert {m.id for m in early} == {"q-vpn", "a-vpn-good", "a-vpn-meh"}

    assert len(corpus.matching_documents("vpn", limit=1)) == 1


def test_tags_count_as_topic(corpus: SearchIndex) -> None:
    assert "q-vpn" in {m.id for m in corpus.matching_documents("network")}


def test_nothing_meaningful_matches_nothing(corpus: SearchIndex) -> None:
    assert corpus.matching_documents("") == []
    assert corpus.matching_documents("the and of") == []
    assert corpus.matching_documents("qwzxv") == []


def test_very_common_words_do_not_decide_the_topic(filler: CacheFiller, make_index: Any) -> None:
    for n in range(20):
        filler.item(f"p{n}", title=f"Team update {n}", body="weekly team update")
    filler.item("x", title="Team update on the payroll migration", body="payroll")
    index = make_index()
    index.catch_up()

    assert [m.id for m in index.matching_documents("team update payroll")] == ["x"]
