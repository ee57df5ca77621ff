"""Builders in the shape pages use them: a query reads, a collection op writes.

Both run through :class:`kshare.ui.operations.TaskRunner`, so their outcomes
arrive on the GUI thread through its one mailbox.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject

from kshare.ui.operations import Failure, Operation, TaskRunner

T = TypeVar("T")


class QueryOp(Generic[T]):
    """Read something in the background and hand it to a page on the GUI thread.

    ``parent`` is the page: once it is deleted, the result is dropped.
    """

    _lane = "local"
    _writes = False

    def __init__(
        self, *, parent: QObject | None, op: Callable[[], T], success: Callable[[T], None]
    ) -> None:
        self._parent = parent
        self._op = op
        self._success = success
        self._failure: Callable[[Failure], None] | None = None
        self._label = ""
        self._shown = False

    def failure(self, callback: Callable[[Failure], None]) -> QueryOp[T]:
        self._failure = callback
        return self

    def with_progress(self, label: str) -> QueryOp[T]:
        """Show ``label`` as the window's activity while the work runs."""
        self._label = label
        self._shown = True
        return self

    def over_network(self) -> QueryOp[T]:
        self._lane = "network"
        return self

    def run_in_background(self, runner: TaskRunner) -> Operation:
        operation = Operation(
            self._op,
            success=self._success,
            failure=self._failure,
            label=self._label,
            owner=self._parent,
            report_failure_without_owner=self._writes,
        )
        return runner.run(self._lane, operation, shown=self._shown)


class CollectionOp(QueryOp[T]):
    """Change the local cache in the background, in order with every other local job.

    Unlike a query, a failed write is shown even when its page was closed: the
    user must learn that what they did was not saved.
    """

    _writes = True
