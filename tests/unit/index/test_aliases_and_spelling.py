"""Did you mean only when a word finds nothing, and tags found by any of their names."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from kshare.client.experts.aggregates import Aggregates
from kshare.client.index import SearchIndex
from kshare.client.store import tag_aliases

from .conftest import CacheFiller


def _aliases(engine: Engine, **aliases: str) -> None:
    with engine.begin() as conn:
        tag_aliases.replace(conn, aliases)


def _database_corpus(filler: CacheFiller) -> None:
    filler.person("u-alice", "alice", "Alice Martin")
    filler.item("p-pg", title="PostgreSQL failover runbook", body="Promote the replica.")
    filler.item(
        "q-pg",
        "question",
        title="Why is the replica lagging?",
        body="Streaming replication falls behind at night.",
        tags=["postgresql"],
    )
    filler.item(
        "p-hpa", title="Pods scale on latency", body="The autoscaler reads p95 from Prometheus."
    )
    filler.item("p-k8s", title="Draining a node", body="Cordon it first.", tags=["kubernetes"])
    filler.item("p-kube", title="Node pools", body="Spread the pools.", tags=["k8s"])
    filler.item("p-both", title="Cluster upgrade", body="Twice a year.", tags=["k8s", "kubernetes"])
    # many everyday "post" words: the frequent short word the typed one must not become
    for n in range(12):
        filler.item(f"c-post-{n}", "comment", body=f"Thanks for the post number {n}, posted twice.")


def test_the_start_of_a_longer_word_finds_it_and_suggests_nothing(
    filler: CacheFiller, make_index: Any
) -> None:
    _database_corpus(filler)
    index: SearchIndex = make_index()
    index.catch_up()

    results = index.search("postgres")
    assert results.suggestion is None
    assert {h.id for h in results.hits} >= {"p-pg", "q-pg"}
    assert not any(h.id.startswith("c-post") for h in results.hits)

    autoscaling = index.search("kubernetes autoscaling")
    assert autoscaling.suggestion is None  # never "kubernetes auto"
    assert index.search("autoscaling").hits[0].id == "p-hpa"


def test_a_word_that_is_a_tag_is_known(filler: CacheFiller, make_index: Any) -> None:
    _database_corpus(filler)
    index: SearchIndex = make_index()
    index.catch_up()

    results = index.search("k8s")
    assert results.suggestion is None
    assert {h.id for h in results.hits} == {"p-kube", "p-both"}


def test_a_real_typo_is_still_corrected_to_a_word_of_its_length(
    filler: CacheFiller, make_index: Any
) -> None:
    _database_corpus(filler)
    index: SearchIndex = make_index()
    index.catch_up()

    results = index.search("replcia")
    assert results.suggestion == "replica"
    assert "p-pg" in {h.id for h in results.hits}


def test_tags_are_found_by_any_of_their_names(
    filler: CacheFiller, make_index: Any, cache: Engine
) -> None:
    _database_corpus(filler)
    index: SearchIndex = make_index()
    index.catch_up()
    assert index.search("failover tag:postgres").hits == ()  # no alias yet

    _aliases(cache, postgres="postgresql", k8s="kubernetes")  # no reindex needed

    assert [h.id for h in index.search("lagging tag:postgres").hits] == ["q-pg"]
    assert {h.id for h in index.search("tag:kubernetes").hits} == {"p-k8s", "p-kube", "p-both"}
    assert {h.id for h in index.search("tag:k8s").hits} == {"p-k8s", "p-kube", "p-both"}
    plain = index.search("k8s")
    assert {h.id for h in plain.hits} == {"p-k8s", "p-kube", "p-both"}
    assert plain.suggestion is None
    # counted under the tag they stand for, once per item even when it has both names
    assert dict(plain.facets["tag"]) == {"kubernetes": 3}
    # the plain word finds the tag's other name in the texts too
    assert {"p-pg", "q-pg"} <= {h.id for h in index.search("postgres").hits}


def test_expert_finding_counts_a_tag_under_the_tag_it_stands_for(
    filler: CacheFiller, cache: Engine
) -> None:
    _database_corpus(filler)
    aggregates = Aggregates()
    aggregates.refresh(cache)
    assert aggregates.tag_people["k8s"]["u-alice"] == 2

    _aliases(cache, k8s="kubernetes")
    assert aggregates.refresh(cache)  # nothing else changed: the aliases alone count
    assert "k8s" not in aggregates.tag_people
    assert aggregates.tag_people["kubernetes"]["u-alice"] == 3
    assert aggregates.canonical("K8s") == "kubernetes"


def test_the_alias_list_is_kept_without_chains_or_loops(cache: Engine) -> None:
    _aliases(cache, pg="postgres", postgres="postgresql", a="b", b="a")
    aliases = tag_aliases.read(cache)
    assert aliases.canonical("PG") == "postgresql"
    assert aliases.names("postgres") == ("postgresql", "pg", "postgres")
    assert aliases.canonical("a") == "a"  # a loop means nothing
