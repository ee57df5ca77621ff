"""The one visibility rule: who may see and edit an item, and when."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kshare.domain.audience import ONLY_AUTHOR, ORG, Audience, Principal, PrincipalKind
from kshare.domain.visibility import Access, Viewer, can_edit, can_view, can_view_derived

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
ana = Viewer("ana", frozenset({"sre", "python"}))
bo = Viewer("bo", frozenset({"finance"}))
author = Viewer("cy", frozenset())


def item(*specs: str, editors: tuple[str, ...] = (), **window: datetime) -> Access:
    return Access(
        "cy",
        Audience(
            frozenset(map(Principal.parse, specs)),
            frozenset(map(Principal.parse, editors)),
            **window,
        ),
    )


def test_org_wide_item_is_seen_by_every_active_account() -> None:
    assert can_view(ana, item("org"), NOW) and can_view(bo, item("org"), NOW)


def test_group_item_is_seen_by_members_only() -> None:
    post = item("group:sre")
    assert can_view(ana, post, NOW)
    assert not can_view(bo, post, NOW)


def test_named_person_and_private() -> None:
    assert can_view(bo, item("person:bo"), NOW)
    assert not can_view(ana, item("person:bo"), NOW)
    assert not can_view(ana, item("private"), NOW)
    assert can_view(author, item("private"), NOW)


def test_disabled_account_sees_nothing_not_even_its_own() -> None:
    gone = Viewer("cy", frozenset(), active=False)
    assert not can_view(gone, item("org"), NOW)
    assert not can_edit(gone, item("org"), NOW)


def test_deleted_item_is_seen_by_nobody() -> None:
    deleted = Access("cy", Audience(frozenset({ORG})), deleted=True)
    assert not can_view(author, deleted, NOW)


def test_publication_window_applies_to_everyone_but_the_author() -> None:
    later = item("org", publish_at=NOW + timedelta(hours=1))
    expired = item("org", visible_until=NOW - timedelta(seconds=1))
    assert not can_view(ana, later, NOW) and can_view(ana, later, NOW + timedelta(hours=2))
    assert not can_view(ana, expired, NOW)
    assert can_view(author, later, NOW) and can_view(author, expired, NOW)


def test_naive_times_are_read_as_utc() -> None:
    later = item("org", publish_at=(NOW + timedelta(hours=1)).replace(tzinfo=None))
    assert not can_view(ana, later, NOW)


def test_view_and_edit_are_distinct() -> None:
    post = item("org", editors=("person:ana",))
    assert can_edit(ana, post, NOW) and not can_edit(bo, post, NOW)
    assert can_view(bo, post, NOW)
    assert can_edit(author, post, NOW)


def test_editors_may_also_view() -> None:
    assert can_view(bo, item("private", editors=("group:finance",)), NOW)


def test_derived_item_never_widens_the_original() -> None:
    original = item("group:sre")
    share = Access("ana", Audience(frozenset({ORG})))
    assert can_view_derived(ana, share, original, NOW)
    assert not can_view_derived(bo, share, original, NOW)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("org", ORG),
        ("private", ONLY_AUTHOR),
        ("group:Platform Engineering", Principal(PrincipalKind.GROUP, "Platform Engineering")),
        ("person:ana", Principal(PrincipalKind.PERSON, "ana")),
    ],
)
def test_command_line_audiences_parse(text: str, expected: Principal) -> None:
    assert Principal.parse(text) == expected
    assert Principal.parse(str(expected)) == expected


@pytest.mark.parametrize("text", ["", "group:", "team:x", ":", "person"])
def test_bad_audiences_are_refused_with_a_clear_message(text: str) -> None:
    with pytest.raises(ValueError, match="audience"):
        Principal.parse(text)


principals = st.one_of(
    st.just(ORG),
    st.just(ONLY_AUTHOR),
    st.builds(Principal, st.just(PrincipalKind.GROUP), st.sampled_from(["sre", "finance", "x"])),
    st.builds(Principal, st.just(PrincipalKind.PERSON), st.sampled_from(["ana", "bo", "dee"])),
)
audiences = st.builds(
    Audience,
    st.frozensets(principals, max_size=4),
    st.frozensets(principals, max_size=2),
)
viewers = st.builds(
    Viewer,
    st.sampled_from(["ana", "bo", "cy", "dee"]),
    st.frozensets(st.sampled_from(["sre", "finance", "x"]), max_size=3),
    st.booleans(),
)


@given(viewer=viewers, first=audiences, second=audiences)
def test_narrowing_never_lets_anyone_new_in(
    viewer: Viewer, first: Audience, second: Audience
) -> None:
    narrowed = first.narrowed_to(second)
    sees_narrowed = can_view(viewer, Access("cy", narrowed), NOW)
    if sees_narrowed and viewer.user_id != "cy":
        assert can_view(viewer, Access("cy", first), NOW)
        assert can_view(viewer, Access("cy", second), NOW)


@given(viewer=viewers, audience=audiences)
def test_whoever_may_edit_may_view(viewer: Viewer, audience: Audience) -> None:
    access = Access("cy", audience)
    if can_edit(viewer, access, NOW):
        assert can_view(viewer, access, NOW)
