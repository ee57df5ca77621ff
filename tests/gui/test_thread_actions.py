"""Acting on the answers and comments shown in a question's thread, without opening them
alone: comment, react, edit and delete your own. The workspace is an in-memory thread
that really changes, so the pane shows what the writes did."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QMessageBox

from kshare.client.views import ItemDetail, ItemSummary
from kshare.ui.detail_view import DetailPane
from kshare.ui.item_actions import CHANGED_MEANWHILE, ItemActions
from kshare.ui.operations import TaskRunner
from tests.gui.conftest import NOW

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

NAMES = {"u-ana": "Ana Souza", "u-priya": "Priya Raman", "u-kwame": "Kwame Mensah"}


@dataclass(frozen=True)
class Account:
    user_id: str
    username: str = "ana"


@dataclass
class Post:
    id: str
    kind: str
    author_id: str
    body: str
    parent_id: str | None = None
    title: str = ""
    version: int = 1
    reactions: set[tuple[str, str]] = field(default_factory=set)  # (person, emoji)
    order: int = 0
    accepted: bool = False


class Thread:
    """The workspace's reading and writing, over a few posts held in memory."""

    def __init__(self, me: str = "u-ana") -> None:
        self.account = Account(me)
        self.posts: dict[str, Post] = {}
        self._ids = itertools.count(1)
        self.writes: list[tuple[str, str]] = []

    def add(self, kind: str, author_id: str, body: str, parent_id: str | None = None) -> str:
        post_id = f"{kind}-{next(self._ids)}"
        self.posts[post_id] = Post(post_id, kind, author_id, body, parent_id, order=len(self.posts))
        return post_id

    def item(self, item_id: str) -> ItemDetail | None:
        post = self.posts.get(item_id)
        return self._detail(post, True) if post is not None else None

    def _detail(self, post: Post, children: bool) -> ItemDetail:
        kids = sorted(
            (p for p in self.posts.values() if p.parent_id == post.id), key=lambda p: p.order
        )
        counts: dict[str, int] = {}
        for _who, emoji in post.reactions:
            counts[emoji] = counts.get(emoji, 0) + 1
        return ItemDetail(
            summary=ItemSummary(
                id=post.id,
                kind=post.kind,
                title=post.title,
                author_id=post.author_id,
                author_name=NAMES[post.author_id],
                created_at=NOW + timedelta(minutes=post.order),
                updated_at=NOW + timedelta(minutes=post.order),
                is_accepted=post.accepted,
            ),
            body_markdown=post.body,
            body_html=f"<p>{post.body}</p>",
            audience_label="Everyone",
            can_edit=post.author_id == self.account.user_id,
            version=post.version,
            parent_id=post.parent_id,
            answers=tuple(self._detail(k, True) for k in kids if k.kind == "answer" and children),
            comments=tuple(
                self._detail(k, False) for k in kids if k.kind == "comment" and children
            ),
            reactions=tuple(sorted(counts.items())),
        )

    def publish(self, *, title, body, tags=(), audience=("org",), kind="post", parent_id=None):
        self.writes.append(("publish", kind))
        return self.add(kind, self.account.user_id, body, parent_id)

    def edit(self, item_id, *, title=None, body=None, tags=None) -> None:
        self.writes.append(("edit", item_id))
        post = self.posts[item_id]
        post.body = body if body is not None else post.body
        post.version += 1

    def delete(self, item_id: str) -> None:
        self.writes.append(("delete", item_id))
        for child in [p.id for p in self.posts.values() if p.parent_id == item_id]:
            self.delete(child)
        del self.posts[item_id]

    def accept_answer(self, answer_id: str) -> None:
        self.writes.append(("accept", answer_id))
        answer = self.posts[answer_id]
        question = self.posts[answer.parent_id or ""]
        assert question.author_id == self.account.user_id  # the workspace refuses others
        for post in self.posts.values():
            if post.parent_id == question.id:
                post.accepted = post.id == answer_id

    def react(self, item_id: str, emoji: str) -> str:
        self.writes.append(("react", item_id))
        self.posts[item_id].reactions.add((self.account.user_id, emoji))
        return f"reaction-{next(self._ids)}"

    def unreact(self, item_id: str, emoji: str) -> None:
        self.writes.append(("unreact", item_id))
        self.posts[item_id].reactions.discard((self.account.user_id, emoji))

    def my_reactions(self, item_id: str) -> frozenset[str]:
        post = self.posts.get(item_id)
        mine = {e for who, e in post.reactions if who == self.account.user_id} if post else set()
        return frozenset(mine)

    def attachment_path(self, item_id: str):
        return None


