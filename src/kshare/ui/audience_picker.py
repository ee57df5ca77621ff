"""Choose who can read a post: the whole company, only me, or groups and people.

The picker always says in plain words who will see the post, because the
audience is the one choice in the composer that cannot be taken back once
colleagues have read it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QLabel,
    QLineEdit,
    QListView,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kshare.client.views import Choice
from kshare.ui.preview_pane import named
from kshare.ui.resources import icon
from kshare.ui.text import audience_summary

AnyIndex = QModelIndex | QPersistentModelIndex
ORG, PRIVATE, CHOSEN = 0, 1, 2


def audience_key(choice: Choice) -> str:
    """The audience string ``publish`` takes: ``group:NAME`` or ``person:USERNAME``."""
    return f"{choice.kind}:{choice.name}"


def short_label(choice: Choice) -> str:
    """The name alone, for the "Visible to:" sentence (the list shows the longer label)."""
    if choice.kind == "group":
        return choice.name
    suffix = f" (@{choice.name})"
    return choice.label.removesuffix(suffix) if choice.label.endswith(suffix) else choice.label


class AudienceChoicesModel(QAbstractListModel):
    """Groups and people, each with a check box."""

    selection_changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._choices: list[Choice] = []
        self._checked: set[str] = set()
        self._icons = {"group": icon("people"), "person": icon("experts")}

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._choices)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._choices):
            return None
        choice = self._choices[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return choice.label
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = audience_key(choice) in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons.get(choice.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            if choice.kind == "group":
                return QCoreApplication.translate("AudienceChoicesModel", "Group")
            return QCoreApplication.translate("AudienceChoicesModel", "Person")
        if role == Qt.ItemDataRole.UserRole:
            return audience_key(choice)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        key = audience_key(self._choices[index.row()])
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        if checked == (key in self._checked):
            return True
        if checked:
            self._checked.add(key)
        else:
            self._checked.discard(key)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.selection_changed.emit()
        return True

    def set_choices(self, choices: list[Choice]) -> None:
        self.beginResetModel()
        # Groups first, then people, each alphabetical: the order people scan in.
        self._choices = sorted(choices, key=lambda c: (c.kind != "group", c.label.casefold()))
        known = {audience_key(c) for c in self._choices}
        self._checked &= known
        self.endResetModel()
        self.selection_changed.emit()

    def set_checked(self, keys: set[str]) -> None:
        self._checked = set(keys)
        if self._choices:
            self.dataChanged.emit(
                self.index(0), self.index(len(self._choices) - 1), [Qt.ItemDataRole.CheckStateRole]
            )
        self.selection_changed.emit()

    def checked(self) -> list[Choice]:
        return [c for c in self._choices if audience_key(c) in self._checked]


class AudiencePicker(QWidget):
    audience_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.everyone = QRadioButton(self.tr("Everyone in the company"))
        self.only_me = QRadioButton(self.tr("Only me (a private note)"))
        self.chosen = QRadioButton(self.tr("Specific groups and people"))
        self._buttons = QButtonGroup(self)
        for number, button in enumerate((self.everyone, self.only_me, self.chosen)):
            self._buttons.addButton(button, number)
        self.everyone.setChecked(True)

        self.model = AudienceChoicesModel(self)
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self.model)
        self._proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit()
        self.filter.setAccessibleName(self.tr("Find groups and people"))
        self.filter.setPlaceholderText(self.tr("Find a group or a person"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._proxy.setFilterFixedString)
        self.list = named(QListView(), "choices")
        self.list.setAccessibleName(self.tr("Who can see it"))
        self.list.setModel(self._proxy)
        self.list.setMinimumHeight(140)
        # Long group names wrap instead of widening the list past the dialog.
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.summary = named(QLabel(wordWrap=True), "audienceSummary")
        self._describe: Callable[[str], str] | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for button in (self.everyone, self.only_me, self.chosen):
            layout.addWidget(button)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)

        self._buttons.idToggled.connect(self._on_buttons_id_toggled)
        self.model.selection_changed.connect(self._on_model_selection_changed)
        self._update()

    def set_choices(self, choices: list[Choice]) -> None:
        self.model.set_choices(choices)

    def audience(self) -> tuple[str, ...]:
        mode = self._buttons.checkedId()
        if mode == ORG:
            return ("org",)
        if mode == PRIVATE:
            return ("private",)
        return tuple(audience_key(c) for c in self.model.checked())

    def is_complete(self) -> bool:
        return bool(self.audience())

    def summary_text(self) -> str:
        mode = self._buttons.checkedId()
        labels = [short_label(c) for c in self.model.checked()]
        text = audience_summary(labels, org=mode == ORG, private=mode == PRIVATE)
        return self._describe(text) if self._describe is not None else text

    def describe_with(self, describe: Callable[[str], str] | None) -> None:
        """Let the summary line say more (editors, times) than who sees the item."""
        self._describe = describe
        self.refresh_summary()

    def refresh_summary(self) -> None:
        self.summary.setText(self.summary_text())

    def set_audience(self, audience: tuple[str, ...] | list[str]) -> None:
        """Show an existing audience: ``org``, ``private`` or groups and people."""
        if "org" in audience:
            self.everyone.setChecked(True)
        elif "private" in audience or not audience:
            self.only_me.setChecked(True)
        else:
            self.choose(set(audience))

    def reset(self) -> None:
        self.model.set_checked(set())
        self.filter.clear()
        self.everyone.setChecked(True)

    def choose(self, keys: set[str]) -> None:
        """Select groups/people by audience string (``group:NAME``)."""
        self.chosen.setChecked(True)
        self.model.set_checked(keys)

    def _update(self) -> None:
        specific = self._buttons.checkedId() == CHOSEN
        self.filter.setEnabled(specific)
        self.list.setEnabled(specific)
        self.summary.setText(self.summary_text())
        self.audience_changed.emit()

    @Slot(int, bool)
    def _on_buttons_id_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._update()

    @Slot()
    def _on_model_selection_changed(self) -> None:
        self._update()
