"""Home: what is close to me mixed with good things from further away, and why each is here.

A slider sets the mix (saved in settings); the view switches to Explore (only
what lies outside my circle) or to a daily or weekly digest.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import timedelta
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSlider,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kshare.client.home_feed.service import HomeFeed, HomeItem, for_workspace
from kshare.client.labels import reply_title_phrase
from kshare.clock import SYSTEM, Clock
from kshare.ui.card_delegate import CardDelegate, Role
from kshare.ui.follow_dialog import FollowDialog
from kshare.ui.i18n import phrase_text, translate_noop
from kshare.ui.lazy_rows import LazyRowsModel
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.text import kind_label, relative_time

log = logging.getLogger(__name__)
W = TypeVar("W", bound=QWidget)

HOME, EXPLORE, DAILY, WEEKLY = "home", "explore", "daily", "weekly"
VIEWS = (
    (translate_noop("HomePage", "Home"), HOME),
    (translate_noop("HomePage", "Explore"), EXPLORE),
    (translate_noop("HomePage", "Digest: last day"), DAILY),
    (translate_noop("HomePage", "Digest: last week"), WEEKLY),
)
EMPTY = {
    HOME: translate_noop(
        "HomePage", "Nothing yet. Follow people, tags or groups to fill your Home."
    ),
    EXPLORE: translate_noop("HomePage", "Nothing well received outside your circle yet."),
    DAILY: translate_noop("HomePage", "Nothing new in what you follow since yesterday."),
    WEEKLY: translate_noop("HomePage", "Nothing new in what you follow this week."),
}
MIX_DELAY_MS = 250  # re-rank once the slider rests


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


def describe(row: HomeItem) -> Mapping[int, Any]:
    s = row.summary
    reason = phrase_text(row.reason_phrase, row.reason)
    meta = " · ".join(p for p in (reason, s.author_name, relative_time(s.created_at)) if p)
    # never "(untitled)": a post without a title says so, a reply names its kind
    title = s.title or phrase_text(reply_title_phrase(s.kind, ""))
    return {
        Qt.ItemDataRole.DisplayRole: title,
        Qt.ItemDataRole.ToolTipRole: QCoreApplication.translate(
            "HomePage", "Shown because: {reason}"
        ).format(reason=reason),
        Qt.ItemDataRole.AccessibleTextRole: f"{title}. {reason}",
        Role.ID: s.id,
        Role.ITEM: s,
        Role.META: meta,
        Role.TAGS: list(s.tags),
        Role.SNIPPET: s.excerpt,
        Role.BADGE: kind_label(s.kind),
        Role.PENDING: False,
    }


class HomePage(QWidget):
    item_activated = Signal(str)
    refreshed = Signal()

    def __init__(
        self,
        workspace: Any,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        feed: HomeFeed | None = None,
        clock: Clock = SYSTEM,
    ) -> None:
        super().__init__(parent)
        self._settings = workspace.settings
        self._runner = runner
        self._clock = clock
        self._feed = feed or for_workspace(workspace, clock)
        self.model = LazyRowsModel(describe, self)

        title = _named(QLabel(self.tr("Home")), "pageTitle")
        self.view = QComboBox()
        self.view.setAccessibleName(self.tr("Which view"))
        for label, value in VIEWS:
            self.view.addItem(self.tr(label), value)
        self.view.currentIndexChanged.connect(self._on_view_current_index_changed)
        self.following_button = QPushButton(self.tr("Following…"))
        self.following_button.setToolTip(self.tr("Follow people, tags, groups and questions"))
        self.following_button.clicked.connect(self.open_following)
        self.follow_dialog: FollowDialog | None = None
        self._workspace = workspace
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.following_button)
        header.addWidget(self.view)

        self.mix = _named(QSlider(Qt.Orientation.Horizontal), "homeMix")
        self.mix.setRange(0, 100)
        self.mix.setPageStep(10)
        self.mix.setAccessibleName(self.tr("Mix of close and explore"))
        self.mix.setToolTip(
            self.tr("Left: what is close to you. Right: good things from further away.")
        )
        self.mix.setValue(int(self._settings.get("home_mix")))
        self.mix.valueChanged.connect(self._on_mix_value_changed)
        self._mix_timer = QTimer(self, singleShot=True, interval=MIX_DELAY_MS)
        self._mix_timer.timeout.connect(self._on_mix_timer_timeout)
        mix_row = QHBoxLayout()
        self.mix_label = QLabel(self.tr("Close"))
        mix_row.addWidget(self.mix_label)
        mix_row.addWidget(self.mix, 1)
        mix_row.addWidget(QLabel(self.tr("Explore")))
        self.mix_box = QWidget()
        self.mix_box.setLayout(mix_row)

        self.list = _named(QListView(), "cards")
        self.list.setAccessibleName(self.tr("Home feed"))
        self.list.setModel(self.model)
        self.list.setItemDelegate(CardDelegate(self.list))
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setUniformItemSizes(False)
        self.list.clicked.connect(self._on_list_clicked)
        self.list.activated.connect(self._on_list_clicked)
        self._sync_status: Any = None  # the last sync status (see set_sync_status)
        self.empty = _named(QLabel(self.tr("Loading…")), "emptyState")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._stack = QStackedWidget()
        self._stack.addWidget(self.empty)
        self._stack.addWidget(self.list)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addWidget(self.mix_box)
        layout.addWidget(self._stack, 1)

    def open_following(self) -> FollowDialog:
        """What I follow, to add to or take from; Home re-ranks after every change."""
        if self.follow_dialog is None:
            self.follow_dialog = FollowDialog(self._workspace, self._runner, self)
            self.follow_dialog.changed.connect(self.refresh)
        self.follow_dialog.refresh()
        self.follow_dialog.show()
        self.follow_dialog.raise_()
        return self.follow_dialog

    def current_view(self) -> str:
        return str(self.view.currentData())

    def set_view(self, view: str) -> None:
        self.view.setCurrentIndex(max(0, self.view.findData(view)))

    def refresh(self) -> None:
        view = self.current_view()
        mix = self.mix.value() / 100
        feed, now = self._feed, self._clock.now()
        self.mix_box.setVisible(view == HOME)

        def load() -> list[HomeItem]:
            if view == EXPLORE:
                return feed.explore()
            if view == DAILY:
                return feed.digest(now - timedelta(days=1))
            if view == WEEKLY:
                return feed.digest(now - timedelta(days=7))
            return feed.home(mix)

        self._runner.local(
            load,
            success=self._show,
            failure=self._failed,
            label=translate_noop("TaskLabel", "ranking Home"),
            owner=self,
        )

    def on_changes(self, changes: Any) -> None:
        if changes.item_ids or changes.removed_ids:
            self.refresh()

    def shown_ids(self) -> list[str]:
        return [row.summary.id for row in self.model.rows()]

    def reasons(self) -> dict[str, str]:
        return {row.summary.id: row.reason for row in self.model.rows()}

    def set_sync_status(self, status: Any) -> None:
        """While a sync runs, an empty Home says it is fetching instead of "Nothing yet"."""
        self._sync_status = status
        if not self.model.rows() and self._stack.currentWidget() is self.empty:
            self.empty.setText(self._empty_text())

    def _empty_text(self) -> str:
        status = self._sync_status
        if status is not None and status.state == "syncing":
            return self.tr("Fetching what you may see from the server…")
        return self.tr(EMPTY.get(self.current_view(), EMPTY[HOME]))

    def _show(self, rows: list[HomeItem]) -> None:
        self.model.set_rows(rows)
        if rows:
            self._stack.setCurrentWidget(self.list)
        else:
            self.empty.setText(self._empty_text())
            self._stack.setCurrentWidget(self.empty)
        self.refreshed.emit()

    def _failed(self, failure: Failure) -> None:
        self.empty.setText(failure.message)
        self._stack.setCurrentWidget(self.empty)

    @Slot(int)
    def _on_mix_value_changed(self, value: int) -> None:
        try:
            self._settings.set("home_mix", value)
        except PermissionError as exc:
            log.info("the mix is fixed: %s", exc)
        self._mix_timer.start()

    @Slot()
    def _on_mix_timer_timeout(self) -> None:
        self.refresh()

    @Slot(int)
    def _on_view_current_index_changed(self, _index: int) -> None:
        self.refresh()

    @Slot(QModelIndex)
    def _on_list_clicked(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.item_activated.emit(row.summary.id)
