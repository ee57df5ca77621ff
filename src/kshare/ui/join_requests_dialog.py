"""Requests to join a closed group, for its owners: approve or decline each one.

The list comes from the server when the dialog opens and after each answer;
an approved person is a member at once and sees the group's content after
their next sync. A declined person may ask again later.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kshare.client.views import JoinRequestView
from kshare.ui.card_list import card_list
from kshare.ui.operations import Failure, TaskRunner
from kshare.ui.preview_pane import named
from kshare.ui.text import QT_TRANSLATE_NOOP, full_time, relative_time

log = logging.getLogger(__name__)

EMPTY = QT_TRANSLATE_NOOP("JoinRequestsDialog", "No one is waiting to join.")


class RequestSource(Protocol):
    def join_requests(self, group_id: str) -> list[JoinRequestView]: ...
    def approve_request(self, group_id: str, person_id: str) -> None: ...
    def decline_request(self, group_id: str, person_id: str) -> None: ...


class RequestRow(QFrame):
    """One person who asked: who, when, and Approve / Decline."""

    def __init__(self, request: JoinRequestView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("joinRequest")
        self.request = request
        person = request.person
        self.who = named(QLabel(f"{person.display_name} ({person.username})"), "requestWho")
        self.who.setTextFormat(Qt.TextFormat.PlainText)
        asked = self.tr("asked {when}").format(when=relative_time(request.requested_at))
        self.when = named(QLabel(asked), "hint")
        self.when.setToolTip(full_time(request.requested_at))
        self.approve_button = named(QPushButton(self.tr("Approve")), "approveButton")
        self.approve_button.setAccessibleName(
            self.tr("Approve {name}").format(name=person.display_name)
        )
        self.decline_button = named(QPushButton(self.tr("Decline")), "declineButton")
        self.decline_button.setAccessibleName(
            self.tr("Decline {name}").format(name=person.display_name)
        )
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(self.who)
        text.addWidget(self.when)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(text, 1)
        layout.addWidget(self.decline_button)
        layout.addWidget(self.approve_button)

    def set_busy(self, busy: bool) -> None:
        self.approve_button.setEnabled(not busy)
        self.decline_button.setEnabled(not busy)


class JoinRequestsDialog(QDialog):
    answered = Signal(str, str, bool)  # group id, person id, approved
    requests_shown = Signal(int)  # how many requests the dialog lists now

    def __init__(
        self,
        source: RequestSource,
        runner: TaskRunner,
        group_id: str,
        group_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("joinRequestsDialog")
        self.setWindowTitle(self.tr("Requests to join {group}").format(group=group_name))
        self.resize(460, 360)
        self._source = source
        self._runner = runner
        self.group_id = group_id
        self.group_name = group_name
        self._request = 0
        self.rows: dict[str, RequestRow] = {}

        intro = named(
            QLabel(
                self.tr(
                    "These people asked to join {group}. Approving lets them see what its "
                    "members share."
                ).format(group=group_name),
                wordWrap=True,
            ),
            "pageSubtitle",
        )
        self.status = named(QLabel(wordWrap=True), "hint")
        self.error = named(QLabel(wordWrap=True), "errorText")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        self.empty = named(QLabel(self.tr(EMPTY), wordWrap=True), "emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        scroll, self._body, self._list = card_list("joinRequestList", spacing=6)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 12)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(self.empty)
        layout.addWidget(scroll, 1)
        layout.addWidget(close)

    def refresh(self) -> None:
        """Ask the server for the waiting requests, off the GUI thread; a later call wins."""
        self._request += 1
        request = self._request
        if not self.rows:
            self.status.setText(self.tr("Asking the server…"))
        group_id = self.group_id
        self._runner.network(
            lambda: self._source.join_requests(group_id),
            success=lambda found: self._show_requests(request, found),
            failure=lambda failure: self._on_load_failed(request, failure),
            label=QT_TRANSLATE_NOOP("TaskLabel", "reading the requests to join"),
            owner=self,
        )

    def row(self, username: str) -> RequestRow | None:
        return next((r for r in self.rows.values() if r.request.person.username == username), None)

    def _show_requests(self, request: int, found: list[JoinRequestView]) -> None:
        if request != self._request:
            return
        for row in self.rows.values():
            row.deleteLater()
        self.rows = {}
        for position, item in enumerate(found):
            row = RequestRow(item, self._body)
            person_id = item.person.id
            row.approve_button.clicked.connect(
                lambda _c=False, p=person_id: self._answer(p, approve=True)
            )
            row.decline_button.clicked.connect(
                lambda _c=False, p=person_id: self._answer(p, approve=False)
            )
            self._list.insertWidget(position, row)
            row.show()
            self.rows[person_id] = row
        self.status.setText("")
        self.empty.setVisible(not found)
        self.requests_shown.emit(len(found))

    def _on_load_failed(self, request: int, failure: Failure) -> None:
        if request == self._request:
            self.status.setText("")
            self._show_failure(failure)

    def _answer(self, person_id: str, *, approve: bool) -> None:
        if (row := self.rows.get(person_id)) is not None:
            row.set_busy(True)
        self.error.hide()
        group_id = self.group_id
        if approve:
            work = lambda: self._source.approve_request(group_id, person_id)  # noqa: E731
        else:
            work = lambda: self._source.decline_request(group_id, person_id)  # noqa: E731

        def done(_none: object) -> None:
            self.answered.emit(group_id, person_id, approve)
            self.refresh()

        def failed(failure: Failure) -> None:
            self._show_failure(failure)
            self.refresh()  # another owner may have answered meanwhile

        self._runner.network(
            work,
            success=done,
            failure=failed,
            label=QT_TRANSLATE_NOOP("TaskLabel", "approving the request")
            if approve
            else QT_TRANSLATE_NOOP("TaskLabel", "declining the request"),
            owner=self,
        )

    def _show_failure(self, failure: Failure) -> None:
        self.error.setText(failure.message)
        self.error.setToolTip("" if failure.user_facing else failure.details)
        self.error.show()
