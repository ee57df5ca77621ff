"""An inline preview of a shared file: PDF pages as pictures, other documents as text."""

from __future__ import annotations

import logging
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kshare.client.documents.views import DocumentPreview, PageImage
from kshare.ui.i18n import phrase_text

log = logging.getLogger(__name__)

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """``widget`` with its object name set (the style sheet and tests find it by name)."""
    widget.setObjectName(name)
    return widget


def page_image(page: PageImage) -> QImage:
    """A QImage that owns a copy of the rendered pixels."""
    image = QImage(page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGBX8888)
    return image.copy()


class PreviewPane(QWidget):
    """Shows one :class:`DocumentPreview`; rendering happens elsewhere, off the GUI thread."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewPane")
        self.page_labels: list[QLabel] = []
        self._pixmaps: list[QPixmap] = []  # as rendered; shown scaled to the pane's width
        self.message = named(QLabel(wordWrap=True), "previewMessage")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pages_box = QWidget()
        self._pages_layout = QVBoxLayout(self.pages_box)
        self._pages_layout.setContentsMargins(8, 8, 8, 8)
        self._pages_layout.setSpacing(12)
        self._pages_layout.addStretch(1)
        self.pages_scroll = QScrollArea()
        self.pages_scroll.setWidgetResizable(True)
        self.pages_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.pages_scroll.setWidget(self.pages_box)
        self.pages_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pages_scroll.viewport().installEventFilter(self)
        self.text = named(QPlainTextEdit(), "previewText")
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("Document text"))
        self.blank = QWidget()
        self.stack = QStackedWidget()
        for widget in (self.blank, self.pages_scroll, self.text):
            self.stack.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.message)
        layout.addWidget(self.stack, 1)
        self.show_message("")

    @property
    def kind(self) -> str:
        current = self.stack.currentWidget()
        if current is self.pages_scroll:
            return "pdf"
        return "text" if current is self.text else "none"

    def show_message(self, text: str) -> None:
        self._clear_pages()
        self.text.clear()
        self.stack.setCurrentWidget(self.blank)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def show_preview(self, preview: DocumentPreview) -> None:
        self._clear_pages()
        note = phrase_text(preview.message_phrase, preview.message)
        self.message.setText(note)
        self.message.setVisible(bool(note))
        if preview.kind == "pdf":
            for page in preview.pages:
                label = QLabel(alignment=Qt.AlignmentFlag.AlignHCenter)
                pixmap = QPixmap.fromImage(page_image(page))
                self._pixmaps.append(pixmap)
                label.setPixmap(self._fitted(pixmap))
                label.setAccessibleName(
                    self.tr("Page {number} of {count}").format(
                        number=page.number, count=preview.page_count
                    )
                )
                self._pages_layout.insertWidget(self._pages_layout.count() - 1, label)
                self.page_labels.append(label)
            self.stack.setCurrentWidget(self.pages_scroll)
            self._refit()
        elif preview.kind == "text":
            self.text.setPlainText(preview.text)
            self.stack.setCurrentWidget(self.text)
        else:
            self.stack.setCurrentWidget(self.blank)

    def _fitted(self, pixmap: QPixmap) -> QPixmap:
        room = self.pages_scroll.viewport().width() - 24
        if room <= 0 or pixmap.width() <= room:
            return pixmap
        return pixmap.scaledToWidth(room, Qt.TransformationMode.SmoothTransformation)

    def _refit(self) -> None:
        for label, pixmap in zip(self.page_labels, self._pixmaps, strict=True):
            label.setPixmap(self._fitted(pixmap))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.pages_scroll.viewport() and event.type() == QEvent.Type.Resize:
            self._refit()  # the pane got wider or narrower: pages follow its width
        return False

    def _clear_pages(self) -> None:
        for label in self.page_labels:
            self._pages_layout.removeWidget(label)
            label.deleteLater()
        self.page_labels = []
        self._pixmaps = []
