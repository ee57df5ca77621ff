"""Render the main pages of the demo company to PNG files, for review.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py DIR [--size 1280x800]

Starts the demo server on 127.0.0.1 (its data in a temporary folder unless --data is
given), signs in as the demo employee, syncs, and saves one picture per page: feed,
search, experts, groups, compose, an item, a document's preview, a tag page, a group
page. The app has one (light) palette today, so every file is named ``*-light.png``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from kshare.clock import SYSTEM


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--data", type=Path, default=None, help="demo server data folder")
    parser.add_argument("--size", default="1280x800", help="window size, WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.lower().split("x"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    from kshare.client.services import Workspace
    from kshare.demo import _ensure_keyring
    from kshare.demo_seed import build_demo_org
    from kshare.local_server import LocalServer
    from kshare.ui.main_window import COMPOSE, EXPERTS, FEED, GROUPS, SEARCH, MainWindow
    from kshare.ui.operations import TaskRunner
    from kshare.ui.settings import ui_settings
    from kshare.ui.sync_controller import SyncController

    _ensure_keyring()
    org = build_demo_org()
    person = next(p for p in org.people if p.username == org.demo_user)
    with tempfile.TemporaryDirectory(prefix="kshare-shots-") as scratch:
        server = LocalServer(args.data or Path(scratch) / "server", demo=True)
        url = server.start(timeout=600).url
        try:
            app = QApplication.instance() or QApplication(sys.argv[:1])
            workspace = Workspace.open(Path(scratch) / "profile")
            workspace.login(url, person.username, person.password)
            workspace.sync()
            runner = TaskRunner()
            sync = SyncController(workspace)
            window = MainWindow(workspace, runner, sync, ui_settings(workspace.paths))
            window.resize(width, height)
            window.show()
            args.out.mkdir(parents=True, exist_ok=True)

            def settle() -> None:
                deadline = SYSTEM.monotonic() + 30
                while SYSTEM.monotonic() < deadline:
                    app.processEvents()
                    if not runner.busy:
                        app.processEvents()
                        return
                    SYSTEM.sleep(0.05)

            def shot(name: str, action: Callable[[], object]) -> None:
                action()
                settle()
                path = args.out / f"{name}-light.png"
                window.grab().save(str(path))
                print(path)

            window.feed.refresh()
            shot("feed", lambda: window.show_page(FEED))
            first = workspace.feed_page(0, 50)
            if first:
                shot("item", lambda: window.show_item(first[0].id))
            document = next((s for s in first if s.kind == "document"), None)
            if document is not None:
                window.show_item(document.id)
                settle()
                panel = window.detail.document_panel
                shot("document", panel.preview_selected if panel is not None else settle)
            shot("search", lambda: (window.show_page(SEARCH), window.search.search("deploy")))
            shot("experts", lambda: window.show_page(EXPERTS))
            shot("groups", lambda: window.show_page(GROUPS))
            shot("compose", lambda: window.show_page(COMPOSE))
            tagged = next((s for s in first if s.tags), None)
            if tagged is not None:
                shot("tag", lambda: window.navigator.show_tag(tagged.tags[0]))
            groups = workspace.audience_choices()
            group = next((c for c in groups if c.kind == "group"), None)
            if group is not None:
                shot("group", lambda: window.navigator.show_group(group.id))
            sync.stop()
            runner.shutdown(30_000)
            window.close()
            workspace.close()
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
