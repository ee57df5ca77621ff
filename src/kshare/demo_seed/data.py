"""The demo's people, groups and comment templates, read from ``resources/demo/*.yaml``.

Each file is validated by pydantic on load, so a typo in the data names the file
and the field instead of surfacing as an odd demo.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kshare.demo_seed.threads import MAX_FILE_BYTES, DemoContentError

DEMO_DIR = Path(__file__).resolve().parents[1] / "resources" / "demo"

M = TypeVar("M", bound=BaseModel)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PersonEntry(_Strict):
    username: str = Field(pattern=r"^[a-z][a-z0-9.]*$")
    name: str = Field(min_length=1)
    title: str
    department: str
    location: str
    manager: str | None
    skills: list[str]
    ask_me_about: list[str]


class People(_Strict):
    people: list[PersonEntry]


class DepartmentEntry(_Strict):
    name: str = Field(min_length=1)
    description: str


class GroupEntry(_Strict):
    name: str = Field(min_length=1)
    kind: Literal["team", "community"]
    visibility: Literal["open", "closed", "secret"]
    description: str
    # A list of usernames, or "every manager" for a circle that follows the org chart.
    members: list[str] | Literal["every manager"]
    owners: list[str]


class Groups(_Strict):
    departments: list[DepartmentEntry]
    groups: list[GroupEntry]


class TonePools(_Strict):
    writing: list[str] = Field(min_length=1)
    question: list[str] = Field(min_length=1)
    accepted: list[str] = Field(min_length=1)
    answer: list[str] = Field(min_length=1)
    thanks: list[str] = Field(min_length=1)


class Chatter(_Strict):
    tones: dict[str, TonePools]


class DocumentEntry(_Strict):
    key: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    author: str
    title: str = Field(min_length=1)
    body: str
    tags: list[str] = []
    audience: list[str] = ["org"]
    versions: list[str] = Field(min_length=1)


class Documents(_Strict):
    documents: list[DocumentEntry]


MIME_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
MAX_DOCUMENT_BYTES = 2 * 1024 * 1024


def read_yaml(path: Path, model: type[M]) -> M:
    """Load and check one data file."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise DemoContentError(f"{path}: larger than {MAX_FILE_BYTES} bytes")
        return model.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise DemoContentError(f"{path}: {exc}") from exc


@cache
def people() -> People:
    return read_yaml(DEMO_DIR / "people.yaml", People)


@cache
def groups() -> Groups:
    return read_yaml(DEMO_DIR / "groups.yaml", Groups)


@cache
def chatter() -> Chatter:
    return read_yaml(DEMO_DIR / "chatter.yaml", Chatter)


@cache
def documents() -> Documents:
    return read_yaml(DEMO_DIR / "documents" / "documents.yaml", Documents)


def document_file(name: str) -> tuple[str, bytes]:
    """The MIME type and bytes of one committed demo file."""
    path = DEMO_DIR / "documents" / "files" / name
    mime = MIME_TYPES.get(path.suffix)
    if mime is None or path.name != name:
        raise DemoContentError(f"{path}: a demo document is a .pdf or .docx file")
    try:
        if path.stat().st_size > MAX_DOCUMENT_BYTES:
            raise DemoContentError(f"{path}: larger than {MAX_DOCUMENT_BYTES} bytes")
        return mime, path.read_bytes()
    except OSError as exc:
        raise DemoContentError(f"{path}: {exc}") from exc
