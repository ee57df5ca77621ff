"""Ways in and ways back: tag, group and person pages, back/forward history, shortcuts
that work from every page, and files dropped on the window to share them.

Every name on show (a card's tags, the reading pane's author, tags and groups, the search
facets, a group card) opens its page; each page shown is a place in the history, which
Alt+Left / Alt+Right, the toolbar's arrows and the mouse's back and forward buttons walk.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, Signal, Slot
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QListView,
    QMenu,
    QStyle,
    QStyleOptionViewItem,
    QToolBar,
    QWidget,
)

from kshare.ui.group_page import GroupPage
from kshare.ui.share_dialog import ShareDocumentDialog, local_files
from kshare.ui.tag_page import TagPage

log = logging.getLogger(__name__)

HISTORY_LIMIT = 200


@dataclass(frozen=True)
class Place:
    """Somewhere the window can show: a page (by number), an item, a person, a tag, a group."""

    kind: str
    ref: str = ""


class History(QObject):
    """Places visited, with a position; visiting after going back drops the forward part."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None, limit: int = HISTORY_LIMIT) -> None:
        super().__init__(parent)
        self._places: list[Place] = []
        self._at = -1
        self._limit = limit

    @property
    def current(self) -> Place | None:
        return self._places[self._at] if self._at >= 0 else None

    def visit(self, place: Place) -> None:
        if place == self.current:
            return  # shown again (or arriving where back/forward went): not a new place
        del self._places[self._at + 1 :]
        self._places.append(place)
        if len(self._places) > self._limit:
            del self._places[0]
        self._at = len(self._places) - 1
        self.changed.emit()

    def can_go_back(self) -> bool:
        return self._at > 0

    def can_go_forward(self) -> bool:
        return self._at < len(self._places) - 1

    def back(self) -> Place | None:
        if not self.can_go_back():
            return None
        self._at -= 1
        self.changed.emit()
        return self.current

    def forward(self) -> Place | None:
        if not self.can_go_forward():
            return None
        self._at += 1
        self.changed.emit()
        return self.current


def _key_of(event: QKeyEvent) -> QKeySequence:
    return QKeySequence(event.keyCombination())


