"""File names chosen by whoever shared a file, made safe to show and to write to disk.

A sender picks the name, so it may hide its real type: ``invoice`` + U+202E +
``fdp.exe`` shows as "invoiceexe.pdf". Names lose control and format
characters (bidi overrides and isolates, zero-width marks) before they reach a
screen or a disk, and :func:`program_kind` says when a file is a program or a
script, by its name or by its first bytes, so it is never opened unawares.
"""

from __future__ import annotations

import mimetypes
import re
import unicodedata
from pathlib import Path

MAX_NAME = 120  # characters, extension included: fits every desktop's file systems
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})
_WINDOWS_UNSAFE = re.compile(r'[<>:"/\\|?*]+')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$", re.I)

# what the system opener runs rather than shows, by extension
_PROGRAM_EXTENSIONS = {
    "a Windows program": (
        "exe com scr pif msi msp msix appx cpl dll sys lnk hta gadget application appref-ms"
    ),
    "a script": (
        "bat cmd ps1 psm1 psd1 vbs vbe js jse wsf wsh wsc sct reg inf scf "
        "sh bash zsh csh ksh fish command tool py pyw pl rb php lua tcl applescript scpt"
    ),
    "a macOS program": "app pkg mpkg dmg workflow action",
    "a Linux program": "run bin appimage desktop deb rpm snap flatpak elf so",
    "a Java program": "jar jnlp class",
    "an installer": "apk xpi crx vsix",
}
_BY_EXTENSION = {ext: kind for kind, exts in _PROGRAM_EXTENSIONS.items() for ext in exts.split()}
_MAGIC = (
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a Linux program"),
    (b"\xfe\xed\xfa\xce", "a macOS program"),
    (b"\xfe\xed\xfa\xcf", "a macOS program"),
    (b"\xce\xfa\xed\xfe", "a macOS program"),
    (b"\xcf\xfa\xed\xfe", "a macOS program"),
    (b"\xca\xfe\xba\xbe", "a macOS program"),  # universal binary (or Java class)
    (b"#!", "a script"),
)


def display_name(name: str) -> str:
    """The name as it may be shown: no path, no invisible or direction-changing characters."""
    name = unicodedata.normalize("NFC", name or "")
    name = "".join(
        " " if char in "\t\n\r" else char
        for char in name
        if char in "\t\n\r" or unicodedata.category(char) not in _DROPPED_CATEGORIES
    )
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = " ".join(name.split()).strip(" .")
    return _shorten(name) if name else ""


def safe_filename(name: str, mime: str = "") -> str:
    """A file name that is safe on every desktop, keeping the extension that picks the app."""
    base = _WINDOWS_UNSAFE.sub("_", display_name(name)).strip(" .")
    if not base or _RESERVED.match(base):
        base = "document" + (f"-{base}" if base else "")
    if "." not in base:
        base += mimetypes.guess_extension(mime or "") or ""
    return _shorten(base)


def program_kind(name: str, head: bytes = b"") -> str | None:
    """ "a Windows program", "a script"... when opening the file would run it; else None.

    ``head`` is the file's first bytes: a program renamed to ``.pdf`` still says
    what it is there.
    """
    extension = Path(display_name(name)).suffix.lower().lstrip(".")
    if extension in _BY_EXTENSION:
        return f"{_BY_EXTENSION[extension]} (.{extension})"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return None


def program_kind_of_file(path: Path, name: str = "") -> str | None:
    """:func:`program_kind` of a file on disk, by its name and first bytes."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError:
        head = b""
    return program_kind(name or path.name, head)


def _shorten(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        return name[:MAX_NAME]
    ext = ext[:16]
    return f"{stem[: MAX_NAME - 1 - len(ext)] or 'document'}.{ext}"
