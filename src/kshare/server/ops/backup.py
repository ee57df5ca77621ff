"""Backup and restore of a server's database and blob store as one consistent set.

A backup is a folder:

    manifest.json        format, kshare version, schema revision, row and blob counts,
                         and the SHA-256 of every file below
    tables/NAME.jsonl    one JSON object a row, every table of the schema
    blobs/AB/ABCD…       every stored file, under its SHA-256

The rows are read in one transaction (a snapshot: REPEATABLE READ on PostgreSQL, a WAL
read transaction on SQLite), so they agree with each other. Blobs are immutable and named
by their hash, so copying them after the snapshot is consistent as long as every blob the
rows name is there; that is checked, and a backup missing one fails instead of being
written incomplete. The format is the same for SQLite and PostgreSQL, so a backup also
moves a trial installation onto PostgreSQL.

Restore checks the whole backup (every checksum) before it writes anything, writes only
into an empty database, and refuses a backup of another schema revision: restore with the
kshare that made it, then upgrade.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Connection, DateTime, LargeBinary, Table, func, inspect, select, text

from kshare import __version__
from kshare.server.blobstore.base import BlobStore, validate_sha256
from kshare.server.db import Database, schema_head, schema_is_current, upgrade
from kshare.server.tables import Base

log = logging.getLogger(__name__)

FORMAT = "kshare-backup/1"
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024
BATCH = 1000
MAX_LINE = 64 * 1024 * 1024  # one row; a longer line means a damaged or foreign file
# Tables whose rows name a blob, and the column that does.
BLOB_COLUMNS = (("items", "blob_sha256"),)


class BackupError(Exception):
    """A backup or restore cannot be done; the message says why. Nothing was changed."""


@dataclass(frozen=True)
class BackupSummary:
    folder: Path
    rows: dict[str, int]
    blobs: int
    blob_bytes: int
    revision: str

    def describe(self) -> str:
        total = sum(self.rows.values())
        return (
            f"{total} rows in {len(self.rows)} tables and {self.blobs} files "
            f"({self.blob_bytes / 1e6:.1f} MB) at schema {self.revision}: {self.folder}"
        )


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def _encode(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in table.columns:
        value = row[column.name]
        if isinstance(value, datetime):
            value = value.isoformat()
        elif isinstance(value, bytes | memoryview):
            value = base64.b64encode(bytes(value)).decode("ascii")
        out[column.name] = value
    return out


def _base_type(column: Any) -> Any:
    # A TypeDecorator (UTC-aware times) stores as its ``impl``.
    return getattr(column.type, "impl", column.type)


def _decode(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    unknown = set(row) - set(table.columns.keys())
    if unknown:
        raise BackupError(f"table {table.name}: unknown columns {sorted(unknown)}")
    out: dict[str, Any] = {}
    for column in table.columns:
        value = row.get(column.name)
        if value is not None and isinstance(_base_type(column), DateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(_base_type(column), LargeBinary):
            value = base64.b64decode(value)
        out[column.name] = value
    return out


class _Hashing:
    """A file being written, hashed as it goes."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.handle: BinaryIO = path.open("xb")
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> None:
        self.digest.update(data)
        self.handle.write(data)

    def close(self) -> str:
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        return self.digest.hexdigest()


def _snapshot(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))


def backup(db: Database, store: BlobStore, folder: Path) -> BackupSummary:
    """Write a backup of ``db`` and ``store`` into ``folder`` (new or empty)."""
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty; back up into a new folder")
    if not schema_is_current(db.write_engine):
        raise BackupError("the database is not at this kshare's schema; upgrade first")
    folder.mkdir(parents=True, exist_ok=True)
    work = folder / ".partial"
    work.mkdir()
    try:
        return _write_backup(db, store, folder, work)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def _write_backup(db: Database, store: BlobStore, folder: Path, work: Path) -> BackupSummary:
    checksums: dict[str, str] = {}
    rows: dict[str, int] = {}
    named: set[str] = set()
    with db.read_engine.connect() as conn, conn.begin():
        _snapshot(conn)
        for table in _tables():
            name = f"tables/{table.name}.jsonl"
            out = _Hashing(work / name)
            count = 0
            result = conn.execution_options(yield_per=BATCH).execute(
                select(table).order_by(*table.primary_key.columns)
            )
            for row in result.mappings():
                encoded = _encode(table, dict(row))
                out.write(json.dumps(encoded, separators=(",", ":")).encode() + b"\n")
                count += 1
                for blob_table, column in BLOB_COLUMNS:
                    if table.name == blob_table and encoded[column]:
                        named.add(encoded[column])
            checksums[name] = out.close()
            rows[table.name] = count
    blob_bytes = 0
    copied = 0
    for info in store.iter_all():
        name = f"blobs/{info.sha256[:2]}/{info.sha256}"
        out = _Hashing(work / name)
        for chunk in store.open_range(info.sha256):
            out.write(chunk)
        digest = out.close()
        if digest != info.sha256:
            raise BackupError(
                f"stored file {info.sha256} is damaged (its content hashes to {digest})"
            )
        checksums[name] = digest
        named.discard(info.sha256)
        blob_bytes += info.size
        copied += 1
    if named:
        raise BackupError(
            f"{len(named)} files the database names are missing from the blob store "
            f"(e.g. {sorted(named)[0]}); the backup was not written"
        )
    manifest = {
        "format": FORMAT,
        "kshare_version": __version__,
        "schema_revision": schema_head(),
        "database": db.write_engine.dialect.name,
        "created_at": db.clock.now().astimezone().isoformat(),
        "rows": rows,
        "blobs": copied,
        "blob_bytes": blob_bytes,
        "files": checksums,
    }
    (work / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True), "utf-8")
    for entry in work.iterdir():
        entry.rename(folder / entry.name)
    work.rmdir()
    log.info("backup written: %s", folder)
    return BackupSummary(folder, rows, copied, blob_bytes, str(schema_head()))


