"""The reading pane: one item, its answers and comments, with no remote loads.

Below the title sit the actions a person may take on it (see
:mod:`kshare.ui.item_actions`), and each answer and comment in the thread
carries its own as links in its metadata line; after one of them the pane
shows the item again from the cache, where the change already is, marked as
waiting to sync.

``body_html`` comes from the façade rendered and sanitized, but it may still
name remote images; :class:`SafeTextBrowser` refuses every resource that is
not inline (``data:``), so opening a post never tells a third party that it
was read. Links open in the system browser only when clicked.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QMetaMethod, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QColor, QCursor, QDesktopServices, QImage, QPainter, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kshare.client.views import Expert, ItemDetail
from kshare.ui import theme
from kshare.ui.audience_options import audience_line
from kshare.ui.follow_buttons import FollowButton, FollowSource
from kshare.ui.i18n import phrase_text
from kshare.ui.item_actions import (
    REPLY_ACTIONS,
    ItemActions,
    ItemWriter,
    replies_of,
    reply_actions,
)
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.preview_pane import named
from kshare.ui.suggested_people import (
    SUGGESTED,
    SuggestedPeople,
    SuggestionSource,
    wants_suggestions,
)
from kshare.ui.text import QT_TRANSLATE_NOOP, counts, full_time, kind_label

if TYPE_CHECKING:
    from kshare.ui.document_panel import DocumentPanel, DocumentSource

log = logging.getLogger(__name__)

EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})
# kshare:item/<id> links between items, kshare:attachment to open a file,
# kshare:reply/<action>/<id> for what a person does to a reply in the thread
ITEM_SCHEME = "kshare"
EMPTY = QT_TRANSLATE_NOOP("DetailPane", "Select a post to read it here.")
GONE = QT_TRANSLATE_NOOP("DetailPane", "This item is no longer available to you.")
# Whose reply a reply's action links are about, by the reply's kind.
REPLY_OWNERS = {
    "answer": QT_TRANSLATE_NOOP("detail_view", "{author}'s answer"),
    "comment": QT_TRANSLATE_NOOP("detail_view", "{author}'s comment"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("detail_view", text)


BODY_CSS = """
body { font-size: 10.5pt; line-height: 140%; color: #1f2933; }
h1, h2, h3 { color: #1f2933; }
pre, code { font-family: monospace; background: #f5f7fa; }
blockquote { color: #52606d; }
a { color: #3461c1; }
.reply { margin-top: 14px; }
.reply-head { color: #616e7c; font-size: 9pt; }
.nested { margin-left: 22px; }
.reply-actions a { color: #52606d; text-decoration: none; }
.accepted { color: #1b7f4b; font-weight: 600; }
.section { color: #52606d; font-size: 9pt; font-weight: 600; margin-top: 22px; }
.pending { color: #8a5300; }
.attachment-note { color: #8a5300; font-size: 9pt; }
"""


class ItemSource(Protocol):
    def item(self, item_id: str) -> ItemDetail | None: ...


class SafeTextBrowser(QTextBrowser):
    """A QTextBrowser that never fetches anything and hands links to the caller."""

    item_link_clicked = Signal(str)
    mention_clicked = Signal(str)  # a username
    attachment_link_clicked = Signal()
    reply_action_clicked = Signal(str, str)  # action, reply id
    remote_resource_refused = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)  # we decide what a click does
        self.setOpenExternalLinks(False)
        self.refused: list[QUrl] = []
        self.anchorClicked.connect(self._on_self_anchor_clicked)
        self.document().setDefaultStyleSheet(theme.current().css(BODY_CSS))

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        url = QUrl(url)
        if url.scheme() == "data":
            return super().loadResource(kind, url)
        # Remote and local files alike are refused: remote loads leak reading
        # habits, and a post has no business reading this computer's files.
        if url not in self.refused:
            log.debug("refused to load %s", url.toDisplayString())
            self.refused.append(url)
            self.remote_resource_refused.emit(url)
        return None

    def show_html(self, body: str) -> None:
        self.refused = []
        # The theme may have changed since the last item: its colours apply from here.
        self.document().setDefaultStyleSheet(theme.current().css(BODY_CSS))
        self.setHtml(body)
        # Ask for every image now rather than at the first paint, so the notice
        # is right at once, and put a placeholder in place of each refused one.
        document = self.document()
        for name in _image_names(document):
            url = QUrl(name)
            if self.loadResource(QTextDocument.ResourceType.ImageResource, url) is None:
                document.addResource(
                    QTextDocument.ResourceType.ImageResource, url, _placeholder(theme.current())
                )

    @Slot(QUrl)
    def _on_self_anchor_clicked(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if scheme == ITEM_SCHEME and url.path().startswith("item/"):
            self.item_link_clicked.emit(url.path()[len("item/") :])
        elif scheme == ITEM_SCHEME and url.path().startswith("person/"):
            self.mention_clicked.emit(url.path()[len("person/") :])
        elif scheme == ITEM_SCHEME and url.path() == "attachment":
            self.attachment_link_clicked.emit()
        elif scheme == ITEM_SCHEME and url.path().startswith("reply/"):
            action, _, reply_id = url.path()[len("reply/") :].partition("/")
            if action in REPLY_ACTIONS and reply_id:
                self.reply_action_clicked.emit(action, reply_id)
        elif scheme in EXTERNAL_SCHEMES:
            QDesktopServices.openUrl(url)
        else:
            log.info("ignored a link with scheme %r", scheme)


def tab_after(before: QWidget, late: QWidget) -> None:
    """Put the focusable widgets of ``late``, added to a shown window, right after ``before``
    in the tab order (a widget added late joins the end of the window's chain)."""
    inside: list[QWidget] = []
    widget = late.nextInFocusChain()
    while widget is not None and widget is not late and late.isAncestorOf(widget):
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
            inside.append(widget)
        widget = widget.nextInFocusChain()
    previous = before
    for focusable in inside:
        QWidget.setTabOrder(previous, focusable)
        previous = focusable


def _image_names(document: QTextDocument) -> list[str]:
    names: list[str] = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            text_format = fragment.charFormat()
            if text_format.isImageFormat():
                names.append(text_format.toImageFormat().name())
            iterator += 1
        block = block.next()
    return names


@cache
def _placeholder(look: theme.Theme) -> QImage:
    """What stands where a remote image would have been."""
    image = QImage(220, 44, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(look.color("#cbd2d9"))
    painter.setBrush(look.color("#f5f7fa"))
    painter.drawRoundedRect(image.rect().adjusted(0, 0, -1, -1), 6, 6)
    painter.setPen(look.color("#7b8794"))
    painter.drawText(
        image.rect(),
        Qt.AlignmentFlag.AlignCenter,
        QCoreApplication.translate("detail_view", "Remote image not loaded"),
    )
    painter.end()
    return image


ReplyLinks = Callable[[ItemDetail], str]  # the action links after a reply's "Open"


def reply_links_html(
    reply: ItemDetail,
    account: object,
    mine: Mapping[str, frozenset[str]],
    thread: ItemDetail | None = None,
) -> str:
    """A reply's reactions and what the reader may do to it, for its metadata line."""
    reply_id = html.escape(reply.summary.id)
    own = mine.get(reply.summary.id, frozenset())
    counts = " ".join(
        f"<b>{html.escape(e)} {n}</b>" if e in own else f"{html.escape(e)} {n}"
        for e, n in reply.reactions
    )
    kind = reply.summary.kind
    owner = _tr(REPLY_OWNERS[kind]) if kind in REPLY_OWNERS else "{author}'s " + kind
    what = html.escape(owner.format(author=reply.summary.author_name))
    links = [
        f'<a href="{ITEM_SCHEME}:reply/{action}/{reply_id}" title="{label} · {what}">{label}</a>'
        for action, label in reply_actions(reply, account, thread)
    ]
    return "".join(f" · {part}" for part in (counts, *links) if part)


def _reply_html(
    reply: ItemDetail, heading: str, links: ReplyLinks | None, nested: bool = False
) -> str:
    who = html.escape(reply.summary.author_name)
    when = html.escape(full_time(reply.summary.created_at))
    accepted_text = html.escape(QCoreApplication.translate("detail_view", "✓ Accepted answer"))
    accepted = (
        f' · <span class="accepted">{accepted_text}</span>' if reply.summary.is_accepted else ""
    )
    pending_text = html.escape(QCoreApplication.translate("detail_view", "Waiting to sync"))
    pending = f' · <span class="pending">{pending_text}</span>' if reply.pending else ""
    open_text = html.escape(QCoreApplication.translate("detail_view", "Open"))
    link = f'<a href="{ITEM_SCHEME}:item/{html.escape(reply.summary.id)}">{open_text}</a>'
    actions = f'<span class="reply-actions">{links(reply)}</span>' if links else ""
    # An answer's own comments follow it, indented.
    below = "".join(_reply_html(c, "", links, nested=True) for c in reply.comments)
    classes = "reply nested" if nested else "reply"
    return (
        f'<div class="{classes}"><div class="reply-head">{heading} {who} · {when}{accepted}'
        f"{pending} · {link}{actions}</div>{reply.body_html}</div>{below}"
    )


def detail_html(detail: ItemDetail, links: ReplyLinks | None = None) -> str:
    """The item's text and its thread; ``links`` adds each reply's actions."""
    parts = [detail.body_html]
    if detail.attachment_name:
        name = html.escape(detail.attachment_name)
        parts.append(f'<p>📎 <a href="{ITEM_SCHEME}:attachment">{name}</a></p>')
        if detail.attachment_note:  # "too large to index", "damaged": not in search results
            note = html.escape(detail.attachment_note)
            parts.append(f'<p class="attachment-note">{note}</p>')
    if detail.answers:
        answers = html.escape(counts().answers(len(detail.answers)))
        parts.append(f'<p class="section">{answers}</p>')
        answered_by = html.escape(QCoreApplication.translate("detail_view", "Answered by"))
        parts += [_reply_html(a, answered_by, links) for a in detail.answers]
    if detail.comments:
        comments = html.escape(QCoreApplication.translate("detail_view", "COMMENTS"))
        parts.append(f'<p class="section">{comments}</p>')
        parts += [_reply_html(c, "", links) for c in detail.comments]
    return "\n".join(parts)


def meta_links(detail: ItemDetail) -> str:
    """Author, time, tags and groups of the reading pane, each name a link to its page."""
    summary = detail.summary

    def link(kind: str, ref: str, text: str) -> str:
        target = html.escape(f"{kind}:{bytes(QUrl.toPercentEncoding(ref).data()).decode()}")
        return f'<a href="{target}">{html.escape(text)}</a>'

    parts = [
        link("person", summary.author_id, summary.author_name),
        html.escape(full_time(summary.created_at)),
    ]
    if summary.tags:
        parts.append(" ".join(link("tag", t, f"#{t}") for t in summary.tags))
    groups = [a.partition(":")[2] for a in detail.audience.audience if a.startswith("group:")]
    if groups:
        in_groups = QCoreApplication.translate("detail_view", "in {groups}")
        parts.append(in_groups.format(groups=", ".join(link("group", g, g) for g in groups)))
    if detail.verification_note:
        parts.append(html.escape(phrase_text(detail.verification_phrase, detail.verification_note)))
    return " · ".join(parts)


def shown_ids(detail: ItemDetail) -> frozenset[str]:
    """The item and every reply on show: a sync that touches any of them redraws the pane."""
    ids = {detail.summary.id}
    for reply in (*detail.answers, *detail.comments):
        ids |= shown_ids(reply)
    return frozenset(ids)


class DetailPane(QWidget):
    item_link_clicked = Signal(str)
    person_link_clicked = Signal(str)
    item_shown = Signal(str)
    suggestions_shown = Signal(str, list)  # item id, the experts listed beside it
    written = Signal(str)  # the person changed this item here; the outbox will send it
    tag_link_clicked = Signal(str)
    group_link_clicked = Signal(str)  # a group's name
    collection_opened = Signal(str)  # a collection has a pane of its own, where connected

    def __init__(
        self,
        source: ItemSource,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        writer: ItemWriter | None = None,
        experts: SuggestionSource | None = None,
        documents: DocumentSource | None = None,
        follows: FollowSource | None = None,
    ):
        """Without a ``writer`` the pane only reads: no buttons, no reactions. With
        ``experts``, an unanswered question lists people who might know; with
        ``documents``, a document shows its versions and a preview of its file; with
        ``follows``, a question can be followed."""
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # let QSS paint it
        self._source = source
        self._runner = runner
        self._writer = writer
        self._item_id: str | None = None
        self._shown: frozenset[str] = frozenset()
        self._shown_item: str | None = None
        self._request = 0
        self._experts = experts
        self._suggest_request = 0

        self._stack = QStackedWidget(self)
        self._empty = QLabel(self.tr(EMPTY), alignment=Qt.AlignmentFlag.AlignCenter)
        self._empty.setObjectName("emptyState")
        self._empty.setWordWrap(True)

        page = QWidget()
        self._title = named(QLabel(wordWrap=True), "detailTitle")
        self._meta = named(QLabel(wordWrap=True), "detailMeta")
        self._meta.setTextFormat(Qt.TextFormat.RichText)
        self._meta.linkActivated.connect(self._on_meta_link_activated)
        self._kind = named(QLabel(), "audienceBadge")
        self._audience = named(QLabel(), "audienceBadge")
        self._pending = named(QLabel(self.tr("Waiting to sync")), "pendingBadge")
        self.follow_button = FollowButton(follows, runner)
        self.follow_button.hide()
        self._blocked = named(
            QLabel(
                self.tr("Remote images in this post were not loaded, to protect your privacy."),
                wordWrap=True,
            ),
            "blockedNotice",
        )
        self.browser = SafeTextBrowser()
        self.browser.setObjectName("detailBody")
        self.browser.setAccessibleName(self.tr("Reading pane"))
        self.browser.item_link_clicked.connect(self.item_link_clicked)
        self.browser.mention_clicked.connect(self._on_browser_mention_clicked)
        # Images are fetched while the text is laid out, after setHtml returns.
        self.browser.remote_resource_refused.connect(self._on_browser_remote_resource_refused)
        self.suggestions = SuggestedPeople()
        self.suggestions.person_clicked.connect(self.person_link_clicked)
        # The document panel (versions, preview) is built with the first document shown.
        self._documents = documents
        self.document_panel: DocumentPanel | None = None
        self.item_actions: ItemActions | None = None
        if writer is not None:
            self.item_actions = ItemActions(writer, runner)
            self.item_actions.written.connect(self._on_item_actions_written)
            self.item_actions.deleted.connect(self._on_item_actions_deleted)
            self.item_actions.parent_requested.connect(self.show_item)
            self.browser.attachment_link_clicked.connect(self.item_actions.open_attachment)
            self.browser.reply_action_clicked.connect(self._on_browser_reply_action_clicked)

        badges = QHBoxLayout()
        badges.setSpacing(6)
        for badge in (self._kind, self._audience, self._pending):
            badges.addWidget(badge)
        badges.addStretch(1)
        badges.addWidget(self.follow_button)
        layout = self._page_layout = QVBoxLayout(page)
        layout.setContentsMargins(28, 24, 28, 12)
        layout.setSpacing(8)
        layout.addLayout(badges)
        layout.addWidget(self._title)
        layout.addWidget(self._meta)
        layout.addWidget(self._blocked)
        if self.item_actions is not None:
            layout.addWidget(self.item_actions)
        layout.addSpacing(6)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.suggestions)
        if self.item_actions is not None:
            layout.addWidget(self.item_actions.reactions)
            layout.addWidget(self.item_actions.editor)

        self._stack.addWidget(self._empty)
        self._stack.addWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._stack)

    @property
    def item_id(self) -> str | None:
        return self._item_id

    def show_item(self, item_id: str) -> None:
        """Load an item off the GUI thread and show it; the newest request wins."""
        self._request += 1
        request = self._request
        self._item_id = item_id
        writer = self._writer

        def load() -> tuple[ItemDetail | None, frozenset[str], dict[str, frozenset[str]]]:
            detail = self._source.item(item_id)
            if writer is None or detail is None:
                return detail, frozenset(), {}
            replies = {r.summary.id: writer.my_reactions(r.summary.id) for r in replies_of(detail)}
            return detail, writer.my_reactions(item_id), replies

        self._runner.local(
            load,
            success=lambda loaded: self._on_item_loaded(request, item_id, *loaded),
            failure=lambda failure: self._on_item_failed(request, failure),
            label=QT_TRANSLATE_NOOP("TaskLabel", "opening the item"),
            owner=self,
        )

    def clear(self, message: str | None = None) -> None:
        """Show ``message`` (by default: select a post) in place of an item."""
        self._request += 1
        self._item_id = None
        self._shown = frozenset()
        self._shown_item = None
        self._drop_suggestions()
        self.follow_button.hide()
        if self.item_actions is not None:
            self.item_actions.clear()
        if self.document_panel is not None:
            self.document_panel.clear()
            self.document_panel.hide()
        self._empty.setText(self.tr(EMPTY) if message is None else message)
        self._stack.setCurrentIndex(0)

    def on_changes(self, changes: Any) -> None:
        """After a sync: reload the shown item if it changed, close it if it is gone."""
        if self._item_id is None:
            return
        if self._item_id in changes.removed_ids:
            self.clear(self.tr(GONE))
        elif self._shown & (changes.item_ids | changes.removed_ids):
            self.show_item(self._item_id)

    def reload_if_showing(self, item_id: str) -> None:
        """Show the item again if it, or one of its replies, is on show."""
        if self._item_id is not None and item_id in self._shown:
            self.show_item(self._item_id)

    def _on_item_loaded(
        self,
        request: int,
        item_id: str,
        detail: ItemDetail | None,
        mine: frozenset[str],
        reply_mine: dict[str, frozenset[str]],
    ) -> None:
        if request != self._request:
            return
        if detail is None:
            self.clear(self.tr(GONE))
            return
        summary = detail.summary
        if summary.kind == "collection" and self.isSignalConnected(
            QMetaMethod.fromSignal(self.collection_opened)
        ):
            self.clear()
            self.collection_opened.emit(item_id)
            return
        self._kind.setText(kind_label(summary.kind))
        account = self._writer.account if self._writer is not None else None
        is_author = account is not None and account.user_id == summary.author_id
        self._audience.setText(
            audience_line(
                detail.audience_label or summary.audience_label,
                detail.audience,
                is_author=is_author,
            )
        )
        self._audience.setVisible(bool(self._audience.text()))
        self._pending.setVisible(detail.pending)
        self._title.setText(summary.title)
        self._meta.setText(meta_links(detail))
        self._blocked.hide()
        same_item = self._shown_item == item_id
        self._show_follow(detail, same_item)
        scrolled = self.browser.verticalScrollBar().value()
        links: ReplyLinks | None = None
        if self._writer is not None:
            account = self._writer.account
            links = lambda reply: reply_links_html(reply, account, reply_mine, detail)  # noqa: E731
        self.browser.show_html(detail_html(detail, links))
        self._shown = shown_ids(detail)
        self._shown_item = item_id
        if self.item_actions is not None:
            self.item_actions.set_item(detail, mine, reply_mine)
        self._suggest_for(detail, same_item)
        self._show_document(detail)
        self._stack.setCurrentIndex(1)
        # Shown again after a change: stay where the reader was.
        self.browser.verticalScrollBar().setValue(scrolled if same_item else 0)
        self.item_shown.emit(item_id)

    @Slot(str)
    def _on_meta_link_activated(self, link: str) -> None:
        kind, _, ref = link.partition(":")
        ref = QUrl.fromPercentEncoding(ref.encode())
        if kind == "person":
            self.person_link_clicked.emit(ref)
        elif kind == "tag":
            self.tag_link_clicked.emit(ref)
        elif kind == "group":
            self.group_link_clicked.emit(ref)

    def _show_follow(self, detail: ItemDetail, same_item: bool) -> None:
        """A question can be followed: its answers and comments then reach the Inbox."""
        question = detail.summary.kind == "question" and self.follow_button.can_follow
        if question and (not same_item or self.follow_button.target != detail.summary.id):
            self.follow_button.bind("question", detail.summary.id, f"“{detail.summary.title}”")
        self.follow_button.setVisible(question)

    def _document_panel(self) -> DocumentPanel | None:
        """The panel, built on first use below the body; None without a documents source."""
        if self.document_panel is None and self._documents is not None:
            from kshare.ui.document_panel import DocumentPanel

            self.document_panel = DocumentPanel(self._documents, self._runner)
            layout = self._page_layout
            layout.insertWidget(layout.indexOf(self.suggestions), self.document_panel, 3)
            tab_after(self.browser, self.document_panel)
        return self.document_panel

    def _show_document(self, detail: ItemDetail) -> None:
        if detail.summary.kind == "document" and detail.attachment_name:
            panel = self._document_panel()
            if panel is None:
                return
            panel.show()
            panel.show_document(detail.summary.id)
        elif self.document_panel is not None:
            self.document_panel.clear()
            self.document_panel.hide()

    # -- people who might know --------------------------------------------------------

    def _suggest_for(self, detail: ItemDetail, same_item: bool) -> None:
        """Ask the expert finder, off the GUI thread, who could answer this question."""
        if self._experts is None or not wants_suggestions(detail):
            self._drop_suggestions()
            return
        if not same_item:
            self._drop_suggestions()  # another question's people must not linger
        self._suggest_request += 1
        request = self._suggest_request
        item_id = detail.summary.id
        experts = self._experts
        self._runner.local(
            lambda: experts.suggested_experts(item_id, limit=SUGGESTED),
            success=lambda found: self._on_suggestions_loaded(request, item_id, found),
            failure=lambda failure: self._on_suggestions_failed(request, item_id, failure),
            label=QT_TRANSLATE_NOOP("TaskLabel", "finding people who might know"),
            owner=self,
        )

    def _drop_suggestions(self) -> None:
        self._suggest_request += 1  # a late answer for an earlier item is ignored
        self.suggestions.clear()

    def _current_suggestion(self, request: int, item_id: str) -> bool:
        return request == self._suggest_request and self._item_id == self._shown_item == item_id

    def _on_suggestions_loaded(self, request: int, item_id: str, experts: list[Expert]) -> None:
        if not self._current_suggestion(request, item_id):
            log.debug("dropping suggestions for %s: no longer shown", item_id)
            return
        self.suggestions.set_experts(experts)
        self.suggestions_shown.emit(item_id, list(self.suggestions.experts))

    def _on_suggestions_failed(self, request: int, item_id: str, failure: Failure) -> None:
        if self._current_suggestion(request, item_id):
            self.suggestions.show_failure(failure)

    @Slot(str)
    def _on_item_actions_written(self, item_id: str) -> None:
        if self._item_id is not None:
            self.show_item(self._item_id)
        self.written.emit(item_id)

    @Slot(str)
    def _on_item_actions_deleted(self, item_id: str) -> None:
        if item_id == self._item_id:
            self.clear(self.tr("Deleted. It disappears for everyone at the next sync."))
        elif self._item_id is not None:
            self.show_item(self._item_id)
        self.written.emit(item_id)

    @Slot(str, str)
    def _on_browser_reply_action_clicked(self, action: str, reply_id: str) -> None:
        if self.item_actions is not None:
            self.item_actions.act_on_reply(action, reply_id, QCursor.pos())

    @Slot(str)
    def _on_browser_mention_clicked(self, username: str) -> None:
        notes = getattr(self._source, "notifications", None)
        if notes is None:
            return

        def found(person_id: object) -> None:
            if person_id:
                self.person_link_clicked.emit(str(person_id))

        self._runner.local(
            lambda: notes.person_id(username),
            success=found,
            label=QT_TRANSLATE_NOOP("TaskLabel", "finding the person mentioned"),
            owner=self,
        )

    @Slot(QUrl)
    def _on_browser_remote_resource_refused(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https"):
            self._blocked.show()

    def _on_item_failed(self, request: int, failure: Failure) -> None:
        if request == self._request:
            self.clear(failure.message)
