"""Feed cursors sealed so a viewer cannot read the server's global change count from them.

A plain cursor carries the global ``seq``: watching it grow would tell anyone how busy
the server is, secret groups included. Sealed (AES-GCM, a random nonce each time, bound
to the viewer), a cursor says nothing and cannot be forged or passed to someone else.
The key lives in the database (``server_meta``), so every server process sharing one
database seals and opens the same cursors; it is made once, by whichever process asks
first (an insert that does nothing when another process won). A key file left in the
data folder by an older server becomes that first key, so cursors already handed out
stay valid. A cursor that does not open (another key, tampering) restarts the viewer's
feed with a reconcile rather than failing.
"""

from __future__ import annotations

import base64
import binascii
import logging
import os
import threading
import weakref
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from kshare.server.db import Database
from kshare.server.tables import ServerMeta

log = logging.getLogger(__name__)

KEY_FILE = "feed-cursor.key"  # where an older server kept the key
KEY_NAME = "feed_cursor_key"  # its row in server_meta
PREFIX = "v2."
MAX_SEALED = 200  # characters; a plain cursor is far shorter, sealing adds 28 bytes + base64


_seals: weakref.WeakKeyDictionary[Database, CursorSeal] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


class CursorSeal:
    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    def seal(self, plain: str, viewer_id: str) -> str:
        nonce = os.urandom(12)
        box = nonce + self._aead.encrypt(nonce, plain.encode(), viewer_id.encode())
        return PREFIX + base64.urlsafe_b64encode(box).rstrip(b"=").decode()

    def open(self, sealed: str, viewer_id: str) -> str | None:
        """The plain cursor, or None when it was not sealed by this key for this viewer."""
        if not sealed.startswith(PREFIX) or len(sealed) > MAX_SEALED:
            return None
        body = sealed[len(PREFIX) :]
        try:
            box = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
            if len(box) < 12 + 16:
                return None
            return self._aead.decrypt(box[:12], box[12:], viewer_id.encode()).decode()
        except (InvalidTag, binascii.Error, ValueError):
            return None


def seal_for(db: Database, data_dir: Path | None = None) -> CursorSeal:
    """The seal of the servers using ``db`` (key made on first use, once for all of them)."""
    with _lock:
        seal = _seals.get(db)
        if seal is None:
            seal = _seals[db] = CursorSeal(load_key(db, data_dir))
        return seal


def load_key(db: Database, data_dir: Path | None = None) -> bytes:
    """The database's cursor key; the first caller stores one, every other reads it."""
    with db.read() as session:
        row = session.get(ServerMeta, KEY_NAME)
        stored = row.text if row is not None else None
    if stored is None:
        offered = _old_key_file(data_dir) or AESGCM.generate_key(bit_length=256)
        with db.write() as session:
            insert = sqlite_insert if db.is_sqlite else postgresql_insert
            session.execute(
                insert(ServerMeta)
                .values(name=KEY_NAME, text=base64.b64encode(offered).decode())
                .on_conflict_do_nothing(index_elements=["name"])
            )
        with db.read() as session:
            stored = session.get(ServerMeta, KEY_NAME).text  # type: ignore[union-attr]
    try:
        key = base64.b64decode(stored, validate=True)
    except binascii.Error:
        key = b""
    if len(key) != 32:
        raise RuntimeError(
            f"the feed cursor key in server_meta ({KEY_NAME}) is damaged: delete that row "
            "(devices then reconcile once)"
        )
    return key


def _old_key_file(data_dir: Path | None) -> bytes | None:
    if data_dir is None:
        return None
    try:
        key = (Path(data_dir) / KEY_FILE).read_bytes()
    except OSError:
        return None
    if len(key) != 32:
        log.warning("ignoring the damaged %s: devices reconcile once", KEY_FILE)
        return None
    return key
