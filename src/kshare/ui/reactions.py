"""A row of emoji buttons under an item: how many reacted with each, and whether you did."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

# The reactions offered on every item, with the words a screen reader says for each.
OFFERED = (
    ("👍", "Thumbs up"),
    ("❤️", "Heart"),
    ("🎉", "Celebrate"),
    ("💡", "Insightful"),
    ("🙏", "Thanks"),
)
NAMES = dict(OFFERED)


def button_text(emoji: str, count: int) -> str:
    return f"{emoji} {count}" if count else emoji


def accessible_name(emoji: str, count: int, mine: bool) -> str:
    name = NAMES.get(emoji, emoji)
    people = f"{count} reaction{'s' if count != 1 else ''}"
    return f"{name}, {people}{', including yours' if mine else ''}"


class ReactionBar(QWidget):
    """The offered emoji plus any other one already on the item; a click toggles yours."""

    toggled = Signal(str, bool)  # emoji, True to add yours, False to take it back

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reactionBar")
        self.buttons: dict[str, QToolButton] = {}
        self._counts: dict[str, int] = {}
        self._mine: frozenset[str] = frozenset()
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._layout.addStretch(1)

    def set_reactions(self, counts: tuple[tuple[str, int], ...], mine: frozenset[str]) -> None:
        self._counts = dict(counts)
        self._mine = mine
        wanted = [emoji for emoji, _name in OFFERED]
        wanted += [emoji for emoji, _count in counts if emoji not in NAMES]
        for emoji in list(self.buttons):
            if emoji not in wanted:
                self.buttons.pop(emoji).deleteLater()
        for position, emoji in enumerate(wanted):
            button = self.buttons.get(emoji) or self._add_button(emoji, position)
            count = self._counts.get(emoji, 0)
            button.setText(button_text(emoji, count))
            button.setChecked(emoji in mine)
            button.setAccessibleName(accessible_name(emoji, count, emoji in mine))
            button.setToolTip(
                f"Take back your {NAMES.get(emoji, emoji)}"
                if emoji in mine
                else f"React with {NAMES.get(emoji, emoji)}"
            )

    def count(self, emoji: str) -> int:
        return self._counts.get(emoji, 0)

    def _add_button(self, emoji: str, position: int) -> QToolButton:
        button = QToolButton(self, objectName="reactionButton")
        button.setCheckable(True)
        button.setAutoRaise(True)
        button.setProperty("emoji", emoji)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.clicked.connect(self._on_button_clicked)
        self._layout.insertWidget(position, button)
        button.show()  # at once: a layout would only show it at the next turn of the loop
        self.buttons[emoji] = button
        return button

    @Slot(bool)
    def _on_button_clicked(self, checked: bool) -> None:
        button = self.sender()
        emoji = str(button.property("emoji")) if button is not None else ""
        if emoji:
            self.toggled.emit(emoji, checked)
