"""Groups: find the teams and communities one may join, join or ask, leave, answer requests.

Everything here is asked of the server when the page is shown (membership is
never guessed from the cache), off the GUI thread. A change that lets content
in or takes it away emits :attr:`GroupsPage.membership_changed`, so the window
syncs and the group's posts arrive or leave.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kshare.client.groups import standing_phrase
from kshare.client.views import GroupView, JoinRequestView
from kshare.ui.card_list import card_list
from kshare.ui.confirm import ask_to_confirm
from kshare.ui.i18n import phrase_text
from kshare.ui.join_requests_dialog import JoinRequestsDialog
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.preview_pane import named
from kshare.ui.text import QT_TRANSLATE_NOOP, counts

log = logging.getLogger(__name__)

# Translated where they are shown (context groups_page).
EMPTY = QT_TRANSLATE_NOOP("groups_page", "No groups you may join yet.")
LOADING = QT_TRANSLATE_NOOP("groups_page", "Asking the server for groups…")
KIND_LABELS = {
    "team": QT_TRANSLATE_NOOP("groups_page", "Team"),
    "department": QT_TRANSLATE_NOOP("groups_page", "Department"),
    "community": QT_TRANSLATE_NOOP("groups_page", "Community"),
}
VISIBILITY_LABELS = {
    "open": QT_TRANSLATE_NOOP("groups_page", "Open: anyone may join"),
    "closed": QT_TRANSLATE_NOOP("groups_page", "Closed: an owner approves who joins"),
    "secret": QT_TRANSLATE_NOOP("groups_page", "Secret: members only"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("groups_page", text)


class GroupSource(Protocol):
    def groups(self) -> list[GroupView]: ...
    def join_group(self, group_id: str) -> GroupView: ...
    def leave_group(self, group_id: str) -> None: ...
    def join_requests(self, group_id: str) -> list[JoinRequestView]: ...
    def approve_request(self, group_id: str, person_id: str) -> None: ...
    def decline_request(self, group_id: str, person_id: str) -> None: ...


@dataclass(frozen=True)
class GroupRow:
    """A group as the page shows it: the listing and, for its owners, the waiting requests."""

    group: GroupView
    pending_requests: int = 0


def load_groups(source: GroupSource) -> list[GroupRow]:
    """The groups, and how many requests wait in each one the person owns (a worker calls it)."""
    rows: list[GroupRow] = []
    for group in source.groups():
        waiting = 0
        if group.is_owner and group.visibility != "secret":
            counted = group.pending_requests
            # a server that does not count them: ask for the list
            waiting = len(source.join_requests(group.id)) if counted is None else counted
        rows.append(GroupRow(group, waiting))
    return rows


def facts_line(group: GroupView) -> str:
    """ "Team · Closed: an owner approves who joins · 12 members"."""
    members = counts().members(group.member_count)
    kind = _tr(KIND_LABELS[group.kind]) if group.kind in KIND_LABELS else group.kind.capitalize()
    visibility = VISIBILITY_LABELS.get(group.visibility)
    return " · ".join((kind, _tr(visibility) if visibility else group.visibility, members))


class GroupCard(QFrame):
    """One group: what it is, where the person stands, and what they can do."""

    def __init__(self, row: GroupRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("groupCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        group = self.group = row.group
        name = group.name
        self.name = named(QLabel(name, wordWrap=True), "groupName")
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        font = self.name.font()
        font.setBold(True)
        self.name.setFont(font)
        self.standing = named(QLabel(phrase_text(standing_phrase(group))), "groupStanding")
        self.standing.setVisible(bool(self.standing.text()))
        head = QHBoxLayout()
        head.addWidget(self.name, 1)
        head.addWidget(self.standing)
        self.facts = named(QLabel(facts_line(group), wordWrap=True), "hint")
        self.description = named(QLabel(group.description, wordWrap=True), "groupDescription")
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setVisible(bool(group.description.strip()))

        def button(text: str, object_name: str, accessible: str) -> QPushButton:
            made = named(QPushButton(text), object_name)
            made.setAccessibleName(accessible.format(group=name))
            return made

        self.join_button = button(self.tr("Join"), "joinButton", self.tr("Join {group}"))
        self.ask_button = button(
            self.tr("Ask to join"), "askButton", self.tr("Ask the owners of {group} to join")
        )
        self.withdraw_button = button(
            self.tr("Withdraw request"),
            "withdrawButton",
            self.tr("Withdraw your request to join {group}"),
        )
        self.leave_button = button(self.tr("Leave"), "leaveButton", self.tr("Leave {group}"))
        waiting = row.pending_requests
        self.requests_button = button(
            self.tr("Requests ({count})").format(count=waiting),
            "requestsButton",
            counts().join_requests("{group}", waiting),
        )
        outside = not group.is_member
        self.join_button.setVisible(outside and group.visibility == "open")
        self.ask_button.setVisible(
            outside and group.visibility == "closed" and not group.request_pending
        )
        self.withdraw_button.setVisible(outside and group.request_pending)
        self.leave_button.setVisible(group.is_member)
        self.requests_button.setVisible(group.is_owner and waiting > 0)
        self.buttons = (
            self.requests_button,
            self.withdraw_button,
            self.join_button,
            self.ask_button,
            self.leave_button,
        )
        self.open_button = button(
            self.tr("Open"), "openGroupButton", self.tr("Open the page of {group}")
        )
        actions = QHBoxLayout()
        actions.addWidget(self.open_button)
        actions.addStretch(1)
        for each in self.buttons:
            actions.addWidget(each)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.facts)
        layout.addWidget(self.description)
        layout.addLayout(actions)

    def set_busy(self, busy: bool) -> None:
        for each in self.buttons:
            each.setEnabled(not busy)


class GroupsPage(QWidget):
    membership_changed = Signal(str)  # group id: the person joined or left; sync to follow
    groups_shown = Signal(int)  # how many groups the page lists now
    failed = Signal(str)  # a message shown in place of the list or above it
    group_opened = Signal(str)  # group id: show its page

    def __init__(self, source: GroupSource, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._source = source
        self._runner = runner
        self._request = 0
        self.cards: dict[str, GroupCard] = {}
        self.requests_dialog: JoinRequestsDialog | None = None

        title = named(QLabel(self.tr("Groups")), "pageTitle")
        self.refresh_button = named(QPushButton(self.tr("Refresh")), "link")
        self.refresh_button.setAccessibleName(self.tr("Refresh the list of groups"))
        self.refresh_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.refresh_button.clicked.connect(self._on_refresh_button_clicked)
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(self.refresh_button)
        subtitle = named(
            QLabel(
                self.tr(
                    "Teams, departments and communities. Joining one shows you what its "
                    "members share, after the next sync; leaving removes it from this computer."
                ),
                wordWrap=True,
            ),
            "pageSubtitle",
        )
        self.status = named(QLabel(wordWrap=True), "pageSubtitle")
        self.error = named(QLabel(wordWrap=True), "errorText")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        self.empty = named(QLabel(_tr(EMPTY), wordWrap=True), "emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()

        scroll, self._body, self._list = card_list(
            "groupList", spacing=8, body_name="groupListBody"
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addLayout(heading)
        layout.addWidget(subtitle)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(self.empty)
        layout.addWidget(scroll, 1)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # membership lives on the server: ask each time the page is shown

    def on_sync_finished(self, _report: Any = None) -> None:
        """A sync may bring new groups or an owner's answer: list again if on show."""
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Ask the server for the groups, off the GUI thread; a later call wins."""
        self._request += 1
        request = self._request
        if not self.cards:
            self.status.setText(_tr(LOADING))
        self._runner.network(
            lambda: load_groups(self._source),
            success=lambda rows: self._on_groups_loaded(request, rows),
            failure=lambda failure: self._on_groups_failed(request, failure),
            label=QT_TRANSLATE_NOOP("TaskLabel", "listing groups"),
            owner=self,
        )

    def card(self, name: str) -> GroupCard | None:
        return next((c for c in self.cards.values() if c.group.name == name), None)

    # -- results ------------------------------------------------------------

    def _on_groups_loaded(self, request: int, rows: list[GroupRow]) -> None:
        if request != self._request:
            return
        self.error.hide()
        for card in self.cards.values():
            card.deleteLater()
        self.cards = {}
        for position, row in enumerate(rows):
            card = GroupCard(row, self._body)
            group = row.group
            card.open_button.clicked.connect(lambda _c=False, g=group: self.group_opened.emit(g.id))
            card.join_button.clicked.connect(lambda _c=False, g=group: self._join(g))
            card.ask_button.clicked.connect(lambda _c=False, g=group: self._join(g))
            card.withdraw_button.clicked.connect(lambda _c=False, g=group: self._leave(g))
            card.leave_button.clicked.connect(lambda _c=False, g=group: self._confirm_leave(g))
            card.requests_button.clicked.connect(
                lambda _c=False, g=group: self.open_requests(g.id, g.name)
            )
            self._list.insertWidget(position, card)
            card.show()
            self.cards[group.id] = card
        mine = sum(1 for r in rows if r.group.is_member)
        listed = counts().groups(len(rows))
        status = self.tr("{groups}; you are in {mine}.").format(groups=listed, mine=mine)
        self.status.setText(status if rows else "")
        self.empty.setVisible(not rows)
        self.groups_shown.emit(len(rows))

    def _on_groups_failed(self, request: int, failure: Failure) -> None:
        if request != self._request:
            return
        self.status.setText("" if self.cards else self.tr("Groups could not be listed."))
        self._show_failure(failure)

    def _show_failure(self, failure: Failure) -> None:
        self.error.setText(failure.message)
        self.error.setToolTip("" if failure.user_facing else failure.details)
        self.error.show()
        self.failed.emit(failure.message)

    # -- actions ------------------------------------------------------------

    def _join(self, group: GroupView) -> None:
        self._act(
            group,
            lambda: self._source.join_group(group.id),
            QT_TRANSLATE_NOOP("TaskLabel", "joining the group"),
            lambda joined: self._after_join(group, joined),
        )

    def _after_join(self, group: GroupView, joined: GroupView) -> None:
        if joined.is_member and not group.is_member:
            self.membership_changed.emit(group.id)

    def _confirm_leave(self, group: GroupView) -> None:
        again = (
            self.tr("You can join again at any time.")
            if group.visibility == "open"
            else self.tr("To come back you will have to ask its owners.")
        )
        ask_to_confirm(
            self,
            name="confirmLeave",
            question=self.tr("Leave {group}?").format(group=group.name),
            consequence=self.tr(
                "What was shared only with this group is removed from this computer "
                "at the next sync. {again}"
            ).format(again=again),
            accept_label=self.tr("Leave"),
            on_accept=lambda: self._leave(group),
        )

    def _leave(self, group: GroupView) -> None:
        self._act(
            group,
            lambda: self._source.leave_group(group.id),
            QT_TRANSLATE_NOOP("TaskLabel", "leaving the group"),
            lambda _none: self._after_leave(group),
        )

    def _after_leave(self, group: GroupView) -> None:
        if group.is_member:
            self.membership_changed.emit(group.id)

    def _act(
        self,
        group: GroupView,
        work: Callable[[], Any],
        label: str,
        done: Callable[[Any], None],
    ) -> None:
        if (card := self.cards.get(group.id)) is not None:
            card.set_busy(True)
        self.error.hide()

        def succeeded(result: Any) -> None:
            done(result)
            self.refresh()

        def failed(failure: Failure) -> None:
            self._show_failure(failure)
            if (current := self.cards.get(group.id)) is not None:
                current.set_busy(False)

        self._runner.network(work, success=succeeded, failure=failed, label=label, owner=self)

    # -- requests -------------------------------------------------------------

    def open_requests(self, group_id: str, group_name: str) -> JoinRequestsDialog:
        """The requests to join one group the person owns (one dialog at a time)."""
        if self.requests_dialog is not None:
            self.requests_dialog.close()
            self.requests_dialog.deleteLater()
        dialog = JoinRequestsDialog(self._source, self._runner, group_id, group_name, self)
        dialog.answered.connect(self._on_requests_dialog_answered)
        self.requests_dialog = dialog
        dialog.refresh()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    @Slot(str, str, bool)
    def _on_requests_dialog_answered(self, group_id: str, _person_id: str, approved: bool) -> None:
        self.refresh()
        if approved:  # a new member: a sync brings the group's member list up to date here
            self.membership_changed.emit(group_id)

    @Slot()
    def _on_refresh_button_clicked(self) -> None:
        self.refresh()
