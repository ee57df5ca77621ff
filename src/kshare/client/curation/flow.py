"""How knowledge flows, in numbers the pictures draw: computed from the cache alone,
so from nothing but what the viewer may see.

Which departments answer which departments' questions; where questions wait longest
(by tag and by the asker's department); and who connects otherwise separate parts of
the company (people whose removal would split the graph of who answers whom).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from statistics import median

from sqlalchemy import Engine, select

from kshare.client.store.repository import ITEMS, PEOPLE

UNKNOWN = "(no department)"


@dataclass(frozen=True)
class Flow:
    asking: str  # the asker's department
    answering: str  # the answerer's department
    answers: int


@dataclass(frozen=True)
class Wait:
    label: str
    days: float  # median days to the first answer (or waited so far, unanswered)
    questions: int


@dataclass(frozen=True)
class PeopleGraph:
    names: tuple[str, ...]
    departments: tuple[str, ...]
    edges: tuple[tuple[int, int], ...]
    bridges: frozenset[int] = field(default_factory=frozenset)  # indexes into names


@dataclass(frozen=True)
class KnowledgeFlow:
    flows: tuple[Flow, ...]
    waits_by_tag: tuple[Wait, ...]
    waits_by_department: tuple[Wait, ...]
    people: PeopleGraph


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def knowledge_flow(reader: Engine, now: datetime, *, top: int = 12) -> KnowledgeFlow:
    with reader.connect() as conn:
        people = {
            p.id: (p.display_name, p.department or UNKNOWN)
            for p in conn.execute(select(PEOPLE.c.id, PEOPLE.c.display_name, PEOPLE.c.department))
        }
        rows = conn.execute(
            select(
                ITEMS.c.id,
                ITEMS.c.kind,
                ITEMS.c.parent_id,
                ITEMS.c.author_id,
                ITEMS.c.tags,
                ITEMS.c.created_at,
            ).where(ITEMS.c.kind.in_(("question", "answer", "comment")))
        ).all()
    questions = {r.id: r for r in rows if r.kind == "question"}
    first_answer: dict[str, datetime] = {}
    flows: Counter[tuple[str, str]] = Counter()
    links: set[tuple[str, str]] = set()
    for r in rows:
        question = questions.get(r.parent_id or "")
        if question is None or r.author_id == question.author_id:
            continue
        a, b = sorted((str(r.author_id), str(question.author_id)))
        links.add((a, b))
        if r.kind != "answer":
            continue
        asked = people.get(question.author_id, ("", UNKNOWN))[1]
        answered = people.get(r.author_id, ("", UNKNOWN))[1]
        flows[(asked, answered)] += 1
        created = _utc(r.created_at)
        if question.id not in first_answer or created < first_answer[question.id]:
            first_answer[question.id] = created
    by_tag: dict[str, list[float]] = defaultdict(list)
    by_department: dict[str, list[float]] = defaultdict(list)
    for question in questions.values():
        asked_at = _utc(question.created_at)
        waited = (first_answer.get(question.id, now) - asked_at).total_seconds() / 86400
        for tag in question.tags or ["(untagged)"]:
            by_tag[str(tag)].append(waited)
        by_department[people.get(question.author_id, ("", UNKNOWN))[1]].append(waited)

    def longest(groups: dict[str, list[float]]) -> tuple[Wait, ...]:
        waits = [Wait(k, round(median(v), 2), len(v)) for k, v in groups.items()]
        waits.sort(key=lambda w: (-w.days, w.label))
        return tuple(waits[:top])

    return KnowledgeFlow(
        flows=tuple(
            Flow(a, b, n) for (a, b), n in sorted(flows.items(), key=lambda kv: (-kv[1], kv[0]))
        ),
        waits_by_tag=longest(by_tag),
        waits_by_department=longest(by_department),
        people=_graph(people, links),
    )


def _graph(people: dict[str, tuple[str, str]], links: set[tuple[str, str]]) -> PeopleGraph:
    ids = sorted({p for link in links for p in link if p in people}, key=lambda p: people[p])
    index = {p: i for i, p in enumerate(ids)}
    edges = tuple(sorted((index[a], index[b]) for a, b in links if a in index and b in index))
    return PeopleGraph(
        names=tuple(people[p][0] for p in ids),
        departments=tuple(people[p][1] for p in ids),
        edges=edges,
        bridges=frozenset(articulation_points(len(ids), edges)),
    )


def articulation_points(count: int, edges: tuple[tuple[int, int], ...]) -> set[int]:
    """People whose removal splits the graph: the ones who connect separate groups."""
    neighbours: list[list[int]] = [[] for _ in range(count)]
    for a, b in edges:
        neighbours[a].append(b)
        neighbours[b].append(a)
    order = [-1] * count
    low = [0] * count
    found: set[int] = set()
    counter = 0
    for root in range(count):
        if order[root] != -1:
            continue
        order[root] = low[root] = counter
        counter += 1
        children = 0
        # iterative depth-first search: (node, parent, next neighbour to look at)
        stack = [(root, -1, 0)]
        while stack:
            node, parent, at = stack[-1]
            if at < len(neighbours[node]):
                stack[-1] = (node, parent, at + 1)
                nxt = neighbours[node][at]
                if order[nxt] == -1:
                    order[nxt] = low[nxt] = counter
                    counter += 1
                    if node == root:
                        children += 1
                    stack.append((nxt, node, 0))
                elif nxt != parent:
                    low[node] = min(low[node], order[nxt])
                continue
            stack.pop()
            if parent != -1:
                low[parent] = min(low[parent], low[node])
                if parent != root and low[node] >= order[parent]:
                    found.add(parent)
        if children > 1:
            found.add(root)
    return found
