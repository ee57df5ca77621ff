"""Search the local index: a box, the hits with snippets, "did you mean", facets.

With the person's consent (the ``share_search_gaps`` setting, checked where the report
is queued) the page tells curators of searches that did not help, without a name:
one that found nothing, and one **abandoned**: results were shown, none was opened nor a
facet followed, and at least :data:`ABANDONED_AFTER_S` seconds of the injected clock later
the person typed another query, cleared the box, or left the page. Sooner than that is
still typing, not giving up. A search that found nothing counts at once when it was asked
for (Enter, a link, a page), and by the same pause when it ran as the person typed, so a
half-typed word is never reported. The report is queued in the outbox off the GUI
thread and sent with a later sync.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kshare.client.views import SearchResults
from kshare.clock import SYSTEM, Clock
from kshare.ui.card_delegate import CardDelegate, Role
from kshare.ui.i18n import translate_noop
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.resources import icon
from kshare.ui.search_model import SearchResultsModel
from kshare.ui.text import kind_label

log = logging.getLogger(__name__)

PAGE_SIZE = 20
TYPING_PAUSE_MS = 350  # search as the user types, once they pause
ABANDONED_AFTER_S = 10.0  # results on screen this long, nothing opened, then left: abandoned
GapReport = Callable[..., object]  # (query, found, *, abandoned) -> whether it was queued


class SearchSource(Protocol):
    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        page: int = 1,
        sort: str = "relevance",
        note_gap: bool = True,
    ) -> SearchResults: ...


FACET_NAMES = {
    "tag": translate_noop("SearchPage", "Tag"),
    "author": translate_noop("SearchPage", "Author"),
    "group": translate_noop("SearchPage", "Group"),
    "kind": translate_noop("SearchPage", "Kind"),
}
HINT = translate_noop(
    "SearchPage",
    "Type a few words to search everything you can see.\n"
    "The index lives on this computer, so search works offline too.",
)


def facets_text(facets: dict[str, tuple[tuple[str, int], ...]]) -> str:
    lines = []
    for name, values in facets.items():
        if not values:
            continue
        shown = ", ".join(
            f'<a href="{html.escape(name)}:{html.escape(v)}">'
            f"{html.escape(kind_label(v) if name == 'kind' else v)}</a> ({n})"
            for v, n in values[:6]
        )
        label = QCoreApplication.translate("SearchPage", FACET_NAMES.get(name, name.capitalize()))
        lines.append(f"<b>{html.escape(label)}:</b> {shown}")
    return "<br>".join(lines)


class SearchPage(QWidget):
    item_activated = Signal(str)
    results_shown = Signal(object)  # SearchResults
    facet_clicked = Signal(str, str)  # facet name ("tag", "author", "group", "kind"), value

    def __init__(
        self,
        source: SearchSource,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        gaps: GapReport | None = None,
        clock: Clock = SYSTEM,
    ):
        super().__init__(parent)
        self._source = source
        self._runner = runner
        self._request = 0
        self._last: SearchResults | None = None
        self._gaps = gaps
        self._clock = clock
        # The results now on screen that may yet be abandoned: (query, total, shown at).
        self._watching: tuple[str, int, float] | None = None

        title = QLabel(self.tr("Search"))
        title.setObjectName("pageTitle")
        self.box = QLineEdit()
        self.box.setObjectName("searchBox")
        self.box.setAccessibleName(self.tr("Search"))
        self.box.setPlaceholderText(
            self.tr("Search posts, questions and documents — works offline")
        )
        self.box.setClearButtonEnabled(True)
        self.box.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.summary = QLabel()
        self.summary.setObjectName("pageSubtitle")
        self.suggestion = QLabel()
        self.suggestion.setObjectName("hint")
        self.suggestion.setTextFormat(Qt.TextFormat.RichText)
        self.suggestion.linkActivated.connect(self._on_suggestion_link_activated)
        self.facets = QLabel()
        self.facets.setObjectName("hint")
        self.facets.setWordWrap(True)
        self.facets.setTextFormat(Qt.TextFormat.RichText)
        self.facets.linkActivated.connect(self._on_facets_link_activated)

        self.model = SearchResultsModel(self)
        self.list = QListView()
        self.list.setObjectName("cards")
        self.list.setAccessibleName(self.tr("Results"))
        self.list.setModel(self.model)
        self.list.setItemDelegate(CardDelegate(self.list))
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setMouseTracking(True)
        self.list.selectionModel().currentChanged.connect(self._on_list_current_changed)
        self.more = QPushButton(self.tr("Show more results"))
        self.more.clicked.connect(self._on_more_clicked)

        self.empty = QLabel(self.tr(HINT))
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self._stack = QStackedWidget()
        self._stack.addWidget(self.empty)
        results = QWidget()
        results_layout = QVBoxLayout(results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.list, 1)
        results_layout.addWidget(self.more, 0, Qt.AlignmentFlag.AlignHCenter)
        self._stack.addWidget(results)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(self.box)
        layout.addWidget(self.summary)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.facets)
        layout.addWidget(self._stack, 1)
        self._show_results_chrome(None)

        self._typing = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._on_typing_timeout)
        self.box.textEdited.connect(self._on_box_text_edited)
        self.box.returnPressed.connect(self._on_box_return_pressed)

    def focus_search(self) -> None:
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def search(self, query: str, page: int = 1, *, typed: bool = False) -> None:
        """Run a search off the GUI thread; a newer search makes older answers moot.

        ``typed``: it ran because the person paused while typing, not because they asked.
        """
        query = query.strip()
        self._typing.stop()
        if self._watching is not None and self._watching[0] != query:
            self._settle()
        if self.box.text().strip() != query:
            self.box.setText(query)
        self._request += 1
        request = self._request
        if not query:
            self._last = None
            self.model.clear()
            self._show_results_chrome(None)
            return
        self.summary.setText(self.tr("Searching…"))
        self._runner.local(
            lambda: self._source.search(query, limit=PAGE_SIZE, page=page, note_gap=False),
            success=lambda results: self._on_results_loaded(request, page, results, typed),
            failure=lambda failure: self._on_search_failed(request, failure),
            label=translate_noop("TaskLabel", "searching"),
            owner=self,
        )

    def on_changes(self, changes: Any) -> None:
        """The index changed under the shown results: run the same search again."""
        if self._last is not None and self._last.query:
            self.search(self._last.query)

    # -- results ----------------------------------------------------------

    def _on_results_loaded(
        self, request: int, page: int, results: SearchResults, typed: bool = False
    ) -> None:
        if request != self._request:
            return
        if page == 1:
            self.model.set_hits(results.hits)
        else:
            self.model.append_hits(results.hits)
        self._last = results
        self._show_results_chrome(results)
        if page == 1 and not results.error:
            watched = self._watching
            if not results.total and not typed:
                self._report(results.query, 0)  # asked for, and nothing found
            elif watched is None or watched[0] != results.query:
                self._watching = (results.query, results.total, self._clock.monotonic())
        self.results_shown.emit(results)

    def _on_search_failed(self, request: int, failure: Failure) -> None:
        if request == self._request:
            self.summary.setText(failure.message)

    def _show_results_chrome(self, results: SearchResults | None) -> None:
        if results is None:
            self.summary.setText("")
            self.suggestion.hide()
            self.facets.hide()
            self.more.hide()
            self._stack.setCurrentWidget(self.empty)
            self.empty.setText(self.tr(HINT))
            return
        quoted = f"“{results.query}”"
        if results.error:
            self.summary.setText(results.error)
        elif results.total == 0:
            self.summary.setText(self.tr("Nothing found for {query}").format(query=quoted))
        elif results.total == 1:
            self.summary.setText(self.tr("1 result for {query}").format(query=quoted))
        else:
            self.summary.setText(
                self.tr("%Ln results for {query}", "", results.total).format(query=quoted)
            )
        if results.suggestion:
            link = html.escape(results.suggestion)
            self.suggestion.setText(
                self.tr('Did you mean <a href="suggest">{suggestion}</a>?').format(suggestion=link)
            )
            self.suggestion.show()
        else:
            self.suggestion.hide()
        text = facets_text(results.facets)
        self.facets.setText(text)
        self.facets.setVisible(bool(text))
        self.more.setVisible(self.model.rowCount() < results.total and bool(results.hits))
        if self.model.rowCount():
            self._stack.setCurrentIndex(1)
        else:
            self._stack.setCurrentWidget(self.empty)
            self.empty.setText(self.tr("No matches. Try other words, or fewer of them."))

    # -- searches that did not help ----------------------------------------

    def _engaged(self) -> None:
        """Something shown was used: this search helped, whatever comes next."""
        self._watching = None

    def _settle(self) -> None:
        """The shown results are being left: report them if they were abandoned."""
        watched, self._watching = self._watching, None
        if watched is None or self._gaps is None:
            return
        query, total, shown_at = watched
        if self._clock.monotonic() - shown_at < ABANDONED_AFTER_S:
            return
        self._report(query, total)

    def _report(self, query: str, total: int) -> None:
        """Queue the report (the service checks consent); results shown make it abandoned."""
        report = self._gaps
        if report is None:
            return
        self._runner.write(
            lambda: report(query, total, abandoned=total > 0),
            label=translate_noop("TaskLabel", "noting a search that did not help"),
            owner=self,
        )

    def hideEvent(self, event: QHideEvent) -> None:
        self._settle()
        super().hideEvent(event)

    # -- slots --------------------------------------------------------------

    @Slot(str)
    def _on_facets_link_activated(self, link: str) -> None:
        self._engaged()
        name, _, value = link.partition(":")
        if name == "kind":  # narrows the search; the other facets open a page
            query = self.box.text().strip()
            self.box.setText(f"{query} kind:{value}".strip())
            self._on_box_return_pressed()
        self.facet_clicked.emit(name, html.unescape(value))

    @Slot(str)
    def _on_box_text_edited(self, _text: str) -> None:
        self._typing.start()

    @Slot()
    def _on_typing_timeout(self) -> None:
        self.search(self.box.text(), typed=True)

    @Slot()
    def _on_box_return_pressed(self) -> None:
        self.search(self.box.text())

    @Slot(str)
    def _on_suggestion_link_activated(self, _link: str) -> None:
        if self._last is not None and self._last.suggestion:
            self.search(self._last.suggestion)

    @Slot()
    def _on_more_clicked(self) -> None:
        if self._last is not None:
            self.search_more()

    def search_more(self) -> None:
        assert self._last is not None
        query, page = self._last.query, self._last.page + 1
        self._request += 1
        request = self._request
        self._runner.local(
            lambda: self._source.search(query, limit=PAGE_SIZE, page=page, note_gap=False),
            success=lambda results: self._on_results_loaded(request, page, results),
            failure=lambda failure: self._on_search_failed(request, failure),
            label=translate_noop("TaskLabel", "searching"),
            owner=self,
        )

    @Slot(QModelIndex, QModelIndex)
    def _on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item_id = current.data(Role.ID)
        if item_id:
            self._engaged()
            self.item_activated.emit(str(item_id))
