"""Dates on the command line mean what people mean by them."""

from __future__ import annotations

from datetime import datetime, timedelta

from kshare.client.commands import _scheduled, _time_option, _until_option


def test_a_date_alone_until_means_the_end_of_that_day() -> None:
    assert _until_option("2026-12-31") == datetime(2027, 1, 1)
    assert _time_option("2026-12-31") == datetime(2026, 12, 31)  # publish-at: its start


def test_a_time_until_is_taken_as_written() -> None:
    assert _until_option("2026-12-31T18:00") == datetime(2026, 12, 31, 18, 0)
    assert _until_option("none") == "none"


def test_a_post_for_later_is_reported_as_scheduled() -> None:
    later = datetime.now().astimezone() + timedelta(days=2)
    assert _scheduled(later).startswith("Scheduled for ")
    assert later.strftime("%Y-%m-%d %H:%M") in _scheduled(later)
    assert _scheduled(None) == "Published"
    assert _scheduled(datetime.now().astimezone() - timedelta(minutes=1)) == "Published"
