"""A row of emoji buttons under an item: how many reacted with each, and whether you did."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from kshare.ui.preview_pane import named
from kshare.ui.text import QT_TRANSLATE_NOOP
from kshare.ui.text import counts as counted

# The reactions offered on every item, with the words a screen reader says for each
# (translated where they are said, context reactions).
OFFERED = (
    ("👍", QT_TRANSLATE_NOOP("reactions", "Thumbs up")),
    ("❤️", QT_TRANSLATE_NOOP("reactions", "Heart")),
    ("🎉", QT_TRANSLATE_NOOP("reactions", "Celebrate")),
    ("💡", QT_TRANSLATE_NOOP("reactions", "Insightful")),
    ("🙏", QT_TRANSLATE_NOOP("reactions", "Thanks")),
)
NAMES = dict(OFFERED)


def _tr(text: str) -> str:
    return QCoreApplication.translate("reactions", text)


def reaction_name(emoji: str) -> str:
    """What a screen reader says for an emoji: its name, or the emoji itself."""
    return _tr(NAMES[emoji]) if emoji in NAMES else emoji


def button_text(emoji: str, count: int) -> str:
    return f"{emoji} {count}" if count else emoji


def accessible_name(emoji: str, count: int, mine: bool) -> str:
    people = counted().reactions(count)
    if mine:
        return QCoreApplication.translate(
            "reactions", "{name}, {reactions}, including yours"
        ).format(name=reaction_name(emoji), reactions=people)
    return QCoreApplication.translate("reactions", "{name}, {reactions}").format(
        name=reaction_name(emoji), reactions=people
    )


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
            tip = (
                self.tr("Take back your {reaction}")
                if emoji in mine
                else self.tr("React with {reaction}")
            )
            button.setToolTip(tip.format(reaction=reaction_name(emoji)))

    def count(self, emoji: str) -> int:
        return self._counts.get(emoji, 0)

    def _add_button(self, emoji: str, position: int) -> QToolButton:
        button = named(QToolButton(self), "reactionButton")
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
