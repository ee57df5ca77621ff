"""A person's expertise profile in the reading pane, over an in-memory workspace."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kshare.ui.person_view import GONE, PersonView
from tests.gui.expertise_fakes import ME, FakeExpertise

pytestmark = pytest.mark.gui


@pytest.fixture
def fake() -> FakeExpertise:
    return FakeExpertise()


def open_profile(qtbot, view: PersonView, person_id: str | None) -> PersonView:
    with qtbot.waitSignal(view.profile_shown):
        view.show_person(person_id)
    return view


@pytest.fixture
def view(qtbot, runner, fake) -> PersonView:
    made = PersonView(fake, runner)
    qtbot.addWidget(made)
    return made


def shown(view: PersonView, widget) -> bool:
    return widget.isVisibleTo(view)


def test_a_colleagues_profile_shows_what_they_know(qtbot, view, fake):
    open_profile(qtbot, view, "p-priya")
    assert view.name.text() == "Priya Raman"
    assert view.role.text() == "Staff Site Reliability Engineer · Platform Engineering"
    assert view.ask.text() == "Ask me about: On-call; Alerting"
    assert [(r.name.text(), r.bar.value(), shown(view, r.mark)) for r in view.topic_rows] == [
        ("postgres", 100, True),
        ("on-call", 45, False),
    ]
    # Most endorsed first; each skill can be endorsed by a colleague.
    rows = list(view.skill_rows.values())
    assert [(r.skill, r.count.text()) for r in rows] == [
        ("Alerting", "3 endorsements"),
        ("PostgreSQL", "no endorsements yet"),
    ]
    assert all(shown(view, r.endorse_button) and r.endorse_button.isEnabled() for r in rows)
    assert rows[0].endorse_button.accessibleName() == "Endorse Priya Raman for Alerting"
    assert view.similar_labels[0].text().startswith('<a href="person:p-kwame">Kwame Mensah</a>')
    assert len(view.similar_labels) == 2 and shown(view, view.similar_heading)
    assert not shown(view, view.manage_button)
    assert not shown(view, view.opted_out)
    assert not fake.on_gui_thread


def test_someone_who_opted_out_is_said_to_have_chosen_so(qtbot, view):
    open_profile(qtbot, view, "p-kwame")
    assert shown(view, view.opted_out)
    assert view.opted_out.text() == "Kwame Mensah chose not to be listed as an expert."
    assert not view.skill_rows and not shown(view, view.skills_heading)
    assert not shown(view, view.similar_heading)
    assert not shown(view, view.ask)


def test_an_empty_profile_says_so_unless_the_person_opted_out(qtbot, view, fake):
    fake.people["p-priya"].topics = {}
    open_profile(qtbot, view, "p-priya")
    assert shown(view, view.topics_heading) and shown(view, view.topics_empty)
    assert view.topics_empty.text() == "Nothing stands out yet."
    fake.people["p-kwame"].topics = {}
    open_profile(qtbot, view, "p-kwame")
    assert not shown(view, view.topics_heading) and not shown(view, view.topics_empty)


def test_your_own_profile_offers_to_manage_it_and_not_to_endorse(qtbot, view, fake):
    open_profile(qtbot, view, None)
    assert view.person_id == ME and view.name.text() == "Ana Souza"
    assert shown(view, view.manage_button)
    assert view.manage_button.text() == "Manage my expertise…"
    [row] = view.skill_rows.values()
    assert row.count.text() == "2 endorsements"
    assert not shown(view, row.endorse_button)
    assert not shown(view, view.opted_out)
    with qtbot.waitSignal(view.manage_requested):
        qtbot.mouseClick(view.manage_button, Qt.MouseButton.LeftButton)

    # Opted out, one's own profile says so in the first person.
    fake.people[ME].opt_out = True
    open_profile(qtbot, view, None)
    assert view.opted_out.text() == "You chose not to be listed as an expert."


def test_endorsing_a_skill(qtbot, view, fake):
    open_profile(qtbot, view, "p-priya")
    button = view.skill_rows["PostgreSQL"].endorse_button
    with qtbot.waitSignal(view.endorsed) as endorsed:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert endorsed.args == ["p-priya", "PostgreSQL"]
    assert fake.endorsed == [("p-priya", "PostgreSQL")]
    assert button.text() == "Endorsed" and not button.isEnabled()
    assert view.skill_rows["Alerting"].endorse_button.isEnabled()  # only that skill
    assert not fake.on_gui_thread

    # Read again (after a sync, say), the endorsement stays marked.
    open_profile(qtbot, view, "p-priya")
    again = view.skill_rows["PostgreSQL"]
    assert again.endorse_button.text() == "Endorsed" and not again.endorse_button.isEnabled()
    assert again.count.text() == "1 endorsement"


def test_an_endorsement_that_fails_says_why_and_can_be_tried_again(qtbot, view, fake):
    open_profile(qtbot, view, "p-priya")
    button = view.skill_rows["Alerting"].endorse_button
    fake.fail_next = "Your profile cache is read-only."
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown(view, view.message))
    assert view.message.text() == (
        "Could not endorse Priya Raman for Alerting: Your profile cache is read-only."
    )
    assert button.text() == "Endorse" and button.isEnabled()
    assert fake.endorsed == []


def test_similar_people_open_their_profile(qtbot, view):
    open_profile(qtbot, view, "p-priya")
    with qtbot.waitSignal(view.person_link_clicked) as clicked:
        view.similar_labels[0].linkActivated.emit("person:p-kwame")
    assert clicked.args == ["p-kwame"]


def test_an_unknown_person_says_the_profile_is_not_available(qtbot, view):
    open_profile(qtbot, view, "p-priya")
    view.show_person("p-nobody")
    qtbot.waitUntil(lambda: view.profile is None)
    assert view._empty.text() == GONE and view._stack.currentIndex() == 0


def test_the_newest_request_wins(qtbot, view):
    view.show_person("p-kwame")
    with qtbot.waitSignal(view.profile_shown) as last:
        view.show_person("p-priya")
    assert last.args == ["p-priya"] and view.name.text() == "Priya Raman"


def test_a_skill_endorsed_earlier_is_marked_in_a_new_window(qtbot, runner, fake):
    """The profile says what the viewer endorsed, so a restart does not offer it again."""
    fake.endorsed.append(("p-priya", "PostgreSQL"))
    fresh = PersonView(fake, runner)
    qtbot.addWidget(fresh)
    open_profile(qtbot, fresh, "p-priya")
    done = fresh.skill_rows["PostgreSQL"].endorse_button
    assert done.text() == "Endorsed" and not done.isEnabled()
    assert fresh.skill_rows["Alerting"].endorse_button.isEnabled()
