"""Editors and publication windows in the window: the composer's "More options", the
editor's "Audience…" control and the reading pane's audience line."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import Qt

from kshare.client.views import AudienceInfo, Choice, ItemDetail
from kshare.ui.audience_dialog import AudienceDialog
from kshare.ui.audience_options import (
    AudienceChange,
    audience_line,
    loses_access,
    rights_summary,
    to_qt,
    when,
)
from kshare.ui.composer import Composer
from kshare.ui.detail_view import DetailPane
from tests.gui.conftest import detail, summary

pytestmark = [
    pytest.mark.gui,
    # The offscreen platform says this whenever a top-level window is shown.
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

CHOICES = [
    Choice("group", "g-sre", "SRE", "SRE (team, 4 members)"),
    Choice("person", "u-bo", "bo", "Bo Lindqvist (@bo)"),
    Choice("person", "u-cy", "cy", "Cy Park (@cy)"),
]
NAMES = {"group:SRE": "SRE", "person:bo": "Bo Lindqvist", "person:cy": "Cy Park"}


def check(model: Any, key: str) -> None:
    for row in range(model.rowCount()):
        index = model.index(row)
        if index.data(Qt.ItemDataRole.UserRole) == key:
            model.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
            return
    raise AssertionError(f"{key} is not offered")


def uncheck(model: Any, key: str) -> None:
    for row in range(model.rowCount()):
        index = model.index(row)
        if index.data(Qt.ItemDataRole.UserRole) == key:
            model.setData(index, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
            return
    raise AssertionError(f"{key} is not offered")


def offered(model: Any) -> list[str]:
    return [model.index(row).data(Qt.ItemDataRole.UserRole) for row in range(model.rowCount())]


class Desk:
    """A person's desktop: items that really change when edited or published."""

    def __init__(self, me: str, *details: ItemDetail) -> None:
        self.account = SimpleNamespace(user_id=me)
        self.details = {d.summary.id: d for d in details}
        self.published: list[dict[str, Any]] = []
        self.edits: list[dict[str, Any]] = []

    def audience_choices(self) -> list[Choice]:
        return list(CHOICES)

    def item(self, item_id: str) -> ItemDetail | None:
        return self.details.get(item_id)

    def my_reactions(self, item_id: str) -> frozenset[str]:
        return frozenset()

    def publish(self, **kwargs: Any) -> str:
        self.published.append(kwargs)
        return "new-item"

    def edit(self, item_id: str, *, title=None, body=None, tags=None, **audience: Any) -> None:
        self.edits.append({"item_id": item_id, "title": title, "body": body, **audience})
        old = self.details[item_id]
        new = dataclasses.replace(
            old,
            body_markdown=body if body is not None else old.body_markdown,
            version=old.version + 1,
        )
        if "audience" in audience:
            editors = tuple(audience["editors"])
            new = dataclasses.replace(
                new,
                audience_label=", ".join(NAMES[k] for k in audience["audience"]),
                audience=AudienceInfo(
                    audience=tuple(audience["audience"]),
                    editors=editors,
                    editor_names=tuple(NAMES[k] for k in editors),
                    publish_at=audience["publish_at"],
                    visible_until=audience["visible_until"],
                ),
            )
        self.details[item_id] = new


def shared_post(author: str = "u-ana", **overrides: Any) -> ItemDetail:
    values: dict[str, Any] = {
        "summary": summary(1, author_id=author),
        "body_markdown": "Weekly.",
        "audience_label": "Bo Lindqvist, Cy Park",
        "can_edit": True,
        "audience": AudienceInfo(audience=("person:bo", "person:cy")),
    }
    values.update(overrides)
    return detail(1, "<p>Weekly.</p>", **values)


# --- the composer ---------------------------------------------------------------------


def test_more_options_publish_editors_and_a_window_and_say_so(qtbot, runner) -> None:
    desk = Desk("u-ana")
    composer = Composer(desk, runner)
    qtbot.addWidget(composer)
    with qtbot.waitSignal(composer.audience.model.modelReset):
        composer.load_choices()
    qtbot.waitUntil(lambda: len(offered(composer.options.editors_model)) == 3)
    composer.title.setText("Failover")
    composer.body.setPlainText("Steps")
    assert composer.options.area.isHidden()
    composer.options.toggle.click()
    assert not composer.options.area.isHidden()

    composer.audience.only_me.setChecked(True)
    assert offered(composer.options.editors_model) == []  # nobody else sees it
    assert not composer.options.editors_list.isEnabled()
    composer.audience.chosen.setChecked(True)
    check(composer.audience.model, "group:SRE")
    assert offered(composer.options.editors_model) == ["group:SRE"]  # only who sees it
    check(composer.options.editors_model, "group:SRE")
    until = (datetime.now(UTC) + timedelta(days=3)).replace(second=0, microsecond=0)
    composer.options.visible_until.set_value(until)

    expected = f"Visible to: SRE until {when(until)} · SRE can edit"
    assert composer.audience.summary.text() == expected
    with qtbot.waitSignal(composer.published) as blocker:
        composer.publish_button.click()
    assert blocker.args == ["new-item", expected]
    [sent] = desk.published
    assert sent["editors"] == ("group:SRE",)
    assert sent["visible_until"] == until and sent["visible_until"].tzinfo is not None
    assert "publish_at" not in sent
    assert composer.options.editors() == () and composer.options.visible_until.value() is None


