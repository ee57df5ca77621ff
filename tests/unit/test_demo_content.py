"""The demo organisation is big, consistent and believable enough to demo search and experts."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from kshare import demo_seed as demo_content
from kshare.demo_seed import (
    SECRET_GROUPS,
    DemoOrg,
    all_threads,
    build_demo_org,
    open_questions,
)
from kshare.domain.audience import Principal, PrincipalKind

NOW = datetime(2026, 11, 20, tzinfo=UTC)
TOP_LEVEL = {"post", "article", "question"}


@pytest.fixture(scope="module")
def org() -> DemoOrg:
    return build_demo_org(7, now=NOW)


def _by_key(org: DemoOrg) -> dict[str, object]:
    return {item.key: item for item in org.items}


def _root(org: DemoOrg, key: str):
    items = {item.key: item for item in org.items}
    item = items[key]
    while item.parent is not None:
        item = items[item.parent]
    return item


def _can_see(org: DemoOrg, username: str, root) -> bool:
    """The audience rule, simplified: org, own items, named people, group members."""
    members = {g.name: set(g.members) for g in org.groups}
    if root.author == username:
        return True
    for spec in root.audience:
        principal = Principal.parse(spec)
        if principal.kind is PrincipalKind.ORG:
            return True
        if principal.kind is PrincipalKind.PERSON and principal.ref == username:
            return True
        if principal.kind is PrincipalKind.GROUP and username in members[principal.ref]:
            return True
    return False


# -- size and shape ------------------------------------------------------------------------


def test_the_company_is_mid_sized_with_many_departments(org: DemoOrg) -> None:
    assert org.organisation
    assert len(org.people) >= 48
    assert len({p.department for p in org.people}) >= 7
    assert len({p.location for p in org.people}) >= 5
    assert all(p.skills and p.ask_me_about for p in org.people)


def test_there_are_enough_items_of_every_kind(org: DemoOrg) -> None:
    kinds = Counter(item.kind for item in org.items)
    assert len(org.items) >= 450
    assert set(kinds) == {"post", "article", "question", "answer", "comment"}
    assert kinds["article"] >= 20
    assert kinds["question"] >= 40


def test_group_kinds_and_visibilities_are_all_present(org: DemoOrg) -> None:
    assert {g.kind for g in org.groups} == {"team", "department", "community"}
    assert {g.visibility for g in org.groups} == {"open", "closed", "secret"}
    departments = {p.department for p in org.people}
    assert departments == {g.name for g in org.groups if g.kind == "department"}
    for group in org.groups:
        assert group.members, group.name
        assert set(group.owners) <= set(group.members), group.name


# -- references ----------------------------------------------------------------------------


def test_usernames_and_keys_are_unique(org: DemoOrg) -> None:
    usernames = [p.username for p in org.people]
    assert len(usernames) == len(set(usernames))
    keys = [item.key for item in org.items]
    assert len(keys) == len(set(keys))
    assert len({g.name for g in org.groups}) == len(org.groups)


def test_everyone_referenced_exists(org: DemoOrg) -> None:
    people = {p.username for p in org.people}
    groups = {g.name for g in org.groups}
    assert org.demo_user in people
    for person in org.people:
        assert person.manager is None or person.manager in people
    for group in org.groups:
        assert set(group.members) <= people
    for item in org.items:
        assert item.author in people
        for spec in item.audience:
            principal = Principal.parse(spec)
            if principal.kind is PrincipalKind.GROUP:
                assert principal.ref in groups, spec
            if principal.kind is PrincipalKind.PERSON:
                assert principal.ref in people, spec
    # @name outside code (decorators and npm scopes are not mentions)
    prose = [re.sub(r"```.*?```|`[^`]*`", "", item.body, flags=re.S) for item in org.items]
    mentions = [m for text in prose for m in re.findall(r"(?<![\w@.])@([\w.\-]+\w)", text)]
    assert len(mentions) >= 5
    assert set(mentions) <= people
    for endorser, endorsee, skill in org.endorsements:
        assert endorser in people and endorsee in people and endorser != endorsee
        assert skill in next(p.skills for p in org.people if p.username == endorsee)


def test_managers_form_a_single_tree(org: DemoOrg) -> None:
    managers = {p.username: p.manager for p in org.people}
    roots = [u for u, m in managers.items() if m is None]
    assert len(roots) == 1
    for username in managers:
        seen = set()
        while username is not None:
            assert username not in seen, "manager cycle"
            seen.add(username)
            username = managers[username]


# -- threads -------------------------------------------------------------------------------


def test_parents_exist_and_come_first(org: DemoOrg) -> None:
    items = _by_key(org)
    for item in org.items:
        if item.kind in TOP_LEVEL:
            assert item.parent is None
            continue
        assert item.parent in items, item.key
        parent = items[item.parent]
        assert parent.created_at < item.created_at, item.key
        if item.kind == "answer":
            assert parent.kind == "question", item.key


@pytest.mark.parametrize(
    "story",
    [
        ("hr-parental-leave-policy", "hr-parental-leave-countries"),
        ("eng-payment-retries", "eng-payments-priorities", "prod-dunning-spec-review"),
        ("sales-three-year-lock", "sales-meridian-prep", "legal-unlimited-liability"),
        ("falcon-data-room", "falcon-tech-dd", "falcon-earn-out"),
        ("sec-phishing-drill-results", "sec-phishing-follow-up"),
    ],
)
@pytest.mark.parametrize("seed", [7, 8])
def test_threads_that_refer_to_each_other_appear_in_order(
    story: tuple[str, ...], seed: int
) -> None:
    items = {i.key: i for i in build_demo_org(seed, now=NOW).items}
    dates = [items[key].created_at for key in story]
    assert dates == sorted(dates)


def test_dates_are_aware_and_spread_over_about_eighteen_months(org: DemoOrg) -> None:
    dates = [item.created_at for item in org.items]
    assert all(d.tzinfo is not None for d in dates)
    assert max(dates) <= NOW
    assert min(dates) >= NOW - timedelta(days=560)
    assert max(dates) - min(dates) >= timedelta(days=450)


def _answers(org: DemoOrg) -> dict[str, list]:
    """Each question's key with its answers."""
    answers: dict[str, list] = {item.key: [] for item in org.items if item.kind == "question"}
    for item in org.items:
        if item.kind == "answer":
            answers[item.parent].append(item)
    return answers


