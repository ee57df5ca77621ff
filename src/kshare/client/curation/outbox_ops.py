"""How the curation writes queued in the outbox reach the server (each with its key)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from kshare.client.store.outbox import OutboxOp
from kshare.client.sync.api import ApiClient
from kshare.protocol import routes
from kshare.protocol.curation import (
    COLLECTIONS,
    EXPORTS,
    SEARCH_GAPS,
    TAGS,
    CollectionEntryAdd,
    ExportRecord,
    SearchGapReport,
    TagDescribe,
    TagMerge,
    TagOut,
    VerifyRequest,
)
from kshare.protocol.schemas import ItemOut

OPERATIONS = frozenset(
    {
        "add_collection_entry",
        "verify_item",
        "report_search_gap",
        "record_export",
        "describe_tag",
        "merge_tags",
    }
)


def _post(api: ApiClient, path: str, key: str, body: Any, answer: type[ItemOut] | None) -> Any:
    return api.request(
        "POST",
        path,
        content=body.model_dump_json(),
        headers={routes.IDEMPOTENCY_HEADER: key, "Content-Type": "application/json"},
        parse=api.parser(answer) if answer else None,
    )


def send(api: ApiClient, entry: OutboxOp) -> Any:
    """Send one queued curation write; an ItemOut answer goes into the cache as usual."""
    target = quote(entry.target_id, safe="")
    payload = entry.payload
    if entry.operation == "add_collection_entry":
        body: Any = CollectionEntryAdd.model_validate(payload["entry"])
        return _post(api, f"{COLLECTIONS}/{target}/entries", entry.key, body, ItemOut)
    if entry.operation == "verify_item":
        body = VerifyRequest.model_validate(payload["verify"])
        return _post(api, f"{routes.ITEMS}/{target}/verify", entry.key, body, ItemOut)
    if entry.operation == "report_search_gap":
        _post(api, SEARCH_GAPS, entry.key, SearchGapReport.model_validate(payload["gap"]), None)
        return None
    if entry.operation == "record_export":
        _post(api, EXPORTS, entry.key, ExportRecord.model_validate(payload["export"]), None)
        return None
    if entry.operation == "describe_tag":
        body = TagDescribe.model_validate(payload["tag"])
        return api.request(
            "PUT",
            f"{TAGS}/{target}",
            content=body.model_dump_json(),
            headers={routes.IDEMPOTENCY_HEADER: entry.key, "Content-Type": "application/json"},
            parse=api.parser(TagOut),
        )
    if entry.operation == "merge_tags":
        body = TagMerge.model_validate(payload["tag"])
        _post(api, f"{TAGS}/{target}/merge", entry.key, body, None)
        return None
    raise ValueError(f"unknown curation operation {entry.operation!r}")
