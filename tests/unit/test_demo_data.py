"""The demo content is data under resources/demo, checked when it is read."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kshare.demo_seed.data import People, read_yaml
from kshare.demo_seed.threads import DemoContentError, load_threads, parse_thread

SRC = Path(__file__).resolve().parents[2] / "src" / "kshare"

GOOD = """---
key: sre-pager-tips
kind: question
author: priya.raman
title: How do you keep the pager quiet at night?
tags: [on-call]
tone: howto
answers:
- author: kwame.mensah
  accepted: true
  body: Route warnings to a ticket queue, page only on symptoms.
---

We get paged for disk warnings at 3am. What do other teams do?
"""


def test_a_thread_file_becomes_a_thread_with_its_answers() -> None:
    thread = parse_thread(GOOD)
    assert thread.title == "How do you keep the pager quiet at night?"
    assert thread.body == "We get paged for disk warnings at 3am. What do other teams do?"
    assert thread.answers[0].accepted
    assert thread.audience == ("org",)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (GOOD.replace("kind: question", "kind: poem"), "kind"),
        (GOOD.replace("tone: howto\n", "tone: howto\nmood: sunny\n"), "mood"),
        (GOOD.replace("---\n\nWe get", "\nWe get"), "not closed"),
        (GOOD.replace("kind: question", "kind: post"), "only a question has answers"),
        (GOOD.split("---\n\n")[0] + "---\n\n", "no body"),
    ],
)
def test_a_malformed_thread_is_refused_naming_the_file(text: str, words: str) -> None:
    with pytest.raises(DemoContentError, match=words) as caught:
        parse_thread(text, source="threads/history/01-sre/001-pager.md")
    assert "001-pager.md" in str(caught.value)


def test_two_threads_with_one_key_are_refused(tmp_path: Path) -> None:
    (tmp_path / "01-sre").mkdir()
    for name in ("001-a.md", "002-b.md"):
        (tmp_path / "01-sre" / name).write_text(GOOD, encoding="utf-8")
    with pytest.raises(DemoContentError, match="share a key"):
        load_threads(tmp_path)


def test_a_person_without_a_username_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "people.yaml"
    path.write_text("people:\n- name: Ana\n", encoding="utf-8")
    with pytest.raises(DemoContentError, match="username"):
        read_yaml(path, People)


def test_no_python_file_holds_demo_prose() -> None:
    """The threads, people and comment templates live in resources/demo, not in code."""
    from kshare.demo_seed.chatter import TONES
    from kshare.demo_seed.data import people
    from kshare.demo_seed.threads import history_threads, open_question_threads

    threads = history_threads() + open_question_threads()
    phrases = {thread.title for thread in threads} | {thread.body[:60] for thread in threads}
    phrases |= {pool.writing[0] for pool in TONES.values()}
    phrases |= {f'"{entry.title}"' for entry in people().people if len(entry.title) > 20}
    sources = {path: path.read_text(encoding="utf-8") for path in SRC.rglob("*.py")}
    found = sorted(
        f"{path.relative_to(SRC)}: {phrase[:40]}"
        for path, text in sources.items()
        for phrase in phrases
        if phrase in text
    )
    assert found == []
    long_literals = [
        f"{path.relative_to(SRC)}:{line}"
        for path, text in sources.items()
        if "demo_seed" in path.parts
        for line in _long_literals(ast.parse(text), 120)
    ]
    assert long_literals == []


def _long_literals(tree: ast.AST, longest: int) -> list[int]:
    """Lines of string literals longer than ``longest`` that are not docstrings."""
    documented = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, documented)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and len(node.value) > longest
        and id(node) not in docstrings
    ]


def test_the_demo_prints_how_to_sign_in_as_someone_else(capsys: pytest.CaptureFixture[str]) -> None:
    from kshare.demo import _print_credentials
    from kshare.demo_seed import build_demo_org

    org = build_demo_org()
    _print_credentials(org, org.demo_user)
    out = capsys.readouterr().out
    assert "'demo-password'" in out
    assert "helena.marsh" in out and org.demo_user not in out
