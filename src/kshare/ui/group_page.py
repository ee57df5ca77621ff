"""A group's page: what it is about, its members as the viewer may see them, its content."""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kshare.client.pages import GroupPageView
from kshare.ui.follow_buttons import FollowButton, FollowSource
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.preview_pane import named
from kshare.ui.tag_page import item_row
from kshare.ui.text import QT_TRANSLATE_NOOP, counts

log = logging.getLogger(__name__)
ID_ROLE = Qt.ItemDataRole.UserRole
KINDS = {
    "team": QT_TRANSLATE_NOOP("group_page", "Team"),
    "department": QT_TRANSLATE_NOOP("group_page", "Department"),
    "community": QT_TRANSLATE_NOOP("group_page", "Community"),
}
VISIBILITIES = {
    "open": QT_TRANSLATE_NOOP("group_page", "open"),
    "closed": QT_TRANSLATE_NOOP("group_page", "closed"),
    "secret": QT_TRANSLATE_NOOP("group_page", "secret"),
}


def kind_words(kind: str) -> str:
    known = KINDS.get(kind)
    return QCoreApplication.translate("group_page", known) if known else kind.capitalize()


def visibility_words(visibility: str) -> str:
    known = VISIBILITIES.get(visibility)
    return QCoreApplication.translate("group_page", known) if known else visibility


class GroupPageSource(Protocol):
    def group_page(self, group: str) -> GroupPageView | None: ...


class GroupPage(QWidget):
    item_activated = Signal(str)
    person_activated = Signal(str)
    shown = Signal(str)  # the group id now on show

    def __init__(
        self,
        source: GroupPageSource,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        follows: FollowSource | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("groupPage")
        self._source = source
        self._runner = runner
        self._request = 0
        self.group_id = ""
        self.title = named(QLabel(), "pageTitle")
        self.follow_button = FollowButton(follows, runner)
        self.facts = named(QLabel(wordWrap=True), "pageSubtitle")
        self.about = named(QLabel(wordWrap=True), "groupAbout")
        self.members = named(QListWidget(), "groupMembers")
        self.members.setAccessibleName(self.tr("Members"))
        self.members.setMaximumHeight(160)
        self.content = named(QListWidget(), "groupContent")
        self.content.setAccessibleName(self.tr("Shared with the group"))
        self.members.itemActivated.connect(self._on_members_item_activated)
        self.content.itemActivated.connect(self._on_content_item_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(8)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.follow_button)
        layout.addLayout(heading)
        for widget in (self.facts, self.about):
            layout.addWidget(widget)
        layout.addWidget(QLabel(self.tr("Members")))
        layout.addWidget(self.members)
        layout.addWidget(QLabel(self.tr("Shared with the group")))
        layout.addWidget(self.content, 1)

    def show_group(self, group: str) -> None:
        """Show a group by id or name."""
        self._request += 1
        request = self._request
        self.title.setText(group)
        self.follow_button.bind("group", "", group)  # the id arrives with the page
        self.facts.setText(self.tr("Loading…"))
        self._runner.local(
            lambda: self._source.group_page(group),
            success=lambda view: self._on_loaded(request, view),
            failure=lambda failure: self._on_failed(request, failure),
            label=QT_TRANSLATE_NOOP("TaskLabel", "opening the group"),
            owner=self,
        )

    def _on_loaded(self, request: int, view: GroupPageView | None) -> None:
        if request != self._request:
            return
        self.members.clear()
        self.content.clear()
        if view is None:
            self.follow_button.bind("group", "", "")
            self.facts.setText(self.tr("This group is not known on this computer."))
            self.about.clear()
            return
        self.group_id = view.group_id
        self.title.setText(view.name)
        self.follow_button.bind("group", view.group_id, view.name)
        members = counts().members(len(view.members))
        kind, visibility = kind_words(view.kind), visibility_words(view.visibility)
        self.facts.setText(f"{kind} · {visibility} · {members}")
        self.about.setText(view.about or self.tr("No description yet."))
        for member in view.members:
            text = member.display_name + (f" · {member.title}" if member.title else "")
            if member.is_owner:
                text = self.tr("{member} (owner)").format(member=text)
            row = QListWidgetItem(text)
            row.setData(ID_ROLE, member.person_id)
            self.members.addItem(row)
        for summary in view.content:
            self.content.addItem(item_row(summary))
        self.shown.emit(view.group_id)

    def _on_failed(self, request: int, failure: Failure) -> None:
        if request == self._request:
            self.facts.setText(failure.message)

    @Slot(QListWidgetItem)
    def _on_members_item_activated(self, row: QListWidgetItem) -> None:
        self.person_activated.emit(str(row.data(ID_ROLE)))

    @Slot(QListWidgetItem)
    def _on_content_item_activated(self, row: QListWidgetItem) -> None:
        self.item_activated.emit(str(row.data(ID_ROLE)))