@pytest.fixture
def thread() -> Thread:
    """Priya asks; Ana (the viewer) and Kwame answer; Kwame comments on the question."""
    made = Thread()
    made.question = made.add("question", "u-priya", "Why does the checkout pod restart?")
    made.mine = made.add("answer", "u-ana", "The nightly backup starves it.", made.question)
    made.theirs = made.add("answer", "u-kwame", "Check the liveness probe.", made.question)
    made.remark = made.add("comment", "u-kwame", "Happens on staging too.", made.question)
    return made


def open_pane(qtbot, thread: Thread, runner: TaskRunner, *, writer: bool = True) -> DetailPane:
    pane = DetailPane(thread, runner, writer=thread if writer else None)
    qtbot.addWidget(pane)
    pane.resize(700, 900)
    pane.show()
    with qtbot.waitSignal(pane.item_shown):
        pane.show_item(thread.question)
    return pane


def links(pane: DetailPane) -> list[str]:
    """Every link in the text, in reading order."""
    found = []
    block = pane.browser.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            href = fragments.fragment().charFormat().anchorHref()
            if href and (not found or found[-1] != href):
                found.append(href)
            fragments += 1
        block = block.next()
    return found


def reply_links(pane: DetailPane, reply_id: str) -> set[str]:
    return {
        href.split("/")[1]
        for href in links(pane)
        if href.startswith("kshare:reply/") and href.endswith(f"/{reply_id}")
    }


def act(qtbot, pane: DetailPane, action: str, reply_id: str) -> None:
    """Click a link in a reply's metadata line (the browser hands clicks over this way)."""
    assert action in reply_links(pane, reply_id), f"{action} is not offered on {reply_id}"
    pane.browser.anchorClicked.emit(QUrl(f"kshare:reply/{action}/{reply_id}"))


def actions_of(pane: DetailPane) -> ItemActions:
    assert pane.item_actions is not None
    return pane.item_actions


def test_each_reply_offers_what_fits_it(qtbot, thread: Thread, runner):
    pane = open_pane(qtbot, thread, runner)
    assert reply_links(pane, thread.mine) == {"comment", "react", "edit", "delete"}
    assert reply_links(pane, thread.theirs) == {"comment", "react"}  # not Ana's to change
    assert reply_links(pane, thread.remark) == {"react"}  # comments take no comments
    assert not any("accept" in href for href in links(pane))  # only the asker accepts
    assert f"kshare:item/{thread.mine}" in links(pane)  # "Open" is still there


def test_a_pane_that_only_reads_offers_no_actions_on_replies(qtbot, thread: Thread, runner):
    pane = open_pane(qtbot, thread, runner, writer=False)
    assert not [href for href in links(pane) if href.startswith("kshare:reply/")]
    pane.browser.anchorClicked.emit(QUrl(f"kshare:reply/delete/{thread.mine}"))
    assert thread.writes == []