def test_questions_have_answers_and_at_most_one_is_accepted(org: DemoOrg) -> None:
    for item in org.items:
        if item.accepted and item.kind != "answer":
            pytest.fail(f"{item.key} is accepted but not an answer")
    answers = _answers(org)
    for key, replies in answers.items():
        assert len(replies) <= 4, key
        assert sum(reply.accepted for reply in replies) <= 1, key
    accepted = sum(any(reply.accepted for reply in replies) for replies in answers.values())
    assert accepted >= 0.8 * len(answers)


def _open_questions(org: DemoOrg) -> dict[str, list]:
    """Questions without an accepted answer, with their answers."""
    return {
        key: replies
        for key, replies in _answers(org).items()
        if not any(reply.accepted for reply in replies)
    }


def test_some_recent_questions_are_still_open(org: DemoOrg) -> None:
    open_ = _open_questions(org)
    assert set(open_) == {thread.key for thread in open_questions()}
    assert sum(not replies for replies in open_.values()) >= 5
    assert sum(bool(replies) for replies in open_.values()) >= 2


@pytest.mark.parametrize("seed", [7, 8, 0])
def test_open_questions_are_among_the_newest_content(seed: int) -> None:
    other = build_demo_org(seed, now=NOW)
    top = sorted(
        (item for item in other.items if item.kind in TOP_LEVEL), key=lambda item: item.created_at
    )
    open_ = _open_questions(other)
    newest = {item.key for item in top[-(len(open_) + 5) :]}
    for item in top:
        if item.key in open_:
            assert NOW - item.created_at <= timedelta(days=21), item.key
            assert item.key in newest, item.key


