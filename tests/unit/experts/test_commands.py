"""``kshare experts``: the command line over a synced profile."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kshare.cli import main
from kshare.client.services import ACCOUNT_KEY
from kshare.client.store import repository
from kshare.client.store.db import create_writer_engine, open_cache
from kshare.protocol.schemas import ItemUpsert, PersonUpsert

from .conftest import PEOPLE, postgres_thread


@pytest.fixture
def synced(profile_dir: Path) -> Path:
    open_cache(profile_dir / "cache.sqlite3").dispose()
    writer = create_writer_engine(profile_dir / "cache.sqlite3")
    with writer.begin() as conn:
        repository.upsert(
            conn,
            [PersonUpsert(data=p) for p in PEOPLE]
            + [ItemUpsert(data=i) for i in postgres_thread()],
        )
    writer.dispose()
    return profile_dir


def test_json_lists_experts_with_reasons(synced: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["experts", "postgres", "vacuum", "--json", "--limit", "2", "--profile", str(synced)]
    )
    assert code == 0
    experts = json.loads(capsys.readouterr().out)
    assert [e["person_id"] for e in experts] == ["alice", "bob"]
    assert experts[0]["reasons"][0]["kind"] == "accepted_answer"


def test_text_output_says_who_and_why(synced: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["experts", "Why does vacuum never finish?", "--profile", str(synced)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1. Alice Berg — DBA, Platform")
    assert 'Accepted answer to "Autovacuum never finishes' in out
    assert main(["experts", "quantum chromodynamics", "--profile", str(synced)]) == 0
    assert "No one found" in capsys.readouterr().out


def test_an_empty_profile_says_to_sync_first(
    profile_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["experts", "postgres", "--profile", str(profile_dir)]) == 1
    assert "kshare sync" in capsys.readouterr().err


def test_the_person_asking_is_never_in_their_own_answer(
    synced: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account = {
        "server_url": "http://127.0.0.1:1",
        "username": "alice",
        "user_id": "alice",
        "display_name": "Alice Berg",
    }
    writer = create_writer_engine(synced / "cache.sqlite3")
    with writer.begin() as conn:
        repository.set_state(conn, ACCOUNT_KEY, json.dumps(account))
    writer.dispose()
    assert main(["experts", "postgres", "vacuum", "--json", "--profile", str(synced)]) == 0
    experts = [e["person_id"] for e in json.loads(capsys.readouterr().out)]
    assert "alice" not in experts and experts[0] == "bob"


def test_a_new_process_answers_as_this_one_without_the_wire_schemas(
    synced: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``kshare experts`` run once from a script loads what the query needs, not pydantic."""
    writer = create_writer_engine(synced / "cache.sqlite3")
    with writer.begin() as conn:
        repository.set_state(conn, ACCOUNT_KEY, json.dumps({"user_id": "carol"}))
    writer.dispose()
    arguments = ["experts", "postgres", "vacuum", "--json", "--profile", str(synced)]
    code = (
        "import sys\n"
        "from kshare.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
        "sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *arguments],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert main(arguments) == 0
    here = json.loads(capsys.readouterr().out)
    assert json.loads(done.stdout) == here
    assert here and "carol" not in [e["person_id"] for e in here]
    loaded = set(done.stderr.split())
    assert "kshare.client.experts.finder" in loaded
    # nor the document extractor and its worker process: an expert query reads no file
    unwanted = ("pydantic", "kshare.protocol.schemas", "kshare.client.index.worker")
    assert [m for m in (*unwanted, "multiprocessing") if m in loaded] == []


def test_the_kshare_command_ends_at_once_with_its_whole_answer_and_exit_code(
    synced: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``python -m kshare experts`` skips the heap's teardown, never the answer's last line."""
    arguments = ["experts", "postgres", "vacuum", "--json", "--limit", "50"]
    done = subprocess.run(
        [sys.executable, "-m", "kshare", *arguments, "--profile", str(synced)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert main([*arguments, "--profile", str(synced)]) == 0
    assert json.loads(done.stdout) == json.loads(capsys.readouterr().out)
    assert done.stdout.endswith("]\n")

    empty = tmp_path / "nobody"  # a failure keeps its code and its sentence
    failed = subprocess.run(
        [sys.executable, "-m", "kshare", "--profile", str(empty), "experts", "postgres"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert failed.returncode == 1
    assert "Nothing synced yet" in failed.stderr and failed.stdout == ""
