"""Expertise profiles on the demo company read as topics, not as stray words."""

from __future__ import annotations

from tests.unit.test_demo_suggestions import Desktop, desktop  # noqa: F401  (the fixture)


def _tag(name: str) -> str:
    """A tag as the server stores it."""
    return "-".join(name.lower().split())


def test_no_single_common_word_is_anyones_top_topic(desktop: Desktop) -> None:  # noqa: F811
    tags = {_tag(tag) for item in desktop.org.items for tag in item.tags}
    shown = 0
    for person_id, username in desktop.usernames.items():
        topics = [name for name, _ in desktop.finder.mined_topics(person_id, limit=8)]
        shown += len(topics)
        for name in topics:
            # a tag of the company's writing, or a phrase of two or more words
            assert name in tags or len(name.split()) >= 2, (username, name, topics)
    assert shown > len(desktop.usernames)  # people do get topics


def test_a_tag_used_in_one_thread_is_not_a_top_topic(desktop: Desktop) -> None:  # noqa: F811
    for person_id, username in desktop.usernames.items():
        threads: dict[str, set[str]] = {}
        mine = [i for i in desktop.org.items if i.author == username]
        keyed = {i.key: i for i in desktop.org.items}
        for item in mine:
            root = item
            while root.parent is not None:
                root = keyed[root.parent]
            for tag in item.tags or root.tags:
                threads.setdefault(_tag(tag), set()).add(root.key)
        for name, _ in desktop.finder.mined_topics(person_id, limit=8):
            if name in threads:
                assert len(threads[name]) >= 2, (username, name)
