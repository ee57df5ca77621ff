"""The numbers behind the knowledge-flow pictures, from a cache as sync leaves it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine

from kshare.client.curation.flow import articulation_points, knowledge_flow
from kshare.client.store import repository
from kshare.protocol.schemas import PersonUpsert
from tests.unit.client.factories import T0, item, person


def test_flows_waits_and_bridges_come_from_the_cached_threads(writer: Engine) -> None:
    people = [
        person("p-sam", "sam", display_name="Sam", department="Sales"),
        person("p-sia", "sia", display_name="Sia", department="Sales"),
        person("p-eng", "eve", display_name="Eve", department="Engineering"),
        person("p-fin", "fay", display_name="Fay", department="Finance"),
    ]
    threads = [
        item("q1", kind="question", author_id="p-sam", tags=["vpn"], created_at=T0),
        item(
            "a1",
            kind="answer",
            parent_id="q1",
            author_id="p-eng",
            created_at=T0 + timedelta(days=2),
        ),
        item("q2", kind="question", author_id="p-sia", tags=["vpn"], created_at=T0),
        item(
            "a2",
            kind="answer",
            parent_id="q2",
            author_id="p-eng",
            created_at=T0 + timedelta(days=4),
        ),
        item("q3", kind="question", author_id="p-fin", tags=["vat"], created_at=T0),
        item(
            "a3",
            kind="answer",
            parent_id="q3",
            author_id="p-eng",
            created_at=T0 + timedelta(days=1),
        ),
        item("q4", kind="question", author_id="p-fin", tags=["vat"], created_at=T0),  # waiting
    ]
    with writer.begin() as conn:
        repository.upsert(conn, [PersonUpsert(data=p) for p in people])
        repository.upsert_items(conn, threads)
    flow = knowledge_flow(writer, T0 + timedelta(days=10))
    assert [(f.asking, f.answering, f.answers) for f in flow.flows] == [
        ("Sales", "Engineering", 2),
        ("Finance", "Engineering", 1),
    ]
    by_tag = {w.label: (w.days, w.questions) for w in flow.waits_by_tag}
    assert by_tag == {"vpn": (3.0, 2), "vat": (5.5, 2)}  # q4 has waited ten days so far
    assert flow.waits_by_tag[0].label == "vat"  # longest first
    graph = flow.people
    assert {graph.names[i] for i in graph.bridges} == {"Eve"}  # she joins Sales and Finance
    assert len(graph.edges) == 3


def test_articulation_points_of_simple_shapes() -> None:
    assert articulation_points(3, ((0, 1), (1, 2))) == {1}
    assert articulation_points(3, ((0, 1), (1, 2), (0, 2))) == set()
    assert articulation_points(4, ((0, 1), (2, 3))) == set()
    star = tuple((0, i) for i in range(1, 5))
    assert articulation_points(5, star) == {0}
