"""Blob downloads resume and verify; eviction spares unsent uploads; settings obey the policy."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import httpx
import pytest

from kshare.client.settings import Settings
from kshare.client.sync.api import ApiClient
from kshare.client.sync.blobs import BlobCorrupt, BlobStore
from kshare.protocol.schemas import BlobRef

DATA = bytes(range(256)) * 400  # 100 KiB
SHA = hashlib.sha256(DATA).hexdigest()


def blob_server(data: bytes, ranges: list[str]) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        header = request.headers.get("Range")
        ranges.append(header or "")
        if header:
            start = int(header.removeprefix("bytes=").rstrip("-"))
            return httpx.Response(206, content=data[start:])
        return httpx.Response(200, content=data)

    return httpx.MockTransport(handle)


def test_a_partial_download_resumes_with_a_range_request(tmp_path: Path) -> None:
    ranges: list[str] = []
    api = ApiClient("http://fake.invalid", "t", transport=blob_server(DATA, ranges))
    store = BlobStore(tmp_path, api)
    part = store.path(SHA).with_name(SHA + ".part")
    part.parent.mkdir(parents=True)
    part.write_bytes(DATA[:40_000])  # what an interrupted download left
    path = store.fetch(BlobRef(sha256=SHA, size=len(DATA)))
    assert path.read_bytes() == DATA
    assert ranges == ["bytes=40000-"]
    assert not part.exists()


def test_a_damaged_download_is_rejected(tmp_path: Path) -> None:
    api = ApiClient("http://fake.invalid", "t", transport=blob_server(DATA[:-1] + b"x", []))
    store = BlobStore(tmp_path, api)
    with pytest.raises(BlobCorrupt):
        store.fetch(BlobRef(sha256=SHA, size=len(DATA)))
    assert not store.has(SHA)


def test_eviction_is_least_recently_used_and_spares_unsent_uploads(tmp_path: Path) -> None:
    store = BlobStore(tmp_path, None, budget_bytes=2500)
    shas = [store.add_local(bytes([n]) * 1000) for n in range(4)]
    for age, sha in enumerate(shas):  # shas[0] is the oldest
        os.utime(store.path(sha), (1000 + age, 1000 + age))
    store.protected = lambda: {shas[0]}
    store.evict()
    assert [store.has(s) for s in shas] == [True, False, False, True]
    store.collect(referenced={shas[3]})
    assert [store.has(s) for s in shas] == [True, False, False, True]
    store.collect(referenced=set())
    assert [store.has(s) for s in shas] == [True, False, False, False]


def test_policy_locks_beat_user_and_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"values": {"blob_policy": "manual"}, "locked": ["blob_policy"]}))
    settings = Settings(tmp_path / "settings.json", policy_file=policy)
    monkeypatch.setenv("KSHARE_BLOB_POLICY", "eager")
    assert settings.get("blob_policy") == "manual"
    with pytest.raises(PermissionError):
        settings.set("blob_policy", "eager")
    settings.set("blob_cache_mb", 10)
    assert Settings(tmp_path / "settings.json", policy_file=policy).get("blob_cache_mb") == 10
    monkeypatch.setenv("KSHARE_BLOB_CACHE_MB", "20")
    assert settings.get("blob_cache_mb") == 20
