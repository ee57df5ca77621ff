"""Verified content ranks a little above the same words unverified, and no further."""

from __future__ import annotations

from typing import Any

from kshare.client.index import SearchIndex

from .conftest import CacheFiller

VERIFIED = {"verified_by": "u-bob", "verified_at": "2026-11-01T00:00:00Z", "item_version": 1}


def test_of_two_equal_posts_the_verified_one_comes_first(
    filler: CacheFiller, make_index: Any
) -> None:
    text = "How to rotate the signing keys of the payment gateway"
    filler.item("p-a", title=text, body="Steps for the quarterly rotation.")
    filler.item("p-b", title=text, body="Steps for the quarterly rotation.", verification=VERIFIED)
    index: SearchIndex = make_index()
    index.catch_up()
    assert [h.id for h in index.search("rotate signing keys").hits] == ["p-b", "p-a"]


def test_a_verification_does_not_lift_a_poor_match_over_a_good_one(
    filler: CacheFiller, make_index: Any
) -> None:
    filler.item("p-good", title="Rotate the gateway signing keys", body="signing keys rotation")
    filler.item("p-weak", title="Team lunch", body="we may rotate venues", verification=VERIFIED)
    index: SearchIndex = make_index()
    index.catch_up()
    assert index.search("rotate signing keys").hits[0].id == "p-good"
