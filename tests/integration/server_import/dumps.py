"""Small Stack Exchange dumps written by tests, in the real files' shape."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "stackexchange" / "synthetic"


def write_rows(path: Path, rows: Iterable[Mapping[str, object]]) -> None:
    root = ET.Element("rows")
    for attrs in rows:
        ET.SubElement(root, "row", {k: str(v) for k, v in attrs.items() if v is not None})
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def read_rows(path: Path) -> list[dict[str, str]]:
    return [dict(row.attrib) for row in ET.parse(path).getroot()]


def copy_fixture(
    folder: Path, files: Iterable[str] = ("Posts.xml", "Users.xml", "Tags.xml", "Comments.xml")
) -> Path:
    """The shipped synthetic dump (or some of its files) in ``folder``, ready to change."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in files:
        shutil.copyfile(FIXTURE / name, folder / name)
    return folder


def question(
    pid: int, owner: int | None, title: str, body: str, tags: str = "|x|", **extra: object
) -> dict[str, object]:
    return {
        "Id": pid,
        "PostTypeId": 1,
        "CreationDate": "2022-01-02T03:04:05.678",
        "Score": 3,
        "Body": body,
        "OwnerUserId": owner,
        "Title": title,
        "Tags": tags,
        "ContentLicense": "CC BY-SA 4.0",
        **extra,
    }


def answer(
    pid: int, parent: int, owner: int | None, body: str, **extra: object
) -> dict[str, object]:
    return {
        "Id": pid,
        "PostTypeId": 2,
        "ParentId": parent,
        "CreationDate": "2022-01-03T03:04:05.678",
        "Score": 1,
        "Body": body,
        "OwnerUserId": owner,
        "ContentLicense": "CC BY-SA 4.0",
        **extra,
    }