def test_open_questions_share_tags_with_the_rest_of_the_demo(org: DemoOrg) -> None:
    open_ = _open_questions(org)
    elsewhere = {
        tag.lower()
        for item in org.items
        if item.kind in TOP_LEVEL and item.key not in open_
        for tag in item.tags
    }
    for item in org.items:
        if item.key in open_:
            assert {tag.lower() for tag in item.tags} & elsewhere, item.key


def test_open_questions_are_about_what_someone_else_knows(org: DemoOrg) -> None:
    """Somebody besides the asker and those who answered lists a skill the question is tagged
    with, so the app has someone sensible to suggest."""
    items = _by_key(org)
    for key, replies in _open_questions(org).items():
        question = items[key]
        taken = {question.author} | {reply.author for reply in replies}
        assert question.author not in {reply.author for reply in replies}, key
        tags = {tag.lower() for tag in question.tags}
        knowing = [
            p.username
            for p in org.people
            if p.username not in taken
            # "commission" fits "Commission plans"
            and any(t in s.lower() for t in tags for s in p.skills + p.ask_me_about)
        ]
        assert knowing, key


def test_open_questions_shift_nothing_else(monkeypatch: pytest.MonkeyPatch, org: DemoOrg) -> None:
    """Dates, scores, comments and endorsements of the other threads stay as they were."""
    monkeypatch.setattr(demo_content, "open_questions", list)
    without = build_demo_org(7, now=NOW)
    keys = {thread.key for thread in open_questions()}
    assert [item for item in org.items if item.key.split("/")[0] not in keys] == without.items
    assert org.endorsements == without.endorsements


def test_accepted_answers_come_from_people_who_know_the_topic(org: DemoOrg) -> None:
    people = {p.username: p for p in org.people}
    items = _by_key(org)
    fits = total = 0
    for item in org.items:
        if item.kind == "answer" and item.accepted:
            total += 1
            question = items[item.parent]
            author = people[item.author]
            known = {s.lower() for s in author.skills + author.ask_me_about}
            topic = {t.lower() for t in question.tags}
            fits += bool(known & topic) or author.department != people[question.author].department
    assert fits >= 0.9 * total


def test_only_top_level_items_carry_titles_tags_and_audiences(org: DemoOrg) -> None:
    for item in org.items:
        if item.kind in TOP_LEVEL:
            assert item.title and item.tags and item.audience, item.key
        else:
            assert item.title == "" and item.audience == [], item.key


def test_titles_and_bodies_are_unique(org: DemoOrg) -> None:
    titles = [item.title for item in org.items if item.kind in TOP_LEVEL]
    assert len(titles) == len(set(titles))
    bodies = [item.body for item in org.items]
    duplicates = [b for b, n in Counter(bodies).items() if n > 1]
    assert duplicates == []


def test_articles_are_long_and_structured(org: DemoOrg) -> None:
    for item in org.items:
        if item.kind == "article":
            assert len(item.body) >= 900, item.key
            assert "\n## " in item.body or item.body.startswith("## "), item.key
    bodies = "\n".join(item.body for item in org.items if item.kind == "article")
    assert "```" in bodies and "\n|" in bodies and "\n- " in bodies and "\n1. " in bodies


def test_no_placeholder_text(org: DemoOrg) -> None:
    for item in org.items:
        text = f"{item.title} {item.body}".lower()
        assert "lorem" not in text and "ipsum" not in text and "{" + "hook" not in text


def test_tags_need_canonicalisation(org: DemoOrg) -> None:
    spellings: dict[str, set[str]] = {}
    for item in org.items:
        for tag in item.tags:
            spellings.setdefault(tag.lower(), set()).add(tag)
    assert sum(len(s) > 1 for s in spellings.values()) >= 3


