"""Replies are named after their thread where a title is expected, never "(untitled)"."""

from __future__ import annotations

from kshare.client.labels import title_of

ROWS = {
    "q": {"id": "q", "kind": "question", "title": "How do we rotate keys?", "parent_id": None},
    "a": {"id": "a", "kind": "answer", "title": "", "parent_id": "q"},
}


def test_a_comment_is_named_after_the_question_it_is_on() -> None:
    comment = {"kind": "comment", "title": "", "parent_id": "q"}
    assert title_of(comment, ROWS) == "Comment on “How do we rotate keys?”"


def test_a_comment_on_an_answer_names_the_question_behind_the_answer() -> None:
    comment = {"kind": "comment", "title": "", "parent_id": "a"}
    assert title_of(comment, ROWS) == "Comment on an answer to “How do we rotate keys?”"


def test_an_answer_and_an_orphan_get_plain_labels() -> None:
    assert title_of(ROWS["a"], ROWS) == "How do we rotate keys?"  # shown under its question
    assert title_of({"kind": "comment", "title": "", "parent_id": "gone"}, ROWS) == "Comment"
    assert title_of({"kind": "post", "title": "Own title"}, ROWS) == "Own title"
