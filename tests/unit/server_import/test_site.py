"""Site names, usernames and credit lines derived from a dump folder."""

from __future__ import annotations

import re

import pytest

from kshare.server.importer.site import Site, slug


@pytest.mark.parametrize(
    ("folder", "key", "label", "host"),
    [
        ("cooking.stackexchange.com", "cooking.stackexchange.com", "Cooking Stack Exchange", True),
        ("meta.cooking.stackexchange.com", "meta.cooking.stackexchange.com",
         "Cooking Meta Stack Exchange", True),
        ("stackoverflow.com-Posts", "stackoverflow.com", "Stack Overflow", True),
        ("superuser.com", "superuser.com", "Super User", True),
        ("es.stackoverflow.com", "es.stackoverflow.com", "Stack Overflow (es)", True),
        ("synthetic", "synthetic", "Synthetic Stack Exchange", False),
        ("home_brewing", "home_brewing", "Home Brewing Stack Exchange", False),
    ],
)  # fmt: skip
def test_site_from_folder_name(folder: str, key: str, label: str, host: bool) -> None:
    site = Site.from_name(folder)
    assert (site.key, site.label, site.host is not None) == (key, label, host)


def test_ids_are_stable_and_distinct_per_site_and_kind() -> None:
    a, b = Site.from_name("cooking.stackexchange.com"), Site.from_name("Cooking.StackExchange.com")
    assert a.id("post", 1) == b.id("post", 1)
    assert a.id("post", 1) != a.id("comment", 1)
    assert a.id("post", 1) != Site.from_name("coffee.stackexchange.com").id("post", 1)


def test_usernames_are_mentionable_ascii() -> None:
    site = Site.from_name("cooking.stackexchange.com")
    assert site.username("Chloë O'Brien", 17) == "chloe-o-brien-17"
    assert site.username("Community", -1) == "community-n1"
    assert site.username("李明", 5) == "user-5"
    assert site.username("<script>alert(1)</script>", 6) == "alert-1-6"
    for name in ("a" * 300, "   ", "x.y_z"):
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", site.username(name, 123456789))
    assert slug("Ünïcödé  Name!!") == "unicode-name"


def test_attribution_links_back_and_names_the_licence() -> None:
    site = Site.from_name("cooking.stackexchange.com")
    line = site.attribution("Ann *Bold*", "CC BY-SA 4.0", site.post_url(12, is_question=True))
    assert line == (
        "Originally posted on [Cooking Stack Exchange](https://cooking.stackexchange.com/q/12)"
        " by Ann \\*Bold\\*, licensed "
        "[CC BY-SA 4.0](https://creativecommons.org/licenses/by-sa/4.0/)."
    )
    plain = Site.from_name("synthetic").attribution("<b>x</b>", "", None)
    assert (
        plain
        == "Originally posted on Synthetic Stack Exchange by &lt;b>x&lt;/b>, licensed CC BY-SA."
    )
