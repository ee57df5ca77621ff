"""A small in-memory kshare server behind an httpx transport, for fast engine unit tests.

It keeps the API's promises that the sync engine relies on (paging by a
sequence, removals, reconcile, idempotency keys, version conflicts, error
bodies) and nothing more. Visibility is reduced to "org" or a set of user ids.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx

from kshare.protocol import routes
from kshare.protocol.schemas import (
    AudienceView,
    EndorsementCreate,
    FeedPage,
    ItemCreate,
    ItemOut,
    ItemUpdate,
    ItemUpsert,
    PersonOut,
    PersonUpsert,
    ProfileUpdate,
    ReconcileList,
    Removal,
)


@dataclass
class Stored:
    item: ItemOut
    viewers: frozenset[str] | None  # None: the whole organisation
    seq: int


@dataclass
class FakeServer:
    user_id: str = "u-me"
    items: dict[str, Stored] = field(default_factory=dict)
    people: dict[str, tuple[PersonOut, int]] = field(default_factory=dict)
    tombstones: list[tuple[int, str]] = field(default_factory=list)
    seq: int = 0
    epoch: int = 0
    keys: dict[str, tuple[int, str]] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)
    acked: list[str] = field(default_factory=list)  # ids of removals a desktop reported
    disabled: bool = False
    token_valid: bool = True
    info: dict[str, Any] = field(
        default_factory=lambda: {"product": "kshare", "server_version": "9", "api_version": 1}
    )

    # --- server-side actions a test performs ------------------------------------------

    def _next(self) -> int:
        self.seq += 1
        return self.seq

    def put(self, item: ItemOut, viewers: set[str] | None = None) -> ItemOut:
        frozen = frozenset(viewers) if viewers is not None else None
        self.items[item.id] = Stored(item, frozen, self._next())
        return item

    def edit(self, item_id: str, **changes: Any) -> ItemOut:
        stored = self.items[item_id]
        stored.item = stored.item.model_copy(update={**changes, "version": stored.item.version + 1})
        stored.seq = self._next()
        return stored.item

    def delete(self, item_id: str) -> None:
        self.items.pop(item_id)
        self.tombstones.append((self._next(), item_id))

    def restrict(self, item_id: str, viewers: set[str]) -> None:
        """Narrow an audience the way a membership change does: the feed asks to reconcile."""
        self.items[item_id].viewers = frozenset(viewers)
        self.epoch += 1

    def add_person(self, person: PersonOut) -> None:
        self.people[person.id] = (person, self._next())

    def change_person(self, person_id: str, **changes: Any) -> PersonOut:
        person = self.people[person_id][0]
        person = person.model_copy(update={**changes, "version": person.version + 1})
        self.add_person(person)
        return person

    def visible(self) -> dict[str, ItemOut]:
        return {
            i: s.item
            for i, s in self.items.items()
            if s.viewers is None or self.user_id in s.viewers or s.item.author_id == self.user_id
        }

    # --- HTTP ---------------------------------------------------------------------------

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        self.calls.append(f"{request.method} {path}")
        if path == routes.INFO:
            return httpx.Response(200, json=self.info)
        if not self.token_valid:
            return _error(401, "unauthenticated", "sign in again")
        if self.disabled:
            return _error(403, "account_disabled", "this account is disabled")
        if path == routes.FEED:
            return self._feed(request)
        if path == routes.RECONCILE:
            listing = ReconcileList(
                items={i: it.version for i, it in self.visible().items()},
                people={p: person.version for p, (person, _) in self.people.items()},
                cursor=f"{self.seq}.{self.epoch}",
            )
            return httpx.Response(200, content=listing.model_dump_json())
        if path == routes.PURGED:
            self.acked += [r["id"] for r in json.loads(request.content)["removals"]]
            return httpx.Response(204)
        key = request.headers.get(routes.IDEMPOTENCY_HEADER)
        if key and key in self.keys:
            status, body = self.keys[key]
            return httpx.Response(status, content=body)
        response = self._write(request, path)
        if key and response.status_code < 500:
            self.keys[key] = (response.status_code, response.content.decode())
        return response

    def _feed(self, request: httpx.Request) -> httpx.Response:
        since = request.url.params.get("since") or ""
        limit = int(request.url.params.get("limit", "200"))
        start, epoch = (int(p) for p in since.split(".")) if since else (0, self.epoch)
        reconcile = bool(since) and epoch != self.epoch
        if reconcile:
            start = 0
        rows: list[tuple[int, Any]] = [
            (s.seq, ItemUpsert(data=s.item))
            for i, s in self.items.items()
            if s.seq > start and i in self.visible()
        ]
        rows += [(seq, PersonUpsert(data=p)) for p, seq in self.people.values() if seq > start]
        rows.sort(key=lambda r: r[0])
        more = len(rows) > limit
        rows = rows[:limit]
        upto = rows[-1][0] if more else self.seq
        removals = [Removal(type="item", id=i) for seq, i in self.tombstones if start < seq <= upto]
        page = FeedPage(
            upserts=[r[1] for r in rows],
            removals=removals if start else [],
            cursor=f"{upto}.{self.epoch}",
            more=more,
            reconcile=reconcile,
            total_estimate=None,
        )
        return httpx.Response(200, content=page.model_dump_json())

    def _write(self, request: httpx.Request, path: str) -> httpx.Response:
        now = datetime.now(UTC)
        if request.method == "POST" and path == routes.ITEMS:
            body = ItemCreate.model_validate_json(request.content)
            if body.parent_id and body.parent_id not in self.visible():
                return _error(404, "not_found", "no such item")
            item = ItemOut(
                id=body.id,
                kind=body.kind,
                parent_id=body.parent_id,
                author_id=self.user_id,
                title=body.title,
                body=body.body,
                tags=body.tags,
                created_at=now,
                updated_at=now,
                version=1,
                audience=AudienceView(org=True),
                can_edit=True,
            )
            self.put(item)
            return httpx.Response(201, content=item.model_dump_json())
        if path.startswith(routes.ITEMS + "/"):
            item_id = path.rsplit("/", 1)[1]
            if item_id not in self.visible():
                return _error(404, "not_found", "no such item")
            current = self.items[item_id].item
            if request.method == "GET":
                return httpx.Response(200, content=current.model_dump_json())
            if request.method == "DELETE":
                self.delete(item_id)
                return httpx.Response(204)
            if request.method == "PUT":
                update = ItemUpdate.model_validate_json(request.content)
                if update.base_version != current.version:
                    body = {
                        "code": "version_conflict",
                        "message": "changed by someone else",
                        "current": json.loads(current.model_dump_json()),
                    }
                    return httpx.Response(412, json=body)
                changes = {
                    k: v for k, v in update.model_dump(exclude_unset=True).items() if v is not None
                }
                changes.pop("base_version", None)
                changes.pop("audience", None)
                updated = self.edit(item_id, **changes)
                return httpx.Response(200, content=updated.model_dump_json())
        if request.method == "PUT" and path == routes.PROFILE:
            change = ProfileUpdate.model_validate_json(request.content)
            values = change.model_dump(exclude_none=True)
            for name in ("skills", "ask_me_about", "expertise_confirmed", "expertise_hidden"):
                if name in values:
                    values[name] = _clean(values[name])
            person = self.change_person(self.user_id, **values)
            return httpx.Response(200, content=person.model_dump_json())
        if request.method == "POST" and path.endswith("/endorsements"):
            person_id = path.split("/")[-2]
            if person_id not in self.people:
                return _error(404, "not_found", "no such person")
            if person_id == self.user_id:
                return _error(422, "invalid", "You cannot endorse yourself.")
            skill = " ".join(EndorsementCreate.model_validate_json(request.content).skill.split())
            endorsements = {k: list(v) for k, v in self.people[person_id][0].endorsements.items()}
            name = next((k for k in endorsements if k.casefold() == skill.casefold()), skill)
            if self.user_id not in endorsements.setdefault(name, []):
                endorsements[name].append(self.user_id)
            person = self.change_person(person_id, endorsements=endorsements)
            return httpx.Response(200, content=person.model_dump_json())
        return _error(404, "not_found", f"no route {request.method} {path}")


def _clean(values: list[str]) -> list[str]:
    """As the real server keeps declared topics: whitespace collapsed, case-insensitively once."""
    seen: dict[str, str] = {}
    for value in values:
        text = " ".join(value.split())[:100]
        if text:
            seen.setdefault(text.casefold(), text)
    return list(seen.values())


def _error(status: int, code: str, message: str) -> httpx.Response:
    return httpx.Response(status, json={"code": code, "message": message})
