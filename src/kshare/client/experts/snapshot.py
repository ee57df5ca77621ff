"""The expert finder's aggregates saved in the cache, so a cold start reads one row, not every item.

A snapshot is the per-item facts (:class:`ItemFacts`, no bodies) and people of
:class:`Aggregates` as of one cache ``local_seq``, as compressed JSON in the
``expert_snapshot`` table. Loaded, it is brought up to date like a warm
finder: the rows newer than its ``seq`` and the purges since. It is written
after the background warm-up that follows each sync page (and once when a
finder had to build from scratch), and it is deleted, in the same commit, by
any purge (``repository.purge`` → ``profile_terms.forget_items``) and by a wipe:
nothing a person lost access to stays in it. A snapshot of other tag aliases
or newer than the cache (another cache) is ignored and rebuilt.
"""

from __future__ import annotations

import json
import logging
import zlib
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.exc import OperationalError

from kshare.client.experts.aggregates import Aggregates, ItemFacts, PersonFacts, current_seq
from kshare.client.store import tag_aliases
from kshare.client.store.models import ExpertSnapshot
from kshare.domain.expertise import Declared

log = logging.getLogger(__name__)

FORMAT = 1
ROW_ID = 1


def _item_row(f: ItemFacts) -> list[Any]:
    return [
        f.id,
        f.kind,
        f.author_id,
        f.parent_id,
        f.created_at.timestamp(),
        f.accepted,
        f.score,
        list(f.tags),
        f.title,
        list(f.counted_tags),
    ]


def _person_row(p: PersonFacts) -> list[Any]:
    d = p.declared
    return [
        p.id,
        p.display_name,
        p.title,
        p.department,
        p.active,
        [list(d.skills), list(d.ask_me_about), dict(d.endorsements)],
        [list(d.confirmed), list(d.hidden), d.opt_out],
    ]


def encode(agg: Aggregates) -> bytes:
    data = {
        "format": FORMAT,
        "seq": agg.seq,
        "aliases": dict(agg.aliases.to_tag),
        "items": [_item_row(f) for f in agg.items.values()],
        "people": [_person_row(p) for p in agg.people.values()],
    }
    return zlib.compress(json.dumps(data, separators=(",", ":")).encode(), 1)


def decode(blob: bytes) -> Aggregates | None:
    data = json.loads(zlib.decompress(blob))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    agg = Aggregates()
    agg.aliases = tag_aliases.TagAliases(dict(data["aliases"]))
    stamp = datetime.fromtimestamp
    items = agg.items
    for i, kind, author, parent, at, accepted, score, tags, title, counted in data["items"]:
        items[i] = ItemFacts(
            i, kind, author, parent, stamp(at, UTC), accepted, score, tuple(tags), title
        )
        items[i].counted_tags = tuple(counted)
    children, by_person, tag_people = agg.children, agg.by_person, agg.tag_people
    for f in items.values():
        if f.parent_id:
            children.setdefault(f.parent_id, set()).add(f.id)
        by_person.setdefault(f.author_id, set()).add(f.id)
        for tag in f.counted_tags:
            counter = tag_people.get(tag)
            if counter is None:
                counter = tag_people[tag] = Counter()
            counter[f.author_id] += 1
    for pid, name, title, department, active, (skills, ask, endorse), extra in data["people"]:
        confirmed, hidden, opt_out = extra
        declared = Declared(
            skills=tuple(skills),
            ask_me_about=tuple(ask),
            endorsements={str(k): int(v) for k, v in endorse.items()},
            confirmed=tuple(confirmed),
            hidden=tuple(hidden),
            opt_out=bool(opt_out),
        )
        person = PersonFacts(pid, name, title, department, bool(active), declared)
        agg.people[pid] = person
        agg._index_declared(person, add=True)
    agg.seq = int(data["seq"])
    return agg


def load(engine: Engine) -> Aggregates | None:
    """The saved aggregates, if there are any for this cache and its tag aliases."""
    with engine.connect() as conn:
        row = conn.execute(
            select(ExpertSnapshot.seq, ExpertSnapshot.data).where(ExpertSnapshot.id == ROW_ID)
        ).first()
        if row is None:
            return None
        seq, aliases = current_seq(conn), tag_aliases.read(conn)
    try:
        agg = decode(row.data)
    except (ValueError, KeyError, TypeError, zlib.error) as exc:
        log.warning("ignoring an unreadable expert snapshot: %s", exc)
        return None
    if agg is None or agg.seq != row.seq or agg.seq > seq or agg.aliases != aliases:
        return None
    return agg


def save(engine: Engine, agg: Aggregates) -> bool:
    """Write ``agg`` as the snapshot, unless a purge or another change came in meanwhile."""
    blob = encode(agg)
    try:
        with engine.begin() as conn:
            if current_seq(conn) != agg.seq:
                return False  # the cache moved on (perhaps a purge): a later warm-up saves
            conn.execute(delete(ExpertSnapshot))
            conn.execute(insert(ExpertSnapshot).values(id=ROW_ID, seq=agg.seq, data=blob))
    except OperationalError as exc:  # sync is writing; the next warm-up saves
        log.info("expert snapshot not saved now: %s", exc)
        return False
    return True


def saved_seq(engine: Engine) -> int | None:
    with engine.connect() as conn:
        return conn.execute(
            select(ExpertSnapshot.seq).where(ExpertSnapshot.id == ROW_ID)
        ).scalar_one_or_none()
