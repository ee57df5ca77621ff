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
from kshare.client.sync.blobs import BlobCorrupt, BlobStore, safe_filename
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


def test_a_file_opens_as_a_read_only_copy_under_its_own_name(tmp_path: Path) -> None:
    api = ApiClient("http://fake.invalid", "t", transport=blob_server(DATA, []))
    store = BlobStore(tmp_path, api)
    ref = BlobRef(sha256=SHA, size=len(DATA), mime="application/pdf", filename="Q3 plan.pdf")
    opened = store.named_copy(ref)
    assert opened.name == "Q3 plan.pdf" and opened.read_bytes() == DATA
    assert not os.access(opened, os.W_OK) or os.geteuid() == 0  # read-only (root may write)
    assert not opened.stat().st_mode & 0o222
    assert store.named_copy(ref) == opened
    opened.chmod(0o600)
    opened.unlink()  # tidied away by someone: made again
    assert store.named_copy(ref).read_bytes() == DATA
    assert store.path(SHA).read_bytes() == DATA  # the verified content is untouched


def test_named_copies_go_with_their_content(tmp_path: Path) -> None:
    api = ApiClient("http://fake.invalid", "t", transport=blob_server(DATA, []))
    store = BlobStore(tmp_path, api, budget_bytes=150_000)
    opened = store.named_copy(BlobRef(sha256=SHA, size=len(DATA), filename="a.pdf"))
    other = store.add_local(b"y" * 1000)
    store.collect(referenced={SHA, other})
    assert opened.is_file()
    store.collect(referenced={other})  # revoked or deleted: nothing of it stays
    assert not opened.exists() and not opened.parent.exists()
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [other]
    # evicted past the budget: its copy goes too
    opened = store.named_copy(BlobRef(sha256=SHA, size=len(DATA), filename="a.pdf"))
    os.utime(store.path(SHA), (1000, 1000))
    store.add_local(b"z" * 60_000)
    store.evict()
    assert not store.has(SHA) and not opened.exists()


@pytest.mark.parametrize(
    ("name", "mime", "expected"),
    [
        ("handbook.pdf", "application/pdf", "handbook.pdf"),
        ("../../secrets/notes.txt", "text/plain", "notes.txt"),
        ("C:\\Users\\ana\\plan.docx", "", "plan.docx"),
        ("a<b>:c|d?.pdf", "application/pdf", "a_b_c_d_.pdf"),
        ("", "application/pdf", "document.pdf"),
        ("CON.txt", "text/plain", "document-CON.txt"),
        ("README", "text/plain", "README.txt"),
        ("...", "", "document"),
        ("x" * 300 + ".pdf", "application/pdf", "x" * 116 + ".pdf"),
    ],
)
def test_safe_file_names(name: str, mime: str, expected: str) -> None:
    assert safe_filename(name, mime) == expected


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


def test_settings_say_where_each_value_comes_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = tmp_path / "policy.json"
    policy.write_text(
        json.dumps(
            {"values": {"blob_policy": "eager", "blob_cache_mb": 512}, "locked": ["blob_policy"]}
        )
    )
    settings = Settings(tmp_path / "user.json", policy)
    for key in ("blob_policy", "blob_cache_mb", "poll_interval_s"):
        monkeypatch.delenv(Settings.environment_variable(key), raising=False)
    assert settings.source("blob_policy") == "policy"
    assert settings.source("blob_cache_mb") == "policy"
    assert settings.source("poll_interval_s") == "default"
    settings.set("blob_cache_mb", 1024)
    assert (settings.get("blob_cache_mb"), settings.source("blob_cache_mb")) == (1024, "user")
    monkeypatch.setenv("KSHARE_BLOB_CACHE_MB", "64")
    monkeypatch.setenv("KSHARE_BLOB_POLICY", "lazy")  # a locked key ignores the environment
    assert (settings.get("blob_cache_mb"), settings.source("blob_cache_mb")) == (64, "environment")
    assert (settings.get("blob_policy"), settings.source("blob_policy")) == ("eager", "policy")
    monkeypatch.setenv("KSHARE_BLOB_CACHE_MB", "lots")  # unreadable: the next layer decides
    assert (settings.get("blob_cache_mb"), settings.source("blob_cache_mb")) == (1024, "user")
