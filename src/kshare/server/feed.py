"""The per-viewer change feed and the reconcile listing.

A cursor is ``v1.SEQ.EPOCH.MILLIS``: the last global change the device has,
the viewer's membership epoch it was computed under, and when it was issued
(so publication windows that opened or closed since can be applied). The
client treats it as opaque.

A page sends everything with ``seq`` above the cursor that the viewer may
see, ordered by seq. Removals come from tombstones in the same seq range, and
only to viewers who were in the item's former audience, so nobody learns of
items they never could see. A cursor from another membership epoch, older
than the tombstone horizon, or from the future restarts the pass at zero
with ``reconcile: true``: the client drops what ``/reconcile`` does not list
while the restarted pass re-sends whatever became visible.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import cast

from sqlalchemy import exists, func, not_, or_, select
from sqlalchemy.orm import Session

from kshare.domain.visibility import Viewer, can_view
from kshare.protocol.schemas import (
    FeedPage,
    GroupUpsert,
    ItemUpsert,
    PersonUpsert,
    ReactionUpsert,
    ReconcileList,
    Removal,
)
from kshare.server import serialize, tag_aliases
from kshare.server.changes import MEMBERSHIP
from kshare.server.curation import roles as curator_roles
from kshare.server.curation import tags as tag_stewardship
from kshare.server.cursors import PREFIX, CursorSeal
from kshare.server.db import current_seq, horizon, session_clock
from kshare.server.errors import ApiError
from kshare.server.policy import Gate, visible_groups_clause, visible_items_clause
from kshare.server.tables import AudienceRow, Group, Item, Person, Reaction, Tombstone

log = logging.getLogger(__name__)

ITEMS = Item.__table__
MAX_WINDOW_ITEMS = 5000  # items whose publication window opened since the last page


@dataclass(frozen=True)
class Cursor:
    seq: int
    epoch: int
    issued: datetime | None = None
    # Rows still to come when this cursor was issued mid-walk (``more``), so the next page
    # can report progress without counting every remaining visible row again: that count
    # evaluates the visibility clause once per remaining row, and doing it on every page
    # made a long walk quadratic. Only an estimate for the viewer's own progress bar.
    left: int | None = None

    def encode(self) -> str:
        millis = int(self.issued.timestamp() * 1000) if self.issued else 0
        text = f"v1.{self.seq}.{self.epoch}.{millis}"
        return text if self.left is None else f"{text}.{self.left}"

    @classmethod
    def parse(cls, text: str) -> Cursor:
        parts = text.split(".")
        try:
            if len(parts) not in (4, 5) or parts[0] != "v1":
                raise ValueError(text)
            numbers = [int(p) for p in parts[1:]]
            if min(numbers) < 0:
                raise ValueError(text)
            seq, epoch, millis = numbers[:3]
            issued = datetime.fromtimestamp(millis / 1000, UTC) if millis else None
        except (ValueError, OverflowError, OSError) as exc:
            raise ApiError(
                422, "invalid", "The feed cursor is not one this server issued."
            ) from exc
        return cls(seq, epoch, issued, numbers[3] if len(numbers) == 4 else None)


def _matches_former(viewer: Viewer, former: list[str]) -> bool:
    for entry in former:
        kind, _, ref = entry.partition(":")
        if (
            entry == "org"
            or (kind == "group" and ref in viewer.group_ids)
            or (kind in ("person", "author") and ref == viewer.user_id)
        ):
            return True
    return False


class FeedBuilder:
    def __init__(
        self,
        session: Session,
        person: Person,
        viewer: Viewer,
        seal: CursorSeal | None = None,
        now: datetime | None = None,
    ) -> None:
        self.session = session
        self.seal = seal
        self.person = person
        self.viewer = viewer
        self.now = now or session_clock(session).now()
        self.gate = Gate(session, viewer, self.now)
        # Built once per request: assembling the clause (Core aliases, IN lists) costs more
        # than running it on a page, and a page uses it in several statements.
        self.visible = visible_items_clause(viewer, self.now)
        # A reaction is visible when its item is. Correlated on the reaction, SQLite probes
        # only the items of the reactions in range, by primary key; the former
        # ``item_id IN (SELECT id FROM items WHERE visible)`` evaluated the clause for
        # every item on every page, even when there were no reactions at all.
        self.reaction_visible = exists().where(Item.id == Reaction.item_id, self.visible)

    def page(self, since: str | None, limit: int) -> FeedPage:
        session, viewer = self.session, self.viewer
        head = current_seq(session)
        epoch = self.person.membership_epoch
        cursor, trusted = self._read_cursor(since) if since else (Cursor(0, epoch), True)
        reconcile = False
        explained: list[Removal] = []
        oldest = horizon(session)
        if since and (
            not trusted or cursor.epoch != epoch or cursor.seq > head or 0 < cursor.seq < oldest
        ):
            log.info("feed for %s restarts with reconcile (cursor %s)", self.person.id, since)
            reconcile = True
            if 0 < cursor.seq <= head:
                # What the server can still explain since that cursor goes out as explicit
                # removals, applied in full; the reconcile after them infers only the rest.
                explained = self._removals(cursor.seq, head, departures_only=cursor.seq < oldest)
            cursor = Cursor(0, epoch)
        start = cursor.seq
        visible = self.visible
        rows: list[tuple[int, str, object]] = []
        # Plain rows, not ORM objects: they carry the same attributes the gate and the
        # serializer read, and skip identity-map bookkeeping that cost more per item than
        # everything else on a page. Nothing on the feed changes items.
        for item in session.execute(
            select(ITEMS).where(Item.seq > start, visible).order_by(Item.seq).limit(limit + 1)
        ):
            rows.append((item.seq, "item", item))
        for person in session.scalars(
            select(Person).where(Person.seq > start).order_by(Person.seq).limit(limit + 1)
        ):
            rows.append((person.seq, "person", person))
        for group in session.scalars(
            select(Group)
            .where(Group.seq > start, visible_groups_clause(viewer))
            .order_by(Group.seq)
            .limit(limit + 1)
        ):
            rows.append((group.seq, "group", group))
        for reaction in session.scalars(
            select(Reaction)
            .where(Reaction.seq > start, self.reaction_visible)
            .order_by(Reaction.seq)
            .limit(limit + 1)
        ):
            rows.append((reaction.seq, "reaction", reaction))
        rows.sort(key=lambda r: r[0])
        more = len(rows) > limit
        rows = rows[:limit]
        upto = rows[-1][0] if more else head

        windowed: list[Item] = []
        removals: list[Removal] = explained
        if start > 0:
            removals += self._removals(start, upto)
            if cursor.issued is not None:
                windowed = self._newly_published(cursor.issued, start)
                removals += self._expired(cursor.issued)
        items = [cast(Item, r[2]) for r in rows if r[1] == "item"]
        extra_reactions: list[Reaction] = []
        if windowed:
            known = {i.id for i in items}
            windowed = [w for w in windowed if w.id not in known]
            extra_reactions = list(
                session.scalars(
                    select(Reaction).where(
                        Reaction.item_id.in_([w.id for w in windowed]), Reaction.seq <= start
                    )
                )
            )
        upserts = self._upserts(windowed + items, rows, extra_reactions)
        seen: set[tuple[str, str]] = set()
        unique = []
        for removal in removals:
            if (removal.type, removal.id) not in seen:
                seen.add((removal.type, removal.id))
                unique.append(removal)
        left = 0
        if more:
            # Counted once per walk; later pages carry the figure forward in the cursor.
            sent = len(rows)
            left = max(0, cursor.left - sent) if cursor.left is not None else self._remaining(upto)
        aliases = None
        if start == 0 or tag_aliases.changed_after(session, start):
            aliases = tag_aliases.current(session)
        described = None
        if start == 0 or tag_stewardship.descriptions_changed_after(session, start):
            described = tag_stewardship.descriptions(session)
        curator = None
        if start == 0 or curator_roles.changed_after(session, viewer.user_id, start):
            curator = curator_roles.role_out(session, viewer)
        return FeedPage(
            upserts=upserts,
            removals=unique,
            cursor=self._write_cursor(Cursor(upto, epoch, self.now, left if more else None)),
            more=more,
            reconcile=reconcile,
            total_estimate=left,
            tag_aliases=aliases,
            tag_descriptions=described,
            curator=curator,
        )

    def _read_cursor(self, since: str) -> tuple[Cursor, bool]:
        """The cursor, and whether this server sealed it for this viewer.

        An unsealed (older) cursor is read but not trusted: trusting it would let anyone
        probe for the global change count by guessing one.
        """
        if self.seal is None or not since.startswith(PREFIX):
            return Cursor.parse(since), self.seal is None
        plain = self.seal.open(since, self.person.id)
        if plain is None:
            log.info("feed cursor of %s did not open: restarting with reconcile", self.person.id)
            return Cursor(0, self.person.membership_epoch), False
        return Cursor.parse(plain), True

    def _write_cursor(self, cursor: Cursor) -> str:
        plain = cursor.encode()
        return plain if self.seal is None else self.seal.seal(plain, self.person.id)

    def _upserts(self, items: list[Item], rows: list, extra_reactions: list[Reaction]):  # type: ignore[no-untyped-def,type-arg]
        judged = self.gate.judge(items)
        by_id = {o.id: o for o in serialize.items_out(self.gate, [judged[i.id] for i in items])}
        people = [r[2] for r in rows if r[1] == "person"]
        groups = [r[2] for r in rows if r[1] == "group"]
        people_out = {p.id: p for p in serialize.people_out(self.session, people, self.viewer)}
        groups_out = {g.id: g for g in serialize.groups_out(self.session, groups)}
        upserts: list = []  # type: ignore[type-arg]
        in_rows = {r[2].id for r in rows if r[1] == "item"}
        window_ids = [i.id for i in items if i.id not in in_rows]
        upserts += [ItemUpsert(data=by_id[i]) for i in window_ids]
        upserts += [ReactionUpsert(data=serialize.reaction_out(r)) for r in extra_reactions]
        for _seq, kind, row in rows:
            if kind == "item":
                upserts.append(ItemUpsert(data=by_id[row.id]))
            elif kind == "person":
                upserts.append(PersonUpsert(data=people_out[row.id]))
            elif kind == "group":
                upserts.append(GroupUpsert(data=groups_out[row.id]))
            else:
                upserts.append(ReactionUpsert(data=serialize.reaction_out(row)))
        return upserts

    def _removals(self, start: int, upto: int, *, departures_only: bool = False) -> list[Removal]:
        """Tombstoned things in (start, upto] the viewer may have held and may not see now.

        A departure from a group (``membership`` tombstone) expands into everything the
        group showed the viewer. ``departures_only`` is for cursors older than the tombstone
        window: only departures are kept that long.
        """
        query = select(Tombstone).where(Tombstone.seq > start, Tombstone.seq <= upto)
        if departures_only:
            query = query.where(Tombstone.entity == MEMBERSHIP)
        stones = list(self.session.scalars(query.order_by(Tombstone.seq)))
        me = f"person:{self.viewer.user_id}"
        departures = [s for s in stones if s.entity == MEMBERSHIP and me in s.former]
        left_at = {d.entity_id: d.seq for d in departures}  # the latest departure wins

        def held(stone: Tombstone) -> bool:
            if _matches_former(self.viewer, stone.former):
                return True
            # Recorded while the viewer was still in one of the groups it names.
            return any(
                entry.startswith("group:") and left_at.get(entry[6:], -1) > stone.seq
                for entry in stone.former
            )

        stones = [s for s in stones if s.entity != MEMBERSHIP and held(s)]
        out = self._departure_removals(departures)
        if not stones:
            return out
        item_ids = {s.entity_id for s in stones if s.entity == "item"}
        still = set(
            self.session.scalars(select(Item.id).where(Item.id.in_(item_ids), self.visible))
        )
        group_ids = {s.entity_id for s in stones if s.entity == "group"}
        groups_still = set(
            self.session.scalars(
                select(Group.id).where(Group.id.in_(group_ids), visible_groups_clause(self.viewer))
            )
        )
        reaction_ids = {s.entity_id for s in stones if s.entity == "reaction"}
        reactions_still = set(
            self.session.scalars(
                select(Reaction.id).where(Reaction.id.in_(reaction_ids), self.reaction_visible)
            )
        )
        gone_items: list[str] = []
        for stone in stones:
            alive = {"item": still, "group": groups_still, "reaction": reactions_still}.get(
                stone.entity, set()
            )
            if stone.entity_id in alive:
                continue
            out.append(Removal(type=stone.entity, id=stone.entity_id, reason=stone.reason))  # type: ignore[arg-type]
            if stone.entity == "item":
                gone_items.append(stone.entity_id)
        out += self._reactions_of(gone_items, "access_revoked")
        return out

    def _departure_removals(self, departures: list[Tombstone]) -> list[Removal]:
        """What the groups the viewer left showed them and no longer do (explicit removals).

        Only items that existed when the viewer left: what came later they never held,
        and its ids are none of their business.
        """
        out: list[Removal] = []
        for stone in departures:
            if stone.entity_id in self.viewer.group_ids:
                continue  # back in the group since
            roots = select(AudienceRow.item_id).where(
                AudienceRow.kind == "group", AudienceRow.ref == stone.entity_id
            )
            original = ITEMS.alias()
            quoted = select(original.c.id).where(original.c.root_id.in_(roots))
            hidden = list(
                self.session.scalars(
                    select(Item.id)
                    .where(
                        or_(Item.root_id.in_(roots), Item.quote_of.in_(quoted)),
                        Item.created_at <= stone.created_at,
                        not_(self.visible),
                    )
                    .order_by(Item.seq)
                )
            )
            out += [Removal(type="item", id=i, reason="access_revoked") for i in hidden]
            out += self._reactions_of(hidden, "access_revoked")
        return out

    def _reactions_of(self, item_ids: list[str], reason: str) -> list[Removal]:
        if not item_ids:
            return []
        return [
            Removal(type="reaction", id=rid, reason=reason)  # type: ignore[arg-type]
            for rid in self.session.scalars(
                select(Reaction.id).where(Reaction.item_id.in_(item_ids))
            )
        ]

    def _window_candidates(self, column, since: datetime) -> list[Item]:  # type: ignore[no-untyped-def]
        roots = select(Item.id).where(column > since, column <= self.now)
        return list(
            self.session.scalars(
                select(Item)
                .where(Item.root_id.in_(roots), Item.deleted.is_(False))
                .order_by(Item.seq)
                .limit(MAX_WINDOW_ITEMS)
            )
        )

    def _newly_published(self, since: datetime, start: int) -> list[Item]:
        """Items (and their threads) whose publication began after ``since``, already past seq."""
        candidates = [i for i in self._window_candidates(Item.publish_at, since) if i.seq <= start]
        return self.gate.visible(candidates)

    def _expired(self, since: datetime) -> list[Removal]:
        """Items whose ``visible_until`` passed since ``since`` and that this viewer could see."""
        candidates = self._window_candidates(Item.visible_until, since)
        if not candidates:
            return []
        judged = self.gate.judge(candidates)
        gone: list[str] = []
        for item in candidates:
            j = judged[item.id]
            end = j.access.audience.visible_until
            if end is None or j.access.author_id == self.viewer.user_id:
                continue
            before = end - timedelta(microseconds=1)
            if can_view(self.viewer, j.access, before) and not self.gate.sees(j):
                gone.append(item.id)
        return [
            Removal(type="item", id=i, reason="access_revoked") for i in gone
        ] + self._reactions_of(gone, "access_revoked")

    def changed_since(self, seq: int) -> bool:
        """Whether this viewer's feed has anything after global change ``seq``.

        The live stream asks this before nudging, so a nudge never tells anyone that
        something they may not see has happened.
        """
        s, v = self.session, self.viewer
        probes = (
            select(Item.id).where(Item.seq > seq, self.visible).limit(1),
            select(Person.id).where(Person.seq > seq).limit(1),
            select(Group.id).where(Group.seq > seq, visible_groups_clause(v)).limit(1),
            select(Reaction.id).where(Reaction.seq > seq, self.reaction_visible).limit(1),
        )
        if any(s.scalar(probe) is not None for probe in probes):
            return True
        return bool(self._removals(seq, current_seq(s)))

    def _remaining(self, upto: int) -> int:
        s, v = self.session, self.viewer
        items = s.scalar(
            select(func.count()).select_from(Item).where(Item.seq > upto, self.visible)
        )
        people = s.scalar(select(func.count()).select_from(Person).where(Person.seq > upto))
        groups = s.scalar(
            select(func.count())
            .select_from(Group)
            .where(Group.seq > upto, visible_groups_clause(v))
        )
        reactions = s.scalar(
            select(func.count())
            .select_from(Reaction)
            .where(Reaction.seq > upto, self.reaction_visible)
        )
        return int((items or 0) + (people or 0) + (groups or 0) + (reactions or 0))

    def reconcile(self) -> ReconcileList:
        session, viewer, now = self.session, self.viewer, self.now
        items = dict(session.execute(select(Item.id, Item.version).where(self.visible)).all())
        people = dict(session.execute(select(Person.id, Person.version)).all())
        groups = dict(
            session.execute(
                select(Group.id, Group.version).where(visible_groups_clause(viewer))
            ).all()
        )
        reactions = dict(
            session.execute(
                select(Reaction.id, Reaction.version).where(self.reaction_visible)
            ).all()
        )
        return ReconcileList(
            items=items,
            people=people,
            groups=groups,
            reactions=reactions,
            # Restarting from zero re-sends what became visible while the device was
            # away; the listing above is what it may keep.
            cursor=self._write_cursor(Cursor(0, self.person.membership_epoch, now)),
        )
