"""Paint a list row as a card: badge, title, one line of who/when/audience, snippet, tags.

Shared by the feed and the search results, which expose the same roles.
"""

from __future__ import annotations

import html
from enum import IntEnum

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from kshare.ui import theme


class Role(IntEnum):
    ITEM = Qt.ItemDataRole.UserRole + 1  # the value object behind the row
    ID = Qt.ItemDataRole.UserRole + 2  # the item id to open
    META = Qt.ItemDataRole.UserRole + 3  # author · when · audience
    TAGS = Qt.ItemDataRole.UserRole + 4  # list[str]
    PENDING = Qt.ItemDataRole.UserRole + 5  # bool: still in the outbox
    SNIPPET = Qt.ItemDataRole.UserRole + 6  # plain text
    BADGE = Qt.ItemDataRole.UserRole + 7  # "Question", "Post" …
    SNIPPET_HTML = Qt.ItemDataRole.UserRole + 8  # sanitized HTML with <b> around matches


PAD_X, PAD_Y, GAP = 16, 11, 4
# Light colours; painted through the theme in effect (kshare.ui.theme), so dark mode works.
TITLE = "#1f2933"
META = "#7b8794"
SNIPPET = "#3e4c59"
ACCENT = "#3461c1"
CHIP_BG = "#eef1f5"
CHIP_TEXT = "#52606d"
PENDING_BG = "#fff4e0"
PENDING_TEXT = "#8a5300"
SELECTED_BG = "#eaf1fe"
HOVER_BG = "#f7f9fc"
RULE = "#eef0f3"


def _c(light: str) -> QColor:
    return theme.current().color(light)


class CardDelegate(QStyledItemDelegate):
    def tag_chips(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> list[tuple[QRectF, str]]:
        """Where :meth:`paint` draws each tag chip of a card (for clicks on them)."""
        tags = index.data(Role.TAGS) or []
        if not tags:
            return []
        title, base, small = self._fonts(option)
        small_m = QFontMetrics(small)
        rect = option.rect
        x, width = rect.x() + PAD_X, rect.width() - 2 * PAD_X
        y = rect.y() + PAD_Y + small_m.height() + GAP
        y += QFontMetrics(title).height() + GAP + small_m.height()
        if self._snippet(index)[0]:
            y += GAP + QFontMetrics(base).lineSpacing() * 2
        y += GAP + 2
        chips, left = [], x
        for tag in tags:
            chip_w = small_m.horizontalAdvance(f"#{tag}") + 14
            if left + chip_w > x + width:
                break
            chips.append((QRectF(left, y, chip_w, small_m.height() + 3), str(tag)))
            left += chip_w + 6
        return chips

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        base = QFont(option.font)
        title = QFont(base)
        title.setPointSizeF(base.pointSizeF() * 1.08)
        title.setWeight(QFont.Weight.DemiBold)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.9)
        return title, base, small

    def _snippet(self, index: QModelIndex | QPersistentModelIndex) -> tuple[str, bool]:
        html = index.data(Role.SNIPPET_HTML)
        if html:
            return str(html), True
        return str(index.data(Role.SNIPPET) or ""), False

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        title, base, small = self._fonts(option)
        height = PAD_Y * 2 + QFontMetrics(small).height()  # badge line
        height += GAP + QFontMetrics(title).height() + GAP + QFontMetrics(small).height()
        if self._snippet(index)[0]:
            height += GAP + QFontMetrics(base).lineSpacing() * 2
        if index.data(Role.TAGS):
            height += GAP + 2 + QFontMetrics(small).height() + 4
        return QSize(320, height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        title_font, base, small = self._fonts(option)
        rect = option.rect
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        if selected or hovered:
            painter.fillRect(rect, _c(SELECTED_BG if selected else HOVER_BG))
        if selected:
            painter.fillRect(rect.x(), rect.y(), 3, rect.height(), _c(ACCENT))
        painter.setPen(QPen(_c(RULE)))
        painter.drawLine(rect.left() + PAD_X, rect.bottom(), rect.right() - PAD_X, rect.bottom())

        x, y = rect.x() + PAD_X, rect.y() + PAD_Y
        width = rect.width() - 2 * PAD_X
        small_m = QFontMetrics(small)

        # Badge line: kind, and the outbox marker for what has not reached the server.
        painter.setFont(small)
        badge = str(index.data(Role.BADGE) or "").upper()
        painter.setPen(_c(ACCENT))
        painter.drawText(x, y + small_m.ascent(), badge)
        if index.data(Role.PENDING):
            label = self.tr("Waiting to sync")
            left = x + small_m.horizontalAdvance(badge) + 10
            chip = QRectF(left, y - 1, small_m.horizontalAdvance(label) + 14, small_m.height() + 2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_c(PENDING_BG))
            painter.drawRoundedRect(chip, 7, 7)
            painter.setPen(_c(PENDING_TEXT))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, label)
        y += small_m.height() + GAP

        painter.setFont(title_font)
        painter.setPen(_c(TITLE))
        title_m = QFontMetrics(title_font)
        title = title_m.elidedText(str(index.data() or ""), Qt.TextElideMode.ElideRight, width)
        painter.drawText(x, y + title_m.ascent(), title)
        y += title_m.height() + GAP

        painter.setFont(small)
        painter.setPen(_c(META))
        meta = small_m.elidedText(
            str(index.data(Role.META) or ""), Qt.TextElideMode.ElideRight, width
        )
        painter.drawText(x, y + small_m.ascent(), meta)
        y += small_m.height()

        snippet, is_html = self._snippet(index)
        if snippet:
            y += GAP
            lines = QFontMetrics(base).lineSpacing() * 2
            doc = QTextDocument()
            doc.setDefaultFont(base)
            doc.setDocumentMargin(0)
            doc.setTextWidth(width)
            doc.setDefaultStyleSheet(f"body {{ color: {_c(SNIPPET).name()}; }}")
            body = snippet if is_html else html.escape(snippet)
            doc.setHtml(f"<body>{body}</body>")
            painter.save()
            painter.translate(x, y)
            painter.setClipRect(QRectF(0, 0, width, lines))
            painter.setPen(_c(SNIPPET))
            doc.drawContents(painter, QRectF(0, 0, width, lines))
            painter.restore()
            y += lines

        tags = index.data(Role.TAGS) or []
        if tags:
            y += GAP + 2
            painter.setFont(small)
            left = x
            for tag in tags:
                text = f"#{tag}"
                chip_w = small_m.horizontalAdvance(text) + 14
                if left + chip_w > x + width:
                    break
                chip = QRectF(left, y, chip_w, small_m.height() + 3)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(_c(CHIP_BG))
                painter.drawRoundedRect(chip, 7, 7)
                painter.setPen(_c(CHIP_TEXT))
                painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)
                left += chip_w + 6
        painter.restore()
