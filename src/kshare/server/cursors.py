"""Feed cursors sealed so a viewer cannot read the server's global change count from them.

A plain cursor carries the global ``seq``: watching it grow would tell anyone how busy
the server is, secret groups included. Sealed (AES-GCM, a random nonce each time, bound
to the viewer), a cursor says nothing and cannot be forged or passed to someone else.
The key lives in the data folder; a cursor that does not open (another key, tampering)
restarts the viewer's feed with a reconcile rather than failing.
"""

from __future__ import annotations

import base64
import binascii
import functools
import logging
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

log = logging.getLogger(__name__)

KEY_FILE = "feed-cursor.key"
PREFIX = "v2."
MAX_SEALED = 200  # characters; a plain cursor is far shorter, sealing adds 28 bytes + base64


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


@functools.cache
def seal_for(data_dir: Path) -> CursorSeal:
    """The seal of the server whose data folder is ``data_dir`` (key made on first use)."""
    path = Path(data_dir) / KEY_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "wb") as out:
            out.write(AESGCM.generate_key(bit_length=256))
    key = path.read_bytes()
    if len(key) != 32:
        raise RuntimeError(f"{path} is damaged: delete it (devices then reconcile once)")
    return CursorSeal(key)
