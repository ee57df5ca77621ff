"""The demo's curation: its file names only what the demo has, and one curator keeps
collections where some content is overdue for review."""

from __future__ import annotations

from datetime import UTC, datetime

from kshare.demo_seed import build_demo_org
from kshare.domain.curation import PAST_REVIEW_DATE, Verified, review_reasons

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def test_the_demo_curation_names_only_threads_people_and_documents_of_the_demo() -> None:
    org = build_demo_org(now=NOW)
    keys = {i.key for i in org.items} | {d.key for d in org.documents}
    people = {p.username for p in org.people}
    curation = org.curation
    assert {c.username for c in curation.curators} <= people
    for collection in curation.collections:
        assert collection.author in people and set(collection.curators) <= people
        for section in collection.sections:
            for entry in section.entries:
                assert (entry.item in keys) if entry.item else (entry.person in people)
    assert {v.item for v in curation.verifications} <= keys


def test_some_demo_content_is_overdue_and_some_is_not() -> None:
    curation = build_demo_org(now=NOW).curation
    due = {
        v.item
        for v in curation.verifications
        if PAST_REVIEW_DATE in review_reasons(Verified(v.review_by, None, None, True), NOW)
    }
    assert {"sre-runbook-drain-node", "sre-terraform-conventions"} <= due
    assert len(due) < len(curation.verifications)
    assert len([c for c in curation.collections if c.author == "jakob.berg"]) >= 3
