"""Tag aliases: kept by the server, changed by an admin, sent whole to every desktop on change."""

from __future__ import annotations

from typing import Any

import pytest

from kshare.cli import main
from kshare.server.admin import AdminError
from tests.unit.server.support import Org


def _page(org: Org, who: str, since: str | None = None) -> dict[str, Any]:
    params: dict[str, Any] = {"limit": 500}
    if since:
        params["since"] = since
    response = org.api.get("/api/v1/feed", org.tokens[who], params=params)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def test_the_first_page_carries_every_alias_and_later_pages_only_a_change(org: Org) -> None:
    assert org.admin.set_tag_alias("Postgres", "PostgreSQL") == "postgresql"
    first = _page(org, "carol")
    assert first["tag_aliases"] == {"postgres": "postgresql"}
    quiet = _page(org, "carol", first["cursor"])
    assert quiet["tag_aliases"] is None  # nothing changed: nothing sent

    org.admin.set_tag_alias("k8s", "kubernetes")
    changed = _page(org, "carol", quiet["cursor"])
    assert changed["tag_aliases"] == {"postgres": "postgresql", "k8s": "kubernetes"}

    assert org.admin.remove_tag_alias("postgres")
    removed = _page(org, "carol", changed["cursor"])
    assert removed["tag_aliases"] == {"k8s": "kubernetes"}
    assert not org.admin.remove_tag_alias("postgres")  # already gone


def test_an_alias_always_points_at_a_tag_that_is_not_an_alias(org: Org) -> None:
    org.admin.set_tag_alias("pg", "postgres")
    # "postgres" becomes an alias of "postgresql": what pointed at it follows
    org.admin.set_tag_alias("postgres", "postgresql")
    assert org.admin.tag_aliases() == {"pg": "postgresql", "postgres": "postgresql"}
    # naming an alias as the target means the tag it stands for
    assert org.admin.set_tag_alias("psql", "pg") == "postgresql"
    with pytest.raises(AdminError, match="itself"):
        org.admin.set_tag_alias("Machine Learning", "machine-learning")
    with pytest.raises(AdminError, match="empty"):
        org.admin.set_tag_alias("  ", "python")


def test_the_admin_command_sets_lists_and_removes(
    org: Org, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["admin", "--data", str(org.data_dir)]
    if org.database_url:
        data += ["--database-url", org.database_url]
    assert main([*data, "tag-alias", "K8s", "Kubernetes"]) == 0
    assert capsys.readouterr().out.strip() == "kubernetes"
    assert main([*data, "list-tag-aliases"]) == 0
    assert capsys.readouterr().out == "k8s\tkubernetes\n"
    assert main([*data, "tag-alias", "k8s", "--remove"]) == 0
    assert main([*data, "tag-alias", "k8s", "--remove"]) == 1
    assert "not a tag alias" in capsys.readouterr().err
    assert main([*data, "tag-alias", "k8s"]) == 2  # neither a tag nor --remove
    assert org.admin.tag_aliases() == {}
    entries = [e["action"] for e in org.admin.audit_log()]
    assert {"tag_alias_set", "tag_alias_removed"} <= set(entries)
