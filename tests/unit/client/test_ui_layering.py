"""The desktop UI is built on the client's views: no module under kshare.ui imports the
wire models (kshare.protocol), so a change on the wire stops at the client layer."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import kshare.ui

UI = Path(kshare.ui.__file__).parent


def _imports(source: str, module: str) -> list[str]:
    """Every module (and imported name) ``source`` imports; ``module`` is its dotted name,
    for relative imports."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: counted up from the importing module
                parts = module.split(".")[: -node.level]
                base = ".".join([*parts, base] if base else parts)
            names += [base, *(f"{base}.{alias.name}" for alias in node.names)]
    return names


def _wire(names: list[str]) -> list[str]:
    return [n for n in names if n == "kshare.protocol" or n.startswith("kshare.protocol.")]


def test_no_ui_module_imports_the_wire_models() -> None:
    files = sorted(UI.rglob("*.py"))
    assert len(files) > 10  # the walk found the UI
    offending = []
    for path in files:
        module = ".".join(("kshare", *path.relative_to(UI.parent).with_suffix("").parts))
        found = _wire(_imports(path.read_text(encoding="utf-8"), module))
        offending += [f"{path.relative_to(UI.parent)}: {name}" for name in found]
    assert offending == []


@pytest.mark.parametrize(
    "source",
    [
        "from kshare.protocol.curation import HealthReport\n",
        "import kshare.protocol.schemas as wire\n",
        "from kshare import protocol\n",
        "from ...protocol.schemas import CollectionEntry\n",
        "def late():\n    from kshare.protocol import schemas\n",
    ],
)
def test_every_way_of_importing_the_wire_models_is_caught(source: str) -> None:
    assert _wire(_imports(source, "kshare.ui.curation.window"))


def test_the_ui_s_own_imports_are_not_mistaken_for_the_wire() -> None:
    source = "from ..i18n import phrase_text\nfrom kshare.client.curation.views import EntryEdit\n"
    assert _wire(_imports(source, "kshare.ui.curation.window")) == []