def test_commenting_on_an_answer_shows_the_comment_under_it(qtbot, thread: Thread, runner):
    pane = open_pane(qtbot, thread, runner)
    actions = actions_of(pane)
    act(qtbot, pane, "comment", thread.theirs)
    editor = actions.editor
    assert editor.isVisibleTo(pane)
    assert editor.heading.text() == "Your comment on Kwame Mensah's answer"
    assert not editor.title.isVisibleTo(pane)
    qtbot.keyClicks(editor.body, "Which probe timeout do you use?")
    with qtbot.waitSignal(pane.item_shown):
        qtbot.mouseClick(editor.submit_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisibleTo(pane)
    [comment] = [p for p in thread.posts.values() if p.body.startswith("Which probe")]
    assert comment.kind == "comment" and comment.parent_id == thread.theirs
    text = pane.browser.toPlainText()
    # Shown in the thread, under the answer it belongs to and before the question's comments.
    assert text.index("Check the liveness probe.") < text.index("Which probe timeout")
    assert text.index("Which probe timeout") < text.index("Happens on staging too.")
    assert pane.item_id == thread.question
    assert reply_links(pane, comment.id) == {"react", "edit", "delete"}


def test_editing_your_answer_in_the_thread(qtbot, thread: Thread, runner):
    pane = open_pane(qtbot, thread, runner)
    actions = actions_of(pane)
    act(qtbot, pane, "edit", thread.mine)
    editor = actions.editor
    assert editor.heading.text() == "Edit your answer"
    assert editor.body.toPlainText() == "The nightly backup starves it."
    assert not editor.title.isVisibleTo(pane) and not editor.tags.isVisibleTo(pane)
    editor.body.setPlainText("The nightly backup job starves it of memory.")
    with qtbot.waitSignal(pane.item_shown):
        qtbot.mouseClick(editor.submit_button, Qt.MouseButton.LeftButton)
    assert thread.posts[thread.mine].body == "The nightly backup job starves it of memory."
    assert thread.posts[thread.mine].version == 2
    assert "starves it of memory" in pane.browser.toPlainText()
    assert pane.item_id == thread.question


def test_an_answer_changed_meanwhile_is_not_silently_replaced(qtbot, thread: Thread, runner):
    pane = open_pane(qtbot, thread, runner)
    actions = actions_of(pane)
    act(qtbot, pane, "edit", thread.mine)
    actions.editor.body.setPlainText("Mine, from this desktop.")
    # Ana's laptop changed the same answer, and a sync brought it here.
    thread.posts[thread.mine].body = "Mine, from the laptop."
    thread.posts[thread.mine].version = 2

    qtbot.mouseClick(actions.editor.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not actions.editor.error.isHidden())
    assert actions.editor.error.text() == CHANGED_MEANWHILE
    assert thread.posts[thread.mine].body == "Mine, from the laptop."
    assert ("edit", thread.mine) not in thread.writes

    with qtbot.waitSignal(pane.written):
        qtbot.mouseClick(actions.editor.submit_button, Qt.MouseButton.LeftButton)  # knowingly
    assert thread.posts[thread.mine].body == "Mine, from this desktop."


def confirm_box(qtbot, actions: ItemActions) -> QMessageBox:
    qtbot.waitUntil(lambda: actions.findChild(QMessageBox, "confirmDelete") is not None)
    box = actions.findChild(QMessageBox, "confirmDelete")
    assert box is not None
    return box


def press(box: QMessageBox, text: str) -> None:
    [button] = [b for b in box.buttons() if b.text().replace("&", "") == text]
    button.click()


def test_deleting_your_answer_asks_first_and_keeps_the_question_open(qtbot, thread: Thread, runner):
    comment = thread.add("comment", "u-priya", "Thanks, trying it.", thread.mine)
    pane = open_pane(qtbot, thread, runner)
    actions = actions_of(pane)
    act(qtbot, pane, "delete", thread.mine)
    box = confirm_box(qtbot, actions)
    assert box.text() == "Delete this answer?"
    press(box, "Cancel")
    qtbot.waitUntil(lambda: actions.findChild(QMessageBox, "confirmDelete") is None)
    assert thread.mine in thread.posts and thread.writes == []

    act(qtbot, pane, "delete", thread.mine)
    with qtbot.waitSignal(pane.item_shown):
        press(confirm_box(qtbot, actions), "Delete")
    assert thread.mine not in thread.posts and comment not in thread.posts
    assert pane.item_id == thread.question
    text = pane.browser.toPlainText()
    assert "nightly backup" not in text and "Thanks, trying it." not in text
    assert "Check the liveness probe." in text and "1 ANSWER" in text


def test_deleting_a_reply_keeps_a_draft_written_for_another(qtbot, thread: Thread, runner):
    pane = open_pane(qtbot, thread, runner)
    actions = actions_of(pane)
    act(qtbot, pane, "comment", thread.theirs)
    qtbot.keyClicks(actions.editor.body, "Half-written question")
    act(qtbot, pane, "delete", thread.mine)
    with qtbot.waitSignal(pane.item_shown):
        press(confirm_box(qtbot, actions), "Delete")
    assert actions.editor.isVisibleTo(pane)
    assert actions.editor.item_id == thread.theirs
    assert actions.editor.body.toPlainText() == "Half-written question"


def test_a_draft_for_a_reply_survives_reading_another_item(qtbot, thread: Thread, runner):
    elsewhere = thread.add("post", "u-kwame", "Lunch on Thursday.")
    pane = open_pane(qtbot, thread, runner)
    actions = actions_of(pane)
    act(qtbot, pane, "comment", thread.theirs)
    qtbot.keyClicks(actions.editor.body, "Which timeout?")
    with qtbot.waitSignal(pane.item_shown):
        pane.show_item(elsewhere)
    assert not actions.editor.isVisibleTo(pane)
    with qtbot.waitSignal(pane.item_shown):
        pane.show_item(thread.question)
    assert actions.editor.isVisibleTo(pane) and actions.editor.item_id == thread.theirs
    assert actions.editor.body.toPlainText() == "Which timeout?"
    assert actions.editor.heading.text() == "Your comment on Kwame Mensah's answer"


# The offscreen platform cannot raise a popup or let it grab the keyboard.
@pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise", "does not support grabbing"
)
def test_reacting_to_an_answer_uses_the_same_reaction_bar(qtbot, thread: Thread, runner):
    thread.posts[thread.theirs].reactions.add(("u-priya", "👍"))
    pane = open_pane(qtbot, thread, runner)
    actions = actions_of(pane)
    assert "👍 1" in pane.browser.toPlainText()
    act(qtbot, pane, "react", thread.theirs)
    popup = actions.reaction_popup
    qtbot.waitUntil(popup.isVisible)
    thumbs = actions.reply_reactions.buttons["👍"]
    assert thumbs.text() == "👍 1" and not thumbs.isChecked()
    with qtbot.waitSignal(pane.item_shown):
        qtbot.mouseClick(thumbs, Qt.MouseButton.LeftButton)
    assert not popup.isVisible()
    assert thread.my_reactions(thread.theirs) == frozenset({"👍"})
    assert thread.my_reactions(thread.question) == frozenset()  # not the question's
    assert "👍 2" in pane.browser.toPlainText()

    act(qtbot, pane, "react", thread.theirs)
    qtbot.waitUntil(popup.isVisible)
    assert thumbs.isChecked() and thumbs.text() == "👍 2"
    with qtbot.waitSignal(pane.item_shown):
        qtbot.mouseClick(thumbs, Qt.MouseButton.LeftButton)
    assert thread.my_reactions(thread.theirs) == frozenset()
    assert "👍 1" in pane.browser.toPlainText()