# -- audiences and confidentiality ---------------------------------------------------------


def test_every_audience_kind_is_used(org: DemoOrg) -> None:
    kinds = Counter(Principal.parse(spec).kind for item in org.items for spec in item.audience)
    assert set(kinds) == set(PrincipalKind)
    top = [item for item in org.items if item.kind in TOP_LEVEL]
    assert kinds[PrincipalKind.ORG] > len(top) / 2
    assert kinds[PrincipalKind.GROUP] >= 20
    assert kinds[PrincipalKind.PERSON] >= 5
    assert kinds[PrincipalKind.AUTHOR] >= 5


def test_secret_groups_hold_confidential_items_the_demo_user_cannot_see(org: DemoOrg) -> None:
    secret = [g for g in org.groups if g.visibility == "secret"]
    assert {g.name for g in secret} == set(SECRET_GROUPS)
    for group in secret:
        assert org.demo_user not in group.members
        confidential = [i for i in org.items if f"group:{group.name}" in i.audience]
        assert len(confidential) >= 3, group.name
        for item in confidential:
            assert not _can_see(org, org.demo_user, item)


def test_the_demo_user_has_something_to_look_at(org: DemoOrg) -> None:
    me = org.demo_user
    memberships = [g for g in org.groups if me in g.members]
    assert len(memberships) >= 3
    mine = [i for i in org.items if i.author == me]
    assert any(i.audience == ["private"] for i in mine)
    assert any(f"person:{me}" in i.audience for i in org.items)
    visible = [i for i in org.items if i.kind in TOP_LEVEL and _can_see(org, me, i)]
    hidden = [i for i in org.items if i.kind in TOP_LEVEL and not _can_see(org, me, i)]
    assert len(visible) >= 80 and len(hidden) >= 20
    assert org.demo_password
    assert all(p.password == org.demo_password for p in org.people)


def test_replies_come_only_from_people_who_can_see_the_thread(org: DemoOrg) -> None:
    for item in org.items:
        if item.parent is not None:
            root = _root(org, item.key)
            assert root.audience != ["private"], item.key
            assert _can_see(org, item.author, root), item.key


def test_group_posts_are_written_by_members(org: DemoOrg) -> None:
    members = {g.name: set(g.members) for g in org.groups}
    for item in org.items:
        for spec in item.audience:
            principal = Principal.parse(spec)
            if principal.kind is PrincipalKind.GROUP:
                assert item.author in members[principal.ref], item.key


# -- determinism ---------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_org(org: DemoOrg) -> None:
    assert build_demo_org(7, now=NOW) == org


def test_a_different_seed_varies_dates_and_chatter_but_not_the_people(org: DemoOrg) -> None:
    other = build_demo_org(8, now=NOW)
    assert other.people == org.people and other.groups == org.groups
    assert other.items != org.items
    assert {i.key for i in other.items if i.kind in TOP_LEVEL} == {
        i.key for i in org.items if i.kind in TOP_LEVEL
    }


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 99])
def test_invariants_hold_for_other_seeds(seed: int) -> None:
    other = build_demo_org(seed, now=NOW)
    assert len(other.items) >= 450
    assert len({i.body for i in other.items}) == len(other.items)
    items = {i.key: i for i in other.items}
    for item in other.items:
        if item.parent is not None:
            assert items[item.parent].created_at < item.created_at


def test_default_now_is_today_and_naive_now_is_refused() -> None:
    today = build_demo_org()
    assert max(i.created_at for i in today.items) <= datetime.now(UTC)
    with pytest.raises(ValueError, match="timezone"):
        build_demo_org(now=datetime(2026, 1, 1))


def test_hand_written_hooks_are_phrases_that_fit_into_a_sentence() -> None:
    for thread in all_threads():
        for hook in thread.hooks:
            assert hook == hook.strip() and hook[-1] not in ".!?", (thread.key, hook)
            assert len(hook.split()) <= 9, (thread.key, hook)
