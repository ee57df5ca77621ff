"""The demo's curation, read from ``resources/demo/curation.yaml`` and checked as it is read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kshare.demo_seed.data import DEMO_DIR, read_yaml


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CuratorEntry(_Strict):
    username: str
    groups: list[str] = []
    tags: list[str] = []


class EntrySpec(_Strict):
    item: str | None = None
    person: str | None = None
    note: str = ""

    @model_validator(mode="after")
    def _one_target(self) -> EntrySpec:
        if (self.item is None) == (self.person is None):
            raise ValueError("an entry names either an item or a person")
        return self


class SectionSpec(_Strict):
    name: str
    entries: list[EntrySpec] = Field(min_length=1)


class CollectionSpec(_Strict):
    key: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    author: str
    title: str = Field(min_length=1)
    description: str = ""
    curators: list[str] = []
    audience: list[str] = ["org"]
    sections: list[SectionSpec] = Field(min_length=1)


class VerificationSpec(_Strict):
    item: str
    by: str
    days_ago: int = Field(ge=0)
    review_in_days: int = Field(gt=0)
    version: int | None = Field(default=None, ge=1)  # of a document: the one that was read


class CurationFile(_Strict):
    curators: list[CuratorEntry]
    collections: list[CollectionSpec]
    verifications: list[VerificationSpec]


@dataclass(frozen=True)
class DemoVerification:
    item: str
    by: str
    verified_at: datetime
    review_by: datetime
    version: int | None


@dataclass(frozen=True)
class DemoCuration:
    curators: list[CuratorEntry]
    collections: list[CollectionSpec]
    verifications: list[DemoVerification]


EntryKind = Literal["item", "person"]


def build_curation(now: datetime) -> DemoCuration:
    """The demo's curators, collections and verifications, dated from ``now``."""
    spec = read_yaml(DEMO_DIR / "curation.yaml", CurationFile)
    verifications = [
        DemoVerification(
            item=v.item,
            by=v.by,
            verified_at=now - timedelta(days=v.days_ago),
            review_by=now - timedelta(days=v.days_ago) + timedelta(days=v.review_in_days),
            version=v.version,
        )
        for v in spec.verifications
    ]
    return DemoCuration(spec.curators, spec.collections, verifications)
