"""A column of cards that scrolls: expert results, groups, requests, unpublished writes."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from kshare.ui.preview_pane import named


def card_list(
    name: str, *, spacing: int, body_name: str = ""
) -> tuple[QScrollArea, QWidget, QVBoxLayout]:
    """A frameless scroll area over an empty column, and the column's body and layout.

    The layout ends with a stretch that keeps the cards at the top: insert each card
    before it (``layout.insertWidget(layout.count() - 1, card)``).
    """
    body = named(QWidget(), body_name) if body_name else QWidget()
    column = QVBoxLayout(body)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(spacing)
    column.addStretch(1)
    scroll = named(QScrollArea(), name)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(body)
    return scroll, body, column