class Navigator(QObject):
    """Adds pages, history, window-wide shortcuts and drop-to-share to the main window."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.history = History(self)
        self._card_lists: dict[QObject, QListView] = {}
        self._keys: set[str] = set()
        self._last_item: str | None = None
        self._last_person: str | None = None
        workspace, runner = window._workspace, window._runner
        pages: Any = getattr(workspace, "pages", None)
        follows = getattr(workspace, "notifications", None)
        self.tag_page = TagPage(pages, runner, follows=follows)
        self.group_page = GroupPage(pages, runner, follows=follows)
        self._pages = pages
        for page in (self.tag_page, self.group_page):
            window.pages.addWidget(page)
            page.item_activated.connect(window.show_item)
            page.person_activated.connect(self._on_page_person_activated)
            page.follow_button.changed.connect(window.on_follow_changed)
        self.share_dialog: ShareDocumentDialog | None = None

        style = window.style()
        self.back_action = self._action(
            self.tr("&Back"), QKeySequence.StandardKey.Back, self.go_back, style, "SP_ArrowBack"
        )
        self.forward_action = self._action(
            self.tr("&Forward"),
            QKeySequence.StandardKey.Forward,
            self.go_forward,
            style,
            "SP_ArrowForward",
        )
        self.share_action = self._action(
            self.tr("Share a &document…"),
            "Ctrl+Shift+D",
            self._on_share_action_triggered,
            style,
            "",
        )
        self.toolbar = QToolBar(self.tr("Navigation"), window)
        self.toolbar.setObjectName("navigationToolbar")
        self.toolbar.setMovable(False)
        for act in (self.back_action, self.forward_action):
            self.toolbar.addAction(act)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.share_action)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        go_menu = self._menu("goMenu")
        if go_menu is not None:
            go_menu.addSeparator()
            go_menu.addAction(self.back_action)
            go_menu.addAction(self.forward_action)
        file_menu = self._menu("fileMenu")
        if file_menu is not None:
            file_menu.insertAction(file_menu.actions()[0], self.share_action)
        # Shortcuts of the window, usable from every page and inside any text field.
        self.global_actions = [
            a for a in window.findChildren(QAction) if not a.shortcut().isEmpty()
        ]
        for act in self.global_actions:
            # Application-wide, so a page's own widgets (a list, a text box) never hide them.
            act.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self._keys = {act.shortcut().toString() for act in self.global_actions}
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        self._connect()
        self._update_actions()
        self.history.visit(Place("page", str(window.navigation.currentRow())))

    def _action(
        self, text: str, key: QKeySequence.StandardKey | str, slot: Any, style: QStyle, pix: str
    ) -> QAction:
        act = QAction(text, self.window)
        act.setShortcut(QKeySequence(key))
        if pix:
            act.setIcon(style.standardIcon(getattr(QStyle.StandardPixmap, pix)))
        act.triggered.connect(slot)
        return act

    def _connect(self) -> None:
        w = self.window
        self.history.changed.connect(self._update_actions)
        w.navigation.currentRowChanged.connect(self._on_navigation_current_row_changed)
        w.detail.item_shown.connect(self._on_detail_item_shown)
        w.collection.collection_shown.connect(self._on_detail_item_shown)  # opened as an item
        w.detail.tag_link_clicked.connect(self.show_tag)
        w.detail.group_link_clicked.connect(self.show_group)
        w.person.profile_shown.connect(self._on_person_profile_shown)
        w.groups.group_opened.connect(self.show_group)
        w.search.facet_clicked.connect(self._on_search_facet_clicked)
        # A card's tag chips open the tag's page (pressing one does not open the card).
        self._card_lists = {page.list.viewport(): page.list for page in (w.feed, w.search)}
        for viewport in self._card_lists:
            viewport.installEventFilter(self)

    # -- going places ------------------------------------------------------------------

    def show_tag(self, tag: str) -> None:
        self._show_middle(self.tag_page)
        self.tag_page.show_tag(tag)
        self.history.visit(Place("tag", tag))

    def show_group(self, group: str) -> None:
        self._show_middle(self.group_page)
        self.group_page.show_group(group)
        self.history.visit(Place("group", group))

    def go_back(self) -> None:
        place = self.history.back()
        if place is not None:
            self._go(place)

    def go_forward(self) -> None:
        place = self.history.forward()
        if place is not None:
            self._go(place)

    def _go(self, place: Place) -> None:
        w = self.window
        if place.kind == "page":
            w.show_page(int(place.ref))
        elif place.kind == "item":
            w.show_item(place.ref)
        elif place.kind == "person":
            w.show_person(place.ref or None)
        elif place.kind == "tag":
            self._show_middle(self.tag_page)
            self.tag_page.show_tag(place.ref)
        elif place.kind == "group":
            self._show_middle(self.group_page)
            self.group_page.show_group(place.ref)

    def _show_middle(self, page: QWidget) -> None:
        w = self.window
        w.navigation.blockSignals(True)
        w.navigation.clearSelection()
        w.navigation.setCurrentRow(-1)
        w.navigation.blockSignals(False)
        w.pages.setCurrentWidget(page)
        w.reading.setVisible(True)

    def share_files(self, files: list[Path]) -> ShareDocumentDialog | None:
        """Ask who may see ``files``, then share them as documents (through the outbox)."""
        if not files:
            return None
        dialog = ShareDocumentDialog(
            self.window._workspace, self.window._runner, files, self.window
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.shared.connect(self._on_share_dialog_shared)
        self.share_dialog = dialog
        dialog.open()
        return dialog

    # -- events ------------------------------------------------------------------------

    def chip_at(self, view: QListView, pos: QPoint) -> str | None:
        """The tag whose chip is under ``pos`` on a card of ``view``, if any."""
        index = view.indexAt(pos)
        delegate = view.itemDelegate()
        if not index.isValid() or not hasattr(delegate, "tag_chips"):
            return None
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        option.rect = view.visualRect(index)
        for rect, tag in delegate.tag_chips(option, index):
            if rect.contains(QPointF(pos)):
                return str(tag)
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        view = self._card_lists.get(watched) if isinstance(watched, QWidget) else None
        if (
            view is not None
            and kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease)
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
        ):
            tag = self.chip_at(view, event.position().toPoint())
            if tag is not None:
                if kind == QEvent.Type.MouseButtonRelease:
                    self.show_tag(tag)
                return True
        if kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            # A text field claims keys like Ctrl+E (end of line) before shortcuts see
            # them; the window's own shortcuts win, wherever the focus is.
            if self._in_window(watched) and _key_of(event).toString() in self._keys:
                event.ignore()
                return True
        elif kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            if self._in_window(watched):
                if event.button() == Qt.MouseButton.BackButton:
                    self.go_back()
                    return True
                if event.button() == Qt.MouseButton.ForwardButton:
                    self.go_forward()
                    return True
        elif watched is self.window and kind == QEvent.Type.DragEnter:
            assert isinstance(event, QDragEnterEvent)
            if local_files(event.mimeData().urls()):
                event.acceptProposedAction()
                return True
        elif watched is self.window and kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            files = local_files(event.mimeData().urls())
            if files:
                event.acceptProposedAction()
                self.share_files(files)
                return True
        return False

    def _in_window(self, watched: QObject) -> bool:
        """Whether ``watched`` is in the main window (its dialogs keep their own keys)."""
        return isinstance(watched, QWidget) and watched.window() is self.window

    # -- slots -------------------------------------------------------------------------

    def _update_actions(self) -> None:
        self.back_action.setEnabled(self.history.can_go_back())
        self.forward_action.setEnabled(self.history.can_go_forward())

    @Slot(int)
    def _on_navigation_current_row_changed(self, row: int) -> None:
        if row >= 0:
            self.history.visit(Place("page", str(row)))

    @Slot(str)
    def _on_detail_item_shown(self, item_id: str) -> None:
        if item_id == self._last_item:
            return  # shown again after a sync: not a place of its own
        self._last_item = item_id
        self.history.visit(Place("item", item_id))

    @Slot(str)
    def _on_person_profile_shown(self, person_id: str) -> None:
        me = self.window._workspace.account
        own = me is not None and me.user_id == person_id
        if person_id == self._last_person:
            return
        self._last_person = person_id
        self.history.visit(Place("person", "" if own else person_id))

    @Slot(str)
    def _on_page_person_activated(self, person_id: str) -> None:
        self.window.show_person(person_id)

    @Slot(str, str)
    def _on_search_facet_clicked(self, name: str, value: str) -> None:
        if name in ("tag", "tags"):
            self.show_tag(value)
        elif name == "group":
            self.show_group(value)
        elif name == "author" and self._pages is not None:
            person_id = self._pages.person_id(value)
            if person_id is not None:
                self.window.show_person(person_id)

    @Slot()
    def _menu(self, name: str) -> QMenu | None:
        """The window's menu of that object name (its title is in the language in effect)."""
        for act in self.window.menuBar().actions():
            menu = act.menu()
            if isinstance(menu, QMenu) and menu.objectName() == name:
                return menu
        return None

    def _on_share_action_triggered(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _filter = QFileDialog.getOpenFileNames(self.window, self.tr("Share a document"))
        self.share_files([Path(p) for p in chosen])

    @Slot(list, str)
    def _on_share_dialog_shared(self, ids: list[str], summary: str) -> None:
        w = self.window
        count = len(ids)
        if count == 1:
            saved = self.tr("Saved 1 document. {summary}. Sending at the next sync…")
        else:
            saved = self.tr("Saved %n documents. {summary}. Sending at the next sync…", "", count)
        w.statusBar().showMessage(saved.format(summary=summary), 8000)
        w.feed.refresh()
        if ids:
            w.show_item(ids[0])
        w._runner.local(w._workspace.pending_count, success=w.status.set_pending, owner=w)
        w._sync.sync_now()