def test_the_items_own_actions_still_act_on_the_item(qtbot, thread: Thread, runner):
    pane = open_pane(qtbot, thread, runner)
    actions = actions_of(pane)
    act(qtbot, pane, "comment", thread.theirs)
    qtbot.keyClicks(actions.editor.body, "Kept for later")
    qtbot.mouseClick(actions.answer_button, Qt.MouseButton.LeftButton)
    assert actions.editor.item_id == thread.question
    assert actions.editor.heading.text() == "Your answer"
    qtbot.keyClicks(actions.editor.body, "Raise the memory limit.")
    with qtbot.waitSignal(pane.item_shown):
        qtbot.mouseClick(actions.editor.submit_button, Qt.MouseButton.LeftButton)
    [answer] = [p for p in thread.posts.values() if p.body == "Raise the memory limit."]
    assert answer.kind == "answer" and answer.parent_id == thread.question
    # The comment begun on Kwame's answer was kept aside, not lost.
    act(qtbot, pane, "comment", thread.theirs)
    assert actions.editor.body.toPlainText() == "Kept for later"


def test_the_asker_accepts_an_answer_from_the_thread(qtbot, thread: Thread, runner):
    thread.account = Account("u-priya", "priya")  # Priya asked the question
    pane = open_pane(qtbot, thread, runner)
    assert "accept" in reply_links(pane, thread.mine)
    assert "accept" in reply_links(pane, thread.theirs)
    assert "accept" not in reply_links(pane, thread.remark)  # a comment is no answer
    with qtbot.waitSignal(pane.item_shown):
        act(qtbot, pane, "accept", thread.theirs)
    assert thread.writes == [("accept", thread.theirs)]
    assert "✓ Accepted answer" in pane.browser.toPlainText()
    assert "accept" not in reply_links(pane, thread.theirs)  # already the accepted one
    with qtbot.waitSignal(pane.item_shown):
        act(qtbot, pane, "accept", thread.mine)  # changing one's mind moves the mark
    assert thread.posts[thread.mine].accepted and not thread.posts[thread.theirs].accepted
    assert "accept" in reply_links(pane, thread.theirs)
    assert pane.browser.toPlainText().count("✓ Accepted answer") == 1