def test_choosing_fewer_viewers_drops_editors_who_could_no_longer_see_it(qtbot, runner) -> None:
    composer = Composer(Desk("u-ana"), runner)
    qtbot.addWidget(composer)
    with qtbot.waitSignal(composer.audience.model.modelReset):
        composer.load_choices()
    qtbot.waitUntil(lambda: len(offered(composer.options.editors_model)) == 3)
    check(composer.options.editors_model, "person:bo")  # everyone sees it: anyone may edit
    composer.audience.chosen.setChecked(True)
    check(composer.audience.model, "person:cy")
    assert composer.options.editors() == ()


# --- the item editor's "Audience…" -----------------------------------------------------


def open_pane(qtbot, runner, desk: Desk) -> DetailPane:
    pane = DetailPane(desk, runner, writer=desk)
    qtbot.addWidget(pane)
    with qtbot.waitSignal(pane.item_shown):
        pane.show_item("item-1")
    return pane


def test_the_author_narrows_the_audience_with_a_warning_and_it_is_applied_with_the_edit(
    qtbot, runner
) -> None:
    desk = Desk("u-ana", shared_post())
    pane = open_pane(qtbot, runner, desk)
    actions = pane.item_actions
    assert actions is not None
    actions.edit_button.click()
    editor = actions.editor
    assert editor.audience_button.isVisibleTo(pane)
    editor.audience_button.click()
    qtbot.waitUntil(lambda: actions.audience_dialog is not None)
    dialog = actions.audience_dialog
    assert isinstance(dialog, AudienceDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.picker.audience() == ("person:bo", "person:cy")  # prefilled
    assert dialog.warning.isHidden()

    uncheck(dialog.picker.model, "person:bo")
    assert not dialog.warning.isHidden()
    assert "removed from their computers at their next sync" in dialog.warning.text()
    dialog.options.toggle.click()
    check(dialog.options.editors_model, "person:cy")
    dialog.apply_button.click()
    assert "Cy Park can edit" in editor.audience_label.text()

    with qtbot.waitSignal(pane.item_shown):
        editor.submit_button.click()
    [edit] = desk.edits
    assert edit["audience"] == ("person:cy",)
    assert edit["editors"] == ("person:cy",)
    assert edit["publish_at"] is None and edit["visible_until"] is None
    assert pane._audience.text() == "Cy Park · Cy Park can edit"


def test_an_editor_edits_the_text_but_is_not_offered_the_audience(qtbot, runner) -> None:
    desk = Desk("u-bo", shared_post())
    pane = open_pane(qtbot, runner, desk)
    actions = pane.item_actions
    assert actions is not None
    assert actions.edit_button.isVisibleTo(pane)
    assert not actions.delete_button.isVisibleTo(pane)
    actions.edit_button.click()
    assert not actions.editor.audience_button.isVisibleTo(pane)
    actions.editor.body.setPlainText("Weekly, handover on Mondays.")
    with qtbot.waitSignal(pane.item_shown):
        actions.editor.submit_button.click()
    assert desk.edits == [
        {"item_id": "item-1", "title": "Post number 1", "body": "Weekly, handover on Mondays."}
    ]


def test_a_viewer_who_may_not_edit_is_not_offered_edit(qtbot, runner) -> None:
    pane = open_pane(qtbot, runner, Desk("u-cy", shared_post(can_edit=False)))
    assert pane.item_actions is not None
    assert not pane.item_actions.edit_button.isVisibleTo(pane)


# --- the reading pane's audience line ----------------------------------------------------


def test_the_audience_line_names_editors_and_the_window(qtbot, runner) -> None:
    start = datetime.now(UTC) + timedelta(days=1)
    until = start + timedelta(days=6)
    info = AudienceInfo(
        audience=("group:SRE",),
        editors=("person:bo",),
        editor_names=("Bo Lindqvist",),
        publish_at=start,
        visible_until=until,
    )
    post = shared_post(audience_label="SRE", audience=info)
    author = open_pane(qtbot, runner, Desk("u-ana", post))
    assert author._audience.text() == (
        f"SRE · Bo Lindqvist can edit · Scheduled for {when(start)} · Visible until {when(until)}"
    )
    reader = open_pane(qtbot, runner, Desk("u-bo", post))
    assert reader._audience.text() == f"SRE · Bo Lindqvist can edit · Visible until {when(until)}"


def test_sentences_and_narrowing() -> None:
    until = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)
    assert rights_summary("Visible to: SRE", ["SRE"], None, until) == (
        f"Visible to: SRE until {when(until)} · SRE can edit"
    )
    assert audience_line("Everyone", AudienceInfo(audience=("org",)), is_author=True) == "Everyone"
    before = AudienceInfo(audience=("group:SRE", "person:bo"))

    def change(*audience: str, until: datetime | None = None) -> AudienceChange:
        return AudienceChange(audience, (), None, until)

    assert loses_access(before, change("group:SRE"))
    assert not loses_access(before, change("group:SRE", "person:bo", "person:cy"))
    assert not loses_access(before, change("org"))
    assert loses_access(before, change("org", until=until))
    assert not loses_access(AudienceInfo(), change("group:SRE"))
    local = to_qt(until)
    assert (local.time().hour(), local.time().minute()) == (
        until.astimezone().hour,
        until.astimezone().minute,
    )
