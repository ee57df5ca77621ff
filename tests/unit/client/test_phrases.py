"""The client's sentences keep their English (what ``kshare`` prints) and carry a phrase the
desktop translates; the English below is what the command line printed before phrases."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from kshare.client.audience_reach import Reach
from kshare.client.curation.review import REVIEW_REASONS, note_phrase, reasons_phrase
from kshare.client.curation.views import Mark
from kshare.client.experts.aggregates import PersonFacts
from kshare.client.experts.reasons import to_expert
from kshare.client.groups import standing, standing_phrase
from kshare.client.phrases import Phrase, joined, public_dict
from kshare.client.sync import messages
from kshare.client.sync.errors import IncompatibleServer, Offline
from kshare.client.sync.reconcile import MassPurgeRefused
from kshare.client.sync.report import describe_wait
from kshare.client.updates import Advertised, notice, notice_phrase
from kshare.client.views import Expert, GroupView, SyncStatus
from kshare.domain import expertise as ex
from kshare.domain.curation import AUTHOR_LEFT, DOCUMENT_CHANGED, PAST_REVIEW_DATE

WHEN = datetime(2026, 3, 12, tzinfo=UTC)


def expert() -> Expert:
    person = PersonFacts("p-1", "Priya Raman", "SRE", "Platform", True, ex.Declared())
    matches = tuple(
        (ex.Contribution(f"i-{n}", kind, WHEN, accepted=accepted, title=title), 1.0)
        for n, (kind, accepted, title) in enumerate(
            [
                ("answer", True, "How do we drain a node?"),
                ("answer", False, "Pods {pending}"),
                ("article", False, ""),
                ("document", False, "Runbook"),
                ("question", False, "Why?"),
                ("comment", False, "Nice"),
                ("poll", False, "Odd kind"),
            ]
        )
    )
    scored = ex.Scored(
        "p-1",
        9.0,
        1.0,
        1.0,
        1.0,
        0.0,
        top_matches=matches,
        top_tags=(("kubernetes", 2.0), ("helm", 1.0), ("sre", 0.5)),
        declared_hits=(
            ("endorsement", "Alerting", 1),
            ("endorsement", "On-call", 3),
            ("confirmed", "Kubernetes", 0),
            ("skill", "Go", 0),
            ("ask_me_about", "Postmortems", 0),
        ),
    )
    return to_expert(
        person, scored, {}, {"kubernetes": 2, "helm": 1}, shared_tags=("linux", "networking")
    )


def test_expert_reasons_read_as_the_command_line_always_printed_them() -> None:
    reasons = expert().reasons
    assert [r.text for r in reasons] == [
        'Accepted answer to "How do we drain a node?"',
        'Answered "Pods {pending}"',
        'Wrote "untitled"',
        'Shared "Runbook"',
        'Asked "Why?"',
        'Commented on "Nice"',
        'Wrote "Odd kind"',
        "Active in kubernetes (2 contributions)",
        "Active in helm (1 contribution)",
        "Active in sre",
        "Also active in linux, networking",
        "Endorsed for Alerting by 1 colleague",
        "Endorsed for On-call by 3 colleagues",
        "Confirms expertise in Kubernetes",
        "Lists Go as a skill",
        "Happy to be asked about Postmortems",
    ]
    for reason in reasons:
        assert reason.phrase is not None and reason.phrase.context == "ExpertReason"
        assert reason.phrase.text == reason.text
    # a title is a value, never part of the template: braces in it stay as they are
    assert reasons[1].phrase is not None and reasons[1].phrase.template == 'Answered "{title}"'


def test_json_output_has_no_phrases() -> None:
    found = expert()
    plain = public_dict(found)
    assert "phrase" not in json.dumps(plain)
    assert plain["reasons"][0] == {
        "kind": "accepted_answer",
        "text": 'Accepted answer to "How do we drain a node?"',
        "item_id": "i-0",
        "weight": 1.0,
        "items": (),
    }


def test_sync_sentences_keep_their_english() -> None:
    assert describe_wait(4.2).text == "4 s"
    assert describe_wait(300).text == "5 min"
    offline = messages.say(
        messages.OFFLINE, wait=describe_wait(30), cause=Offline("connection refused").phrase
    )
    assert offline.text == "Offline — retrying in 30 s: connection refused"
    assert messages.say(messages.SYNCING_OF, done=3, total=10).text == "Syncing… 3 of 10"
    assert (
        messages.say(messages.UP_TO_DATE_BUT, count=2).text
        == "Up to date — 2 changes of yours need a look"
    )
    purge = MassPurgeRefused(40, 50)
    assert str(purge).startswith("The server no longer lists 40 of the 50 things")
    assert purge.phrase.template == messages.MASS_PURGE
    old = IncompatibleServer(messages.say(messages.NOT_KSHARE, url="https://x"), state="error")
    assert str(old) == "https://x is not a kshare server" and old.phrase.context == "SyncStatus"


def test_a_status_phrase_survives_the_cache_as_json() -> None:
    wait = describe_wait(120)
    phrase = messages.say(messages.SERVER_TROUBLE, wait=wait)
    assert Phrase.loads(phrase.dumps()) == phrase
    status = SyncStatus.said("retrying", phrase)
    assert status.message == "The server is having trouble — retrying in 2 min"
    with pytest.raises(ValueError):
        Phrase.loads('["not", "a", "phrase"]')


def test_update_notices_keep_their_english() -> None:
    advertised = Advertised(minimum="9.0", recommended="")
    assert notice(advertised, "https://it/kshare", mine="1.0") == (
        "This kshare (1.0) is too old for your company's server, which needs 9.0 or newer. "
        "Get it from https://it/kshare."
    )
    assert notice(Advertised(recommended="9.0"), "", mine="1.0") == (
        "kshare 9.0 is available (you have 1.0). Ask your IT department."
    )
    assert notice_phrase(Advertised(), "", mine="1.0") is None
    both = joined(" ", (messages.say(messages.UP_TO_DATE), Phrase.verbatim("x {y}")))
    assert both.text == "Up to date x {y}"


def test_reach_reads_as_before() -> None:
    assert Reach(people=1).text == "1 person will see this"
    assert Reach(people=12, groups=("SRE", "Ops")).text == (
        "12 people will see this · through SRE, Ops"
    )
    assert Reach(people=3, estimate=True).text == "about 3 people will see this (estimate: offline)"
    assert Reach(people=1, groups=("SRE",), estimate=True).text == (
        "about 1 person will see this · through SRE (estimate: offline)"
    )


def group(**flags: bool) -> GroupView:
    return GroupView("g-1", "SRE", "team", "open", **flags)


def test_standing_reads_as_before() -> None:
    assert standing(group(is_owner=True, is_member=True)) == "Owner"
    assert standing(group(is_member=True)) == "Member"
    assert standing(group(request_pending=True)) == "Request pending"
    assert standing(group()) == "" and standing_phrase(group()) is None


def test_review_reasons_are_the_shared_rules_words() -> None:
    assert {r: r for r in (PAST_REVIEW_DATE, AUTHOR_LEFT, DOCUMENT_CHANGED)} == REVIEW_REASONS
    assert reasons_phrase((PAST_REVIEW_DATE, AUTHOR_LEFT)).text == (
        "past its review date; its author has left"
    )
    mark = Mark("Ana Souza", WHEN, None, (DOCUMENT_CHANGED,))
    assert note_phrase(mark, curates=True).text == (
        "Verified by Ana Souza on 2026-03-12 · needs review: "
        "the document changed since it was verified"
    )
    assert note_phrase(mark, curates=False).text == (
        "Verified by Ana Souza on 2026-03-12 · may be outdated"
    )
