"""Change who may see and edit one's own item, and when: the composer's picker, prefilled.

Narrowing an audience is said before it is applied: the people who lose access
have the item removed from their computers at their next sync.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kshare.client.views import AudienceInfo, Choice
from kshare.ui.audience_options import AudienceChange, AudienceOptions, loses_access
from kshare.ui.audience_picker import AudiencePicker
from kshare.ui.preview_pane import named
from kshare.ui.text import QT_TRANSLATE_NOOP

NARROWING = QT_TRANSLATE_NOOP(
    "AudienceDialog",
    "Some people who can see this now will lose access: it is removed from their "
    "computers at their next sync.",
)


class AudienceDialog(QDialog):
    """Opened with :meth:`open`; ``accepted`` means :meth:`change` holds the new audience."""

    def __init__(
        self, current: AudienceInfo, choices: list[Choice], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("audienceDialog")
        self.setWindowTitle(self.tr("Who can see and edit this"))
        self._current = current
        self.picker = AudiencePicker()
        self.options = AudienceOptions()
        self.picker.describe_with(self.options.summary)
        self.options.set_choices(choices)
        self.picker.set_choices(choices)
        self.picker.set_audience(current.audience)
        self.options.set_visible_to(self.picker.audience(), self.picker.model.checked())
        self.options.set_values(current.editors, current.publish_at, current.visible_until)
        self.warning = named(QLabel(self.tr(NARROWING), wordWrap=True), "warningText")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button.setText(self.tr("Apply with the edit"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.options)
        layout.addWidget(self.warning)
        layout.addWidget(self.buttons)

        self.picker.audience_changed.connect(self._on_picker_audience_changed)
        self.options.changed.connect(self._on_options_changed)
        self._update()

    def change(self) -> AudienceChange:
        return AudienceChange(
            audience=self.picker.audience(),
            editors=self.options.editors(),
            publish_at=self.options.publish_at.value(),
            visible_until=self.options.visible_until.value(),
            summary=self.picker.summary_text(),
        )

    def narrows(self) -> bool:
        return loses_access(self._current, self.change())

    def _update(self) -> None:
        self.picker.refresh_summary()
        self.warning.setVisible(self.narrows())
        self.apply_button.setEnabled(self.picker.is_complete())

    @Slot()
    def _on_picker_audience_changed(self) -> None:
        self.options.set_visible_to(self.picker.audience(), self.picker.model.checked())
        self._update()

    @Slot()
    def _on_options_changed(self) -> None:
        self._update()
