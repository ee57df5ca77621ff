"""The one SCIM filter form kshare answers, and everything else refused before any query."""

from __future__ import annotations

import pytest
from scim2_models import InvalidFilterException

from kshare.server.identity.scim.store import GROUP_FILTERS, USER_FILTERS, parse_filter


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('userName eq "bjensen"', ("username", "bjensen")),
        ('  USERNAME   EQ "b jensen@example.com" ', ("username", "b jensen@example.com")),
        ('externalId eq "00u1abc"', ("external_id", "00u1abc")),
        (r'userName eq "say \"hi\""', ("username", 'say "hi"')),
        ("", None),
        (None, None),
    ],
)
def test_the_filters_directories_send_are_read(text: str | None, found: object) -> None:
    assert parse_filter(text, USER_FILTERS) == found


@pytest.mark.parametrize(
    "text",
    [
        'userName co "jen"',
        'userName eq "a" or userName eq "b"',
        'userName eq "a" and active eq true',
        "userName pr",
        'emails[type eq "work"] eq "x"',
        'title eq "CEO"',
        'userName eq "' + "x" * 600 + '"',
        "(" * 400 + 'userName eq "a"' + ")" * 400,
    ],
)
def test_anything_else_is_an_invalid_filter(text: str) -> None:
    with pytest.raises(InvalidFilterException):
        parse_filter(text, USER_FILTERS)


def test_groups_filter_by_display_name_not_user_name() -> None:
    assert parse_filter('displayName eq "SRE"', GROUP_FILTERS) == ("name", "SRE")
    with pytest.raises(InvalidFilterException):
        parse_filter('userName eq "SRE"', GROUP_FILTERS)
