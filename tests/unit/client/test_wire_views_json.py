"""The command line's ``--json`` prints views, not wire models: the same bytes as the
wire model printed before (field order, lists, times and their ISO form)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

from kshare.client.account.service import device_view
from kshare.client.curation.service import health_view
from kshare.client.views import DeviceView
from kshare.protocol.curation import HealthReport
from kshare.protocol.schemas import DeviceOut

AT = datetime(2026, 3, 4, 5, 6, 7, 890123, tzinfo=UTC)


def _printed(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)


def test_the_health_report_prints_as_the_wire_did() -> None:
    wire = HealthReport.model_validate(
        {
            "generated_at": "2026-03-04T05:06:07.890123Z",
            "unanswered": [{"tag": "", "under_week": 1, "older": 3}, {"tag": "k8s"}],
            "stale": [
                {
                    "id": "i1",
                    "kind": "post",
                    "title": "Rota “on call”",
                    "tags": ["ops", "k8s"],
                    "updated_at": "2026-01-01T00:00:00+02:00",
                    "review_by": "2026-02-01T00:00:00Z",
                }
            ],
            "never_verified": [
                {"id": "i2", "kind": "question", "title": "Why?", "updated_at": AT.isoformat()}
            ],
            "never_verified_count": 7,
            "busy_unverified": [{"tag": "travel", "recent_items": 12}],
            "search_gaps": [{"query": "vpn", "kind": "empty", "people": 5}],
        }
    )
    view = health_view(wire)
    assert view.stale[0].tags == ["ops", "k8s"] and view.never_verified[0].review_by is None
    assert _printed(view.as_json()) == _printed(wire.model_dump(mode="json"))


def test_an_empty_health_report_prints_as_the_wire_did() -> None:
    wire = HealthReport(generated_at=datetime(2026, 3, 4, tzinfo=UTC))
    assert _printed(health_view(wire).as_json()) == _printed(wire.model_dump(mode="json"))


def test_devices_print_as_the_wire_did() -> None:
    wire = [
        DeviceOut(
            id="s1",
            host_name="laptop",
            platform="Linux",
            app_version="1.2",
            created_at=AT,
            last_seen_at=AT.astimezone(timezone(timedelta(hours=2))),
            current=True,
        ),
        DeviceOut(
            id="s2",
            host_name="",
            platform="",
            app_version="",
            created_at=datetime(2026, 1, 1, tzinfo=UTC),
            last_seen_at=datetime(2026, 1, 2, tzinfo=UTC),
        ),
    ]
    views = [device_view(d) for d in wire]
    assert isinstance(views[0], DeviceView) and views[0].current and not views[1].current
    printed = json.dumps([v.as_json() for v in views], indent=2)
    assert printed == json.dumps([d.model_dump(mode="json") for d in wire], indent=2)