def _read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    if not path.is_file():
        raise BackupError(f"{folder} holds no kshare backup ({MANIFEST} is missing)")
    try:
        manifest = json.loads(path.read_text("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupError(f"{path} is damaged: {exc}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a {FORMAT} manifest")
    return manifest


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def verify(folder: Path) -> dict[str, Any]:
    """Check every file of a backup against its manifest; returns the manifest."""
    manifest = _read_manifest(folder)
    files = manifest.get("files")
    if not isinstance(files, dict):
        raise BackupError("the manifest lists no files")
    root = folder.resolve()
    for name, expected in files.items():
        path = (folder / name).resolve()
        if not path.is_relative_to(root):
            raise BackupError(f"the manifest names a file outside the backup: {name}")
        if not path.is_file():
            raise BackupError(f"{name} is missing from the backup")
        if _file_sha256(path) != expected:
            raise BackupError(f"{name} is damaged (its checksum does not match)")
    for table in _tables():
        if f"tables/{table.name}.jsonl" not in files:
            raise BackupError(f"the backup has no rows for table {table.name}")
    return manifest


def _rows(path: Path, table: Table) -> Iterator[dict[str, Any]]:
    with path.open("rb") as handle:
        while line := handle.readline(MAX_LINE + 1):
            if len(line) > MAX_LINE:
                raise BackupError(f"{path.name}: a row is larger than any kshare writes")
            yield _decode(table, json.loads(line))


def _parents_first(table: Table, rows: list[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    """Rows of a table that points at itself (an item's parent, a person's manager), each
    after the row it points at, so foreign keys hold at every insert."""
    refs = [
        fk.parent.name
        for fk in table.foreign_keys
        if fk.column.table is table and fk.column.name == "id"
    ]
    if not refs:
        return rows
    done: set[Any] = set()
    pending = rows
    ordered: list[dict[str, Any]] = []
    while pending:
        waiting = []
        for row in pending:
            if all(row[ref] is None or row[ref] in done for ref in refs):
                ordered.append(row)
                done.add(row["id"])
            else:
                waiting.append(row)
        if len(waiting) == len(pending):
            raise BackupError(f"table {table.name}: rows point at rows the backup lacks")
        pending = waiting
    return ordered


def _reset_sequences(conn: Connection) -> None:
    """PostgreSQL hands out ids from sequences that know nothing of the rows restored."""
    if conn.dialect.name != "postgresql":
        return
    for table in _tables():
        for column in table.primary_key.columns:
            if column.autoincrement is True:
                highest = conn.execute(select(func.max(column))).scalar()
                if highest is not None:
                    conn.execute(
                        text("SELECT setval(pg_get_serial_sequence(:t, :c), :v)"),
                        {"t": table.name, "c": column.name, "v": highest},
                    )


def _is_empty(db: Database) -> bool:
    names = set(inspect(db.write_engine).get_table_names())
    if not names - {"alembic_version"}:
        return True
    with db.write_engine.connect() as conn:
        for table in _tables():
            if table.name == "server_state":
                continue  # migrations seed the counters
            if (
                table.name in names
                and conn.execute(select(func.count()).select_from(table)).scalar()
            ):
                return False
    return True


def restore(
    db: Database,
    store: BlobStore,
    folder: Path,
    *,
    max_blob_bytes: int,
    progress: Callable[[str], None] = lambda _line: None,
) -> BackupSummary:
    """Load a backup into an empty database and blob store."""
    manifest = verify(folder)
    if manifest.get("schema_revision") != schema_head():
        raise BackupError(
            f"the backup is of schema {manifest.get('schema_revision')}, this kshare's is "
            f"{schema_head()}: restore with the kshare {manifest.get('kshare_version')} "
            "that made it, then upgrade"
        )
    if not _is_empty(db):
        raise BackupError("the target database already holds data; restore into an empty one")
    upgrade(db.write_engine)
    progress(f"files: {manifest.get('blobs', 0)}")
    for name in manifest["files"]:
        if name.startswith("blobs/"):
            sha = validate_sha256(name.rsplit("/", 1)[-1])
            with (folder / name).open("rb") as handle:
                store.put(handle, sha, max_blob_bytes)
    rows: dict[str, int] = {}
    with db.write_engine.begin() as conn:
        for table in _tables():
            conn.execute(table.delete())  # the counters the migrations seeded
            loaded = list(_rows(folder / "tables" / f"{table.name}.jsonl", table))
            ordered = list(_parents_first(table, loaded))
            for start in range(0, len(ordered), BATCH):
                conn.execute(table.insert(), ordered[start : start + BATCH])
            rows[table.name] = len(ordered)
            progress(f"{table.name}: {len(ordered)} rows")
        expected = manifest.get("rows", {})
        if rows != expected:  # raised inside the transaction: nothing is kept
            raise BackupError(f"restored rows {rows} differ from the manifest's {expected}")
        _reset_sequences(conn)
    return BackupSummary(
        folder,
        rows,
        int(manifest.get("blobs", 0)),
        int(manifest.get("blob_bytes", 0)),
        str(manifest["schema_revision"]),
    )
