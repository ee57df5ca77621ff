"""The main window: navigation on the left, a page in the middle, the reading pane on the right."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kshare.client.views import SyncStatus
from kshare.ui import theme
from kshare.ui.collection_view import CollectionPane
from kshare.ui.composer import Composer
from kshare.ui.confirm import ask_to_confirm
from kshare.ui.desktop_notifier import DesktopNotifier
from kshare.ui.detail_view import DetailPane
from kshare.ui.expertise_dialog import ExpertiseDialog
from kshare.ui.experts_page import ExpertsPage
from kshare.ui.feed_page import FeedPage
from kshare.ui.first_run import FollowTopicsDialog, is_done, mark_done
from kshare.ui.groups_page import GroupsPage
from kshare.ui.help_dialogs import AboutDialog, AboutFacts, ShortcutsDialog, shortcuts_of
from kshare.ui.home_page import HomePage
from kshare.ui.i18n import translate_noop
from kshare.ui.inbox_page import InboxPage
from kshare.ui.navigation import Navigator
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.person_view import PersonView
from kshare.ui.profile_dialog import ProfileDialog
from kshare.ui.query_ops import QueryOp
from kshare.ui.resources import icon
from kshare.ui.search_page import SearchPage
from kshare.ui.settings_dialog import SettingsDialog, applied_message, preferences_shortcut
from kshare.ui.status import SyncStatusBar
from kshare.ui.sync_controller import SyncController
from kshare.ui.text import english_plural
from kshare.ui.unpublished_dialog import UnpublishedDialog

log = logging.getLogger(__name__)

# Home and Inbox come first: what is for the person, then the ways to look around.
HOME, INBOX, FEED, SEARCH, EXPERTS, GROUPS, COMPOSE = range(7)
PAGES = (
    (translate_noop("MainWindow", "Home"), "feed"),
    (translate_noop("MainWindow", "Inbox"), "feed"),
    (translate_noop("MainWindow", "Feed"), "feed"),
    (translate_noop("MainWindow", "Search"), "search"),
    (translate_noop("MainWindow", "Experts"), "experts"),
    (translate_noop("MainWindow", "Groups"), "people"),
    (translate_noop("MainWindow", "Compose"), "compose"),
)
# The page kept between runs is saved by name, so a change of order keeps it.
PAGE_KEYS = ("home", "inbox", "feed", "search", "experts", "groups", "compose")
NOTICE_MS = 12_000


class MainWindow(QMainWindow):
    sign_out_requested = Signal()
    closed = Signal()

    def __init__(
        self,
        workspace: Any,
        runner: TaskRunner,
        sync: SyncController,
        settings: QSettings,
        parent: QWidget | None = None,
        *,
        first_run: bool = False,
    ) -> None:
        """``first_run``: after a sync, offer a newcomer the step to follow a few topics."""
        super().__init__(parent)
        self._workspace = workspace
        self._first_run = first_run
        self._first_run_offered = False
        self.follow_topics_dialog: FollowTopicsDialog | None = None
        self._runner = runner
        self._sync = sync
        self._settings = settings
        self._failure: Failure | None = None
        self.unpublished_dialog: UnpublishedDialog | None = None
        self.expertise_dialog: ExpertiseDialog | None = None
        self.setWindowTitle("kshare")
        self.setWindowIcon(icon("kshare"))

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Pages"))
        self.navigation.setIconSize(QSize(20, 20))
        for label, icon_name in PAGES:
            QListWidgetItem(icon(icon_name), self.tr(label), self.navigation)
        account = workspace.account
        who = account.display_name if account else ""
        self.account_label = QLabel(who)
        self.account_label.setObjectName("accountName")
        self.account_label.setWordWrap(True)
        self.account_label.setToolTip(
            self.tr("{username} on {server}").format(
                username=account.username, server=account.server_url
            )
            if account
            else ""
        )
        nav = QWidget()
        nav_layout = QVBoxLayout(nav)
        nav_layout.setContentsMargins(0, 0, 0, 0)
        nav_layout.setSpacing(0)
        nav_layout.addWidget(self.navigation, 1)
        nav_layout.addWidget(self.account_label)
        nav.setObjectName("navigationPanel")

        self.feed = FeedPage(workspace, runner)
        self.search = SearchPage(
            workspace, runner, gaps=workspace.curation.note_search, clock=workspace.clock
        )
        self.experts = ExpertsPage(workspace, runner)
        self.groups = GroupsPage(workspace, runner)
        self.composer = Composer(workspace, runner)
        self.home = HomePage(workspace, runner)
        self.inbox = InboxPage(workspace, runner)
        self.notifier = DesktopNotifier(workspace, runner, self)
        self.pages = QStackedWidget()
        for page in (
            self.home,
            self.inbox,
            self.feed,
            self.search,
            self.experts,
            self.groups,
            self.composer,
        ):
            self.pages.addWidget(page)
        self.detail = DetailPane(
            workspace,
            runner,
            writer=workspace,
            experts=workspace,
            documents=getattr(workspace, "documents", None),
            follows=getattr(workspace, "notifications", None),
        )
        self.person = PersonView(
            workspace, runner, follows=getattr(workspace, "notifications", None)
        )
        self.collection = CollectionPane(
            workspace.curation, runner, follows=getattr(workspace, "notifications", None)
        )
        # The reading pane shows an item, a person or a collection, one at a time.
        self.reading = QStackedWidget()
        self.reading.setObjectName("readingPane")
        self.reading.addWidget(self.detail)
        self.reading.addWidget(self.person)
        self.reading.addWidget(self.collection)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        for widget in (nav, self.pages, self.reading):
            self.splitter.addWidget(widget)
        nav.setMinimumWidth(150)
        self.pages.setMinimumWidth(300)
        self.reading.setMinimumWidth(300)
        self.splitter.setSizes([200, 480, 560])
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 2)
        self.setCentralWidget(self.splitter)

        self.status = SyncStatusBar()
        self.notice = QLabel()
        self.notice.setObjectName("errorText")
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        self.notice.linkActivated.connect(self._on_notice_link_activated)
        self.notice.hide()
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.setInterval(NOTICE_MS)
        self._notice_timer.timeout.connect(self.notice.hide)
        self.unpublished_button = QToolButton()
        self.unpublished_button.setObjectName("unpublishedButton")
        self.unpublished_button.setAccessibleName(self.tr("Could not publish"))
        self.unpublished_button.setToolTip(
            self.tr("Writes the server did not take: choose what to do")
        )
        self.unpublished_button.clicked.connect(self._on_unpublished_button_clicked)
        self.unpublished_button.hide()
        self.statusBar().addWidget(self.notice)
        self.statusBar().addPermanentWidget(self.unpublished_button)
        self.statusBar().addPermanentWidget(self.status, 1)
        self.statusBar().setSizeGripEnabled(False)

        self._build_menus()
        self._connect()
        self.navigator = Navigator(self)
        self._restore_state()

    # -- construction -----------------------------------------------------

    def _build_menus(self) -> None:
        def action(
            text: str,
            shortcut: QKeySequence | QKeySequence.StandardKey | str,
            slot: Any,
            name: str = "",
        ) -> QAction:
            act = QAction(text, self)
            act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            if name:
                act.setIcon(icon(name))
            return act

        self.sync_action = action(
            self.tr("&Sync now"), "F5", self._on_sync_action_triggered, "sync"
        )
        self.unpublished_action = action(
            self.tr("Could not &publish…"), "", self._on_unpublished_action_triggered
        )
        self.settings_action = action(
            self.tr("Se&ttings…"), preferences_shortcut(), self._on_settings_action_triggered
        )
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.sign_out_action = action(self.tr("Sign &out"), "", self._on_sign_out_action_triggered)
        self.quit_action = action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.setObjectName("fileMenu")  # the navigator adds to it, whatever the language
        file_menu.addAction(self.sync_action)
        file_menu.addAction(self.unpublished_action)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.sign_out_action)
        file_menu.addAction(self.quit_action)

        self.feed_action = action(self.tr("&Feed"), "Ctrl+1", lambda: self.show_page(FEED))
        self.search_action = action(
            self.tr("&Search"), QKeySequence.StandardKey.Find, self.start_search
        )
        self.experts_action = action(self.tr("&Experts"), "Ctrl+E", lambda: self.show_page(EXPERTS))
        self.groups_action = action(self.tr("&Groups"), "Ctrl+G", lambda: self.show_page(GROUPS))
        self.compose_action = action(
            self.tr("&Compose"), QKeySequence.StandardKey.New, self.start_compose
        )
        self.home_action = action(self.tr("&Home"), "Ctrl+Shift+H", lambda: self.show_page(HOME))
        self.inbox_action = action(self.tr("&Inbox"), "Ctrl+Shift+I", lambda: self.show_page(INBOX))
        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        go_menu.setObjectName("goMenu")
        for act in (
            self.home_action,
            self.inbox_action,
            self.feed_action,
            self.search_action,
            self.experts_action,
            self.groups_action,
            self.compose_action,
        ):
            go_menu.addAction(act)

        self.my_profile_action = action(
            self.tr("&My profile"), "", self._on_my_profile_action_triggered
        )
        self.my_expertise_action = action(
            self.tr("Manage my &expertise…"), "", self._on_my_expertise_action_triggered
        )
        self.edit_profile_action = action(
            self.tr("&Edit my profile…"), "", self._on_edit_profile_action_triggered
        )
        profile_menu = self.menuBar().addMenu(self.tr("&Profile"))
        profile_menu.addAction(self.my_profile_action)
        profile_menu.addAction(self.edit_profile_action)
        profile_menu.addAction(self.my_expertise_action)
        self.follow_topics_action = action(
            self.tr("Follow &topics…"), "", self._on_follow_topics_action_triggered
        )
        profile_menu.addSeparator()
        profile_menu.addAction(self.follow_topics_action)
        # Only curators see the curation tools; the role arrives with sync.
        self.curation_action = action(
            self.tr("Open &curation…"), "Ctrl+Shift+K", self.open_curation
        )
        self.curation_menu = self.menuBar().addMenu(self.tr("C&uration"))
        self.curation_menu.addAction(self.curation_action)
        self.curation_menu.menuAction().setVisible(False)
        self.curation_window: Any = None
        self.refresh_curation()

        self.shortcuts_action = action(
            self.tr("&Keyboard shortcuts"), "Ctrl+/", self._on_shortcuts_action_triggered
        )
        self.about_action = action(self.tr("&About kshare"), "", self._on_about_action_triggered)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

    def _connect(self) -> None:
        self.navigation.currentRowChanged.connect(self._on_navigation_current_row_changed)
        for page in (self.feed, self.search, self.experts, self.home, self.inbox):
            page.item_activated.connect(self.show_item)
        self.inbox.person_activated.connect(self.show_person)
        self.inbox.group_activated.connect(self._on_inbox_group_activated)
        self.inbox.unread_changed.connect(self.show_unread_count)
        self.notifier.entry_clicked.connect(self.open_inbox_entry)
        self.detail.item_link_clicked.connect(self.show_item)
        self.experts.person_activated.connect(self.show_person)
        self.experts.manage_expertise_requested.connect(self.open_expertise)
        self.groups.membership_changed.connect(self._on_groups_membership_changed)
        self.detail.person_link_clicked.connect(self._on_detail_person_link_clicked)
        self.person.person_link_clicked.connect(self.show_person)
        self.person.back_requested.connect(self._on_person_back_requested)
        self.person.manage_requested.connect(self.open_expertise)
        self.person.endorsed.connect(self._on_person_endorsed)
        self.detail.follow_button.changed.connect(self.on_follow_changed)
        self.detail.collection_opened.connect(self.show_collection)
        self.collection.item_activated.connect(self.show_item)
        self.collection.person_activated.connect(self.show_person)
        self.collection.curation_requested.connect(self.open_curation_on)
        self.collection.follow_button.changed.connect(self.on_follow_changed)
        self.person.follow_button.changed.connect(self.on_follow_changed)
        self.composer.published.connect(self._on_composer_published)
        self.detail.written.connect(self._on_detail_written)
        self.status.sync_requested.connect(self._sync.sync_now)
        self._sync.status_changed.connect(self._on_sync_status_changed)
        self._sync.sync_failed.connect(self.show_failure)
        self._sync.changes_applied.connect(self._on_sync_changes_applied)
        self._sync.sync_finished.connect(self._on_sync_sync_finished)
        self._sync.removal_confirmation_needed.connect(self._on_sync_removal_confirmation_needed)
        self._sync.sync_finished.connect(self.groups.on_sync_finished)
        self._runner.failed.connect(self.show_failure)

    # -- what the app and the shortcuts call ------------------------------

    def show_unread_count(self, unread: int) -> None:
        """The inbox's unread count, in the navigation and the window title."""
        suffix = f" ({unread})" if unread else ""
        entry = self.navigation.item(INBOX)
        entry.setText(self.tr("Inbox") + suffix)
        entry.setData(
            Qt.ItemDataRole.AccessibleTextRole,
            self.tr("Inbox, {count} unread").format(count=unread),
        )
        self.setWindowTitle(f"kshare{suffix}")

    def open_inbox_entry(self, entry: Any) -> None:
        """What a click on an inbox entry or a desktop notification opens."""
        self.show_page(INBOX)
        self.inbox.open_entry(entry)

    @Slot(str)
    def _on_inbox_group_activated(self, _group_id: str) -> None:
        self.show_page(GROUPS)

    def show_page(self, page: int) -> None:
        self.navigation.setCurrentRow(page)

    def start_search(self) -> None:
        self.show_page(SEARCH)
        self.search.focus_search()

    def start_compose(self) -> None:
        self.show_page(COMPOSE)
        self.composer.focus_title()

    def show_item(self, item_id: str) -> None:
        """Read an item in the reading pane."""
        self.reading.setCurrentWidget(self.detail)
        self.detail.show_item(item_id)

    def show_collection(self, collection_id: str) -> None:
        """Read a collection, its sections and entries, in the reading pane."""
        self.reading.setCurrentWidget(self.collection)
        self.collection.show_collection(collection_id)

    def show_person(self, person_id: str | None = None, *, back: str = "") -> None:
        """Show a person's expertise profile where items are read; ``None`` is oneself.

        ``back`` labels a way back to the item on show, when the person was opened from it.
        """
        self.person.set_back_available(bool(back) and self.detail.item_id is not None, back)
        self.reading.setCurrentWidget(self.person)
        self.person.show_person(person_id)

    def open_expertise(self) -> ExpertiseDialog:
        """The person's own choices about their expertise (one dialog, brought to the front)."""
        if self.expertise_dialog is None:
            self.expertise_dialog = ExpertiseDialog(self._workspace, self._runner, self)
            self.expertise_dialog.changed.connect(self._on_expertise_dialog_changed)
        self.expertise_dialog.clear_messages()
        self.expertise_dialog.refresh()
        self.expertise_dialog.show()
        self.expertise_dialog.raise_()
        self.expertise_dialog.activateWindow()
        return self.expertise_dialog

    def show_status(self, status: SyncStatus) -> None:
        self.status.set_status(status)

    def refresh_status(self) -> None:
        self._runner.local(
            self._workspace.status,
            success=self.show_status,
            label=translate_noop("TaskLabel", "reading the sync state"),
            owner=self,
        )
        self.refresh_unpublished()

    def refresh_unpublished(self) -> None:
        """Count the writes the server did not take; the status bar offers them when any."""
        self._runner.local(
            lambda: len(self._workspace.unpublished()),
            success=self.show_unpublished_count,
            label=translate_noop("TaskLabel", "reading what could not be published"),
            owner=self,
        )

    def show_unpublished_count(self, count: int) -> None:
        self.unpublished_button.setVisible(count > 0)
        self.unpublished_button.setText(self.tr("⚠ %Ln could not be published", "", count))
        self.unpublished_button.setAccessibleName(
            self.tr("%Ln of your changes could not be published. Open the list.", "", count)
        )
        self.unpublished_action.setText(
            self.tr("Could not &publish ({count})…").format(count=count)
            if count
            else self.tr("Could not &publish…")
        )

    def open_unpublished(self) -> UnpublishedDialog:
        """Show the writes the server did not take (one dialog, brought to the front)."""
        if self.unpublished_dialog is None:
            self.unpublished_dialog = UnpublishedDialog(self._workspace, self._runner, self)
            self.unpublished_dialog.resolved.connect(self._on_unpublished_dialog_resolved)
        self.unpublished_dialog.refresh()
        self.unpublished_dialog.show()
        self.unpublished_dialog.raise_()
        self.unpublished_dialog.activateWindow()
        return self.unpublished_dialog

    @Slot(object)
    def show_failure(self, failure: Failure) -> None:
        """The one place failures without a page of their own are shown."""
        self._failure = failure
        details = self.tr("Details")
        self.notice.setText(f'{failure.message} <a href="details">{details}</a>')
        self.notice.show()
        self._notice_timer.start()

    # -- slots ----------------------------------------------------------------

    @Slot(int)
    def _on_navigation_current_row_changed(self, row: int) -> None:
        self.pages.setCurrentIndex(row)
        # Composing wants the room; the reading pane comes back for the other pages.
        self.reading.setVisible(row != COMPOSE)
        if row == COMPOSE:
            self.composer.load_choices()
        elif row == HOME:
            self.home.refresh()
        elif row == INBOX:
            self.inbox.refresh()

    @Slot(object)
    def _on_sync_status_changed(self, status: SyncStatus) -> None:
        self.show_status(status)
        self.feed.set_sync_status(status)
        self.home.set_sync_status(status)

    @Slot(object)
    def _on_sync_changes_applied(self, changes: Any) -> None:
        self.feed.on_changes(changes)
        self.detail.on_changes(changes)
        self.person.on_changes(changes)
        self.collection.on_changes(changes)
        if changes.item_ids or changes.removed_ids:
            self.search.on_changes(changes)
        self.home.on_changes(changes)
        self.inbox.on_changes(changes)

    @Slot(str, str)
    def _on_composer_published(self, item_id: str, audience: str) -> None:
        self.show_page(FEED)
        self.feed.select_item(item_id)
        self.feed.refresh()
        self.show_item(item_id)
        self.statusBar().showMessage(
            self.tr("Saved. {audience}. Sending at the next sync…").format(audience=audience), 8000
        )
        self._runner.local(
            self._workspace.pending_count, success=self.status.set_pending, owner=self
        )
        self._sync.sync_now()

    @Slot(str)
    def _on_detail_written(self, _item_id: str) -> None:
        self.feed.refresh()
        self._runner.local(
            self._workspace.pending_count, success=self.status.set_pending, owner=self
        )
        self._sync.sync_now()

    @Slot(str, str, bool)
    def on_follow_changed(self, _kind: str, _target: str, following: bool) -> None:
        """A follow waits in the outbox: what is new in the Inbox may change; send it."""
        self.statusBar().showMessage(
            self.tr("Following. New things will show in your Inbox.")
            if following
            else self.tr("No longer following."),
            6000,
        )
        self.inbox.refresh()
        self._profile_written()

    @Slot(str)
    def _on_groups_membership_changed(self, _group_id: str) -> None:
        # Joining lets a group's content in, leaving takes it away: both arrive by sync.
        self.statusBar().showMessage(self.tr("Membership changed. Syncing what you may see…"), 8000)
        self._sync.sync_now()

    @Slot(str)
    def _on_detail_person_link_clicked(self, person_id: str) -> None:
        self.show_person(person_id, back=self.tr("← Back to the question"))

    @Slot()
    def _on_person_back_requested(self) -> None:
        self.reading.setCurrentWidget(self.detail)

    @Slot(str, str)
    def _on_person_endorsed(self, _person_id: str, _skill: str) -> None:
        self._profile_written()

    @Slot(object)
    def _on_expertise_dialog_changed(self, profile: Any) -> None:
        if self.reading.currentWidget() is self.person and self.person.person_id in (
            None,
            profile.person_id,
        ):
            self.person.show_profile(profile)
        self._profile_written()

    def _profile_written(self) -> None:
        """A change to a profile waits in the outbox: count it and send it."""
        self._runner.local(
            self._workspace.pending_count, success=self.status.set_pending, owner=self
        )
        self._sync.sync_now()

    @Slot()
    def _on_my_profile_action_triggered(self) -> None:
        if self.navigation.currentRow() == COMPOSE:
            self.show_page(FEED)  # the reading pane is hidden while composing
        self.show_person(None)

    @Slot()
    def _on_edit_profile_action_triggered(self) -> None:
        self.open_profile_editor()

    def open_profile_editor(self) -> ProfileDialog:
        """Edit one's title, location, skills and "ask me about" (sent through the outbox)."""
        dialog = ProfileDialog(self._workspace.profile, self._runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._on_profile_dialog_saved)
        dialog.open()
        return dialog

    @Slot(object)
    def _on_profile_dialog_saved(self, profile: Any) -> None:
        if self.reading.currentWidget() is self.person and self.person.person_id in (
            None,
            profile.person_id,
        ):
            self.person.show_person(self.person.person_id)
        self.statusBar().showMessage(self.tr("Profile saved. Sending at the next sync…"), 8000)
        self._profile_written()

    @Slot()
    def _on_my_expertise_action_triggered(self) -> None:
        self.open_expertise()

    @Slot(object)
    def refresh_curation(self) -> None:
        """Show the Curation menu when the person is a curator (a local read, off the GUI)."""
        QueryOp(
            parent=self,
            op=lambda: self._workspace.curation.is_curator,
            success=self.curation_menu.menuAction().setVisible,
        ).run_in_background(self._runner)

    def open_curation(self) -> Any:
        from kshare.ui.curation.window import CurationWindow

        if self.curation_window is None:
            self.curation_window = CurationWindow(self._workspace, self._runner, self)
        self.curation_window.show()
        self.curation_window.refresh()
        return self.curation_window

    def open_curation_on(self, collection_id: str) -> Any:
        """The curators' window, on this collection."""
        window = self.open_curation()
        window.open_collection(collection_id)
        return window

    # -- following a few topics on the first run --------------------------------------

    def open_follow_topics(self) -> FollowTopicsDialog:
        """Suggested tags, groups and people to follow; finishing or skipping ends the first run."""
        if self.follow_topics_dialog is not None:
            self.follow_topics_dialog.raise_()
            self.follow_topics_dialog.activateWindow()
            return self.follow_topics_dialog
        dialog = FollowTopicsDialog(self._workspace.notifications, self._runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.followed.connect(self._on_follow_topics_followed)
        dialog.finished.connect(self._on_follow_topics_finished)
        self.follow_topics_dialog = dialog
        dialog.load()
        dialog.open()
        return dialog

    def offer_first_run(self, report: Any = None) -> None:
        """Once per person on this desktop: with nothing followed yet and something to
        suggest (the first sync brought data), offer the step to follow a few topics."""
        account = self._workspace.account
        status = getattr(report, "status", None)
        if (
            not self._first_run
            or self._first_run_offered
            or account is None
            or (status is not None and status.state != "idle")
            or is_done(self._settings, account.user_id)
        ):
            return
        self._first_run_offered = True  # one question at a time
        notes = self._workspace.notifications

        def look() -> tuple[bool, bool]:
            follows = notes.follow_set()
            follows_any = any(
                (follows.people, follows.tags, follows.groups, follows.questions)
            ) or bool(follows.collections)
            return follows_any, bool(notes.suggestions())

        QueryOp(
            parent=self,
            op=look,
            success=lambda found: self._on_first_run_looked(account.user_id, *found),
        ).failure(self._on_first_run_look_failed).run_in_background(self._runner)

    def _on_first_run_looked(self, user_id: str, follows_any: bool, suggestions: bool) -> None:
        account = self._workspace.account
        if account is None or account.user_id != user_id:
            return
        if follows_any:
            mark_done(self._settings, user_id)  # they follow things already (another desktop)
        elif suggestions:
            self.open_follow_topics()
            return
        self._first_run_offered = False  # nothing to suggest yet: ask after the next sync

    def _on_first_run_look_failed(self, failure: Failure) -> None:
        log.info("not offering topics to follow: %s", failure.message)
        self._first_run_offered = False

    @Slot(int)
    def _on_follow_topics_followed(self, count: int) -> None:
        if count:
            self.statusBar().showMessage(
                english_plural(
                    self.tr(
                        "Following %Ln topic(s). New things will show in your Inbox.", "", count
                    ),
                    count,
                ),
                8000,
            )
            self.inbox.refresh()
            self._profile_written()

    @Slot(int)
    def _on_follow_topics_finished(self, _result: int) -> None:
        self.follow_topics_dialog = None
        self.activateWindow()  # the window's shortcuts work again at once
        account = self._workspace.account
        if account is not None:
            mark_done(self._settings, account.user_id)  # finished or skipped: never again

    @Slot()
    def _on_follow_topics_action_triggered(self) -> None:
        self.open_follow_topics()

    def _on_sync_sync_finished(self, report: Any) -> None:
        self.offer_first_run(report)
        self.refresh_curation()
        self.refresh_unpublished()
        self.inbox.refresh()  # follows arrive after the feed: what is new may change
        self.notifier.check()
        if self.unpublished_dialog is not None and self.unpublished_dialog.isVisible():
            self.unpublished_dialog.refresh()

    @Slot(int)
    def _on_sync_removal_confirmation_needed(self, count: int) -> None:
        self.ask_to_confirm_removal(count)

    def ask_to_confirm_removal(self, count: int) -> QMessageBox:
        """The server stopped listing ``count`` things without a reason: delete them?"""
        return ask_to_confirm(
            self,
            name="confirmRemovalBox",
            question=english_plural(
                self.tr("The server no longer lists %Ln thing(s) this computer holds.", "", count),
                count,
            ),
            consequence=self.tr(
                "It did not say why, so kshare kept them. If you expected this (you left a "
                "large group, say), remove them from this computer now. Otherwise keep them "
                "and ask IT whether the server is all right; kshare asks again at every sync."
            ),
            accept_label=self.tr("Remove %Ln from this computer", "", count),
            on_accept=self._sync.confirm_removal_and_sync,
        )

    @Slot(str)
    def _on_unpublished_dialog_resolved(self, target_id: str) -> None:
        self.refresh_unpublished()
        self.detail.reload_if_showing(target_id)
        self.feed.refresh()
        self._sync.sync_now()  # "keep mine" waits in the outbox again

    @Slot()
    def _on_unpublished_button_clicked(self) -> None:
        self.open_unpublished()

    @Slot()
    def _on_unpublished_action_triggered(self) -> None:
        self.open_unpublished()

    @Slot()
    def _on_sync_action_triggered(self) -> None:
        self._sync.sync_now()

    @Slot()
    def _on_settings_action_triggered(self) -> None:
        self.open_settings()

    def open_settings(self) -> SettingsDialog:
        """The person's settings, as the organisation's policy lets them change them."""
        account = self._workspace if self._workspace.account is not None else None
        dialog = SettingsDialog(self._workspace.settings, self._runner, self, account=account)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.applied.connect(
            lambda keys: self.statusBar().showMessage(applied_message(dialog, keys), 8000)
        )
        dialog.applied.connect(self._on_settings_applied)
        dialog.open()
        return dialog

    @Slot()
    def _on_shortcuts_action_triggered(self) -> None:
        self.open_shortcuts()

    def open_shortcuts(self) -> ShortcutsDialog:
        """Every shortcut of the window, read from its menus."""
        menus = [
            (menu_action.text(), menu.actions())
            for menu_action in self.menuBar().actions()
            if isinstance(menu := menu_action.menu(), QMenu)
        ]
        dialog = ShortcutsDialog(shortcuts_of(menus), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @Slot()
    def _on_about_action_triggered(self) -> None:
        self.open_about()

    def open_about(self) -> AboutDialog:
        account = self._workspace.account
        settings = self._workspace.settings
        facts = AboutFacts(
            server_url=account.server_url if account else str(settings.get("server_url")),
            username=account.username if account else "",
            support_contact=str(settings.get("support_contact")),
            download_url=str(settings.get("download_url")),
        )
        dialog = AboutDialog(facts, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _on_settings_applied(self, keys: list[str]) -> None:
        if "appearance" in keys:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                theme.ThemeWatcher.install(app, str(self._workspace.settings.get("appearance")))

    @Slot()
    def _on_sign_out_action_triggered(self) -> None:
        self.sign_out()

    def sign_out(self) -> QMessageBox | None:
        """Sign out; with writes still waiting to be sent, say so first (they are kept)."""
        waiting = self._workspace.pending_count()
        if not waiting:
            self.sign_out_requested.emit()
            return None
        account = self._workspace.account
        if account is not None:
            consequence = self.tr(
                "They stay on this computer and are sent when you sign in again as "
                "{username}. To send them now, cancel and sync first."
            ).format(username=account.username)
        else:
            consequence = self.tr(
                "They stay on this computer and are sent when you sign in again. "
                "To send them now, cancel and sync first."
            )
        return ask_to_confirm(
            self,
            name="signOutWithWritesBox",
            question=english_plural(
                self.tr("Not sent to the server yet: %Ln change(s) of yours.", "", waiting),
                waiting,
            ),
            consequence=consequence,
            accept_label=self.tr("Sign out and keep them"),
            on_accept=self.sign_out_requested.emit,
        )

    @Slot(str)
    def _on_notice_link_activated(self, _link: str) -> None:
        if self._failure is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "kshare",
            self._failure.message,
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setDetailedText(self._failure.details)
        box.open()

    # -- window state -------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self._settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        splitter = self._settings.value("window/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        key = str(self._settings.value("window/page_name", "") or "")
        page = PAGE_KEYS.index(key) if key in PAGE_KEYS else FEED
        self.show_page(page if page in (FEED, SEARCH, EXPERTS, HOME, INBOX) else FEED)
        self.inbox.refresh()

    def save_state(self) -> None:
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/splitter", self.splitter.saveState())
        row = self.navigation.currentRow()
        self._settings.setValue("window/page_name", PAGE_KEYS[row] if 0 <= row < 7 else "feed")
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)
        self.closed.emit()
