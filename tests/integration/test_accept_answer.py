"""The asker accepts an answer: shown on their desktop at once, offline too, and to everyone
after a sync; accepting another moves the mark; nobody else may accept."""

from __future__ import annotations

import pytest

from kshare.client.services import UserFacingError, Workspace
from kshare.client.store import outbox
from tests.support.server import ServerProcess

pytestmark = pytest.mark.integration


def accepted(workspace: Workspace, question_id: str) -> list[str]:
    detail = workspace.item(question_id)
    assert detail is not None
    return [a.summary.id for a in detail.answers if a.summary.is_accepted]


def test_the_asker_accepts_and_everyone_sees_it(
    people: dict[str, Workspace], server: ServerProcess
) -> None:
    ana, bo, cy = people["ana"], people["bo"], people["cy"]
    question = ana.publish(title="Which VPN profile?", body="For the office.", kind="question")
    ana.sync()
    bo.sync()
    cy.sync()
    first = bo.publish(title="", body="The office one.", kind="answer", parent_id=question)
    second = cy.publish(title="", body="Split tunnel.", kind="answer", parent_id=question)
    bo.sync()
    cy.sync()
    ana.sync()

    with pytest.raises(UserFacingError, match="Only the person who asked"):
        bo.accept_answer(first)
    with pytest.raises(UserFacingError, match="Only an answer"):
        ana.accept_answer(question)

    server.stop()  # offline: shown at once, sent later
    ana.accept_answer(first)
    assert accepted(ana, question) == [first]
    with ana.writer.connect() as conn:
        assert [(e.operation, e.target_id) for e in outbox.pending(conn)] == [
            ("accept_answer", first)
        ]
    ana.accept_answer(first)  # again: nothing more to send
    with ana.writer.connect() as conn:
        assert len(outbox.pending(conn)) == 1
    server.start()

    assert ana.sync().status.state == "idle" and ana.pending_count() == 0
    bo.sync()
    assert accepted(bo, question) == [first]

    ana.accept_answer(second)  # changing one's mind moves the mark
    assert accepted(ana, question) == [second]
    ana.sync()
    cy.sync()
    assert accepted(cy, question) == [second]
    assert accepted(ana, question) == [second]
