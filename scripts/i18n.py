"""Refresh the desktop app's translations from its sources.

    python scripts/i18n.py                  # lupdate + lrelease for every language
    python scripts/i18n.py --merge OTHER.ts # also take the finished translations in OTHER.ts
    python scripts/i18n.py --check          # change nothing; fail if anything is missing

``lupdate`` reads every ``.py`` file under ``src/kshare/ui``, and the modules of
``src/kshare/client`` that mark sentences with ``QT_TRANSLATE_NOOP`` (see
:mod:`kshare.client.phrases`), and updates
``resources/i18n/kshare_<lang>.ts``: new strings are added as unfinished, translations of
strings that are still there are kept, strings that are gone are dropped. Translate the
unfinished ones (Qt Linguist: ``pyside6-linguist resources/i18n/kshare_de.ts``, or any
editor), then run the script again: ``lrelease`` compiles each ``.ts`` into the ``.qm``
beside it, which is committed and which the app loads (:mod:`kshare.ui.i18n`).
The tests in ``tests/gui/test_translations.py`` fail while a string is untranslated or a
``.qm`` is older than its ``.ts``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "src" / "kshare" / "ui"
CLIENT = ROOT / "src" / "kshare" / "client"
MARKER = "QT_TRANSLATE_NOOP("
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("de",)


def ts_file(language: str) -> Path:
    return I18N / f"kshare_{language}.ts"


def qm_file(language: str) -> Path:
    return I18N / f"kshare_{language}.qm"


def tool(name: str) -> str:
    """PySide6's ``pyside6-<name>``, beside this Python first, then on the PATH."""
    here = Path(sys.executable).parent
    found = shutil.which(f"pyside6-{name}", path=f"{here}{os.pathsep}{os.environ.get('PATH', '')}")
    if found is None:
        raise SystemExit(f"pyside6-{name} not found: install PySide6 in this environment")
    return found


def client_sources(root: Path = CLIENT) -> list[Path]:
    """The client modules whose sentences the desktop translates: those that mark one.

    The client has no Qt; the rest of it (log messages, the command line's own words) is
    not for translation, so only these files are read.
    """
    return sorted(
        path
        for path in root.rglob("*.py")
        if path.name != "phrases.py" and MARKER in path.read_text(encoding="utf-8")
    )


def lupdate(target: Path, sources: Path = SOURCES) -> None:
    """Update (or create) ``target`` with every translatable string under ``sources``
    and in the client modules that mark sentences (:func:`client_sources`)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            tool("lupdate"),
            "-silent",
            "-extensions",
            "py",
            "-locations",
            "none",  # no line numbers: the file changes only when a string does
            "-no-obsolete",
            "-tr-function-alias",
            "QT_TRANSLATE_NOOP+=translate_noop",  # kshare.ui.i18n.translate_noop
            str(sources),
            *(str(path) for path in client_sources()),
            "-ts",
            str(target),
        ],
        check=True,
    )


def lrelease(source: Path, target: Path) -> None:
    subprocess.run(
        [tool("lrelease"), "-silent", str(source), "-qm", str(target)],
        check=True,
    )


Key = tuple[str, str, str]  # context, source text, disambiguation comment


def messages(ts: Path) -> dict[Key, ET.Element]:
    """Every message of a .ts file by context, source text and comment."""
    found: dict[Key, ET.Element] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            found[key] = message
    return found


def finished(message: ET.Element) -> bool:
    translation = message.find("translation")
    if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
        return False
    forms = translation.findall("numerusform")
    if forms:
        return all((form.text or "").strip() for form in forms)
    return bool((translation.text or "").strip())


def unfinished(ts: Path) -> list[Key]:
    return [key for key, message in messages(ts).items() if not finished(message)]


def merge(target: Path, other: Path) -> int:
    """Copy the finished translations of ``other`` into the unfinished messages of ``target``."""
    tree = ET.parse(target)
    theirs = {key: m for key, m in messages(other).items() if finished(m)}
    taken = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            if finished(message) or key not in theirs:
                continue
            old = message.find("translation")
            if old is not None:
                message.remove(old)
            new = theirs[key].find("translation")
            assert new is not None
            message.append(new)
            taken += 1
    tree.write(target, encoding="utf-8", xml_declaration=True)
    return taken


def check() -> list[str]:
    """What is missing or out of date, without changing a file."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        for language in LANGUAGES:
            fresh = Path(scratch) / f"kshare_{language}.ts"
            shutil.copy(ts_file(language), fresh)
            lupdate(fresh)
            problems += [
                f"{language}: not translated: [{context}] {source!r}"
                for context, source, _ in unfinished(fresh)
            ]
            compiled = Path(scratch) / f"kshare_{language}.qm"
            lrelease(ts_file(language), compiled)
            if not qm_file(language).is_file():
                problems.append(f"{language}: {qm_file(language).name} is missing")
            elif compiled.read_bytes() != qm_file(language).read_bytes():
                problems.append(f"{language}: {qm_file(language).name} is older than its .ts")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--merge", type=Path, action="append", default=[], metavar="TS")
    parser.add_argument("--check", action="store_true", help="only report what is missing")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    for language in LANGUAGES:
        ts = ts_file(language)
        lupdate(ts)
        for other in args.merge:
            print(f"{ts.name}: {merge(ts, other)} translations taken from {other}")
        if args.merge:
            lupdate(ts)  # back to lupdate's own layout
        left = unfinished(ts)
        lrelease(ts, qm_file(language))
        print(f"{ts.name}: {len(messages(ts))} messages, {len(left)} not translated yet")
    return 0


if __name__ == "__main__":
    sys.exit(main())
