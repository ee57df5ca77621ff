"""The language of the desktop app: Qt translators chosen by the ``language`` setting.

Every user-visible string in ``kshare.ui`` goes through Qt's translation system
(``self.tr`` in QObject subclasses, ``QCoreApplication.translate("Context", ...)``
elsewhere). The translations live in ``resources/i18n/kshare_<lang>.ts``; the compiled
``kshare_<lang>.qm`` beside it is committed, so a plain checkout and every package load
it without Qt's tools. ``scripts/i18n.py`` refreshes both from the sources.

``system`` (the default) follows the desktop's language where kshare has a translation
and is English otherwise; ``en`` and ``de`` choose one. Qt's own translations of its
standard buttons and dialogs (``qtbase_<lang>.qm``, shipped with PySide6) are loaded
with kshare's. A change takes effect the next time kshare starts.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from kshare.client.phrases import QT_TRANSLATE_NOOP, Phrase
from kshare.ui.resources import resources_dir
from kshare.ui.text import short_date

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"
TRANSLATED = ("de",)  # languages with a kshare_<lang>.qm
LANGUAGES = ("system", SOURCE_LANGUAGE, *TRANSLATED)  # the setting's choices

_installed: list[QTranslator] = []


# Mark a text for translation where it is defined (a table, a constant); show it with
# ``QCoreApplication.translate(context, text)``. The client's typed QT_TRANSLATE_NOOP
# under a second name: ``scripts/i18n.py`` tells lupdate to read this name as that one.
translate_noop = QT_TRANSLATE_NOOP


# Values that are counts: shown with the locale's digit grouping ("12.345" in German).
COUNT_VALUES = frozenset({"count", "done", "total", "shown", "people", "doomed", "usual"})
# Values that are days, made by the client as ISO dates: shown in the locale's way.
DATE_VALUES = frozenset({"date"})


def _value(key: str, value: str) -> str:
    if key in COUNT_VALUES and value.isdigit():
        return QLocale().toString(int(value))
    if key in DATE_VALUES:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return value
        return short_date(datetime(day.year, day.month, day.day), year=True)
    return value


def phrase_text(phrase: Phrase | None, english: str = "") -> str:
    """A sentence made by ``kshare.client`` in the window's language.

    The phrase's template is looked up in its context and filled with its values (each
    value that is a phrase itself is translated first); without a translation it reads as
    the client's English. ``english`` is shown when there is no phrase (a view made
    without one). A translation that breaks its placeholders falls back to the English.
    """
    if phrase is None:
        return english
    translated = QCoreApplication.translate(phrase.context, phrase.template)
    if not phrase.args:
        return translated
    values = {k: phrase_text(v) if isinstance(v, Phrase) else _value(k, v) for k, v in phrase.args}
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):
        log.warning("the translation of %r does not fit its values", phrase.template)
        return phrase.text


def translations_dir() -> Path | None:
    root = resources_dir()
    return None if root is None else root / "i18n"


def resolve_language(choice: str, system: QLocale | None = None) -> str:
    """The language to show for the setting ``choice``: ``en`` or one of TRANSLATED."""
    if choice in TRANSLATED or choice == SOURCE_LANGUAGE:
        return choice
    if choice != "system":
        log.warning("unknown language %r; following the system", choice)
    locale = system if system is not None else QLocale.system()
    for name in locale.uiLanguages():  # in the person's order of preference
        code = name.replace("_", "-").split("-")[0].lower()
        if code == SOURCE_LANGUAGE or code in TRANSLATED:
            return code
    return SOURCE_LANGUAGE


def locale_for(language: str, system: QLocale | None = None) -> QLocale:
    """The formats of dates and numbers for a window in ``language``.

    The system's own locale when it speaks that language (Austrian German keeps its
    formats, British English its own), else the language's usual one; a system without
    a language (the C locale) keeps its plain formats for English.
    """
    system = system if system is not None else QLocale.system()
    code = QLocale.languageToCode(system.language()).lower()
    if code == language or (language == SOURCE_LANGUAGE and code == "c"):
        return system
    return QLocale(language)


def install(app: QCoreApplication, choice: str) -> str:
    """Install the translators for the setting ``choice``; returns the language in effect.

    Translators installed by an earlier call are removed first, so this also switches
    back to English. Dates and numbers follow the language's locale
    (:func:`locale_for`), set as Qt's default locale.
    """
    while _installed:
        app.removeTranslator(_installed.pop())
    language = resolve_language(choice)
    if language == SOURCE_LANGUAGE:
        QLocale.setDefault(locale_for(language))
        return language
    folder = translations_dir()
    own = QTranslator(app)
    if folder is None or not own.load(str(folder / f"kshare_{language}.qm")):
        log.warning("no %s translation found in %s; showing English", language, folder)
        QLocale.setDefault(locale_for(SOURCE_LANGUAGE))
        return SOURCE_LANGUAGE
    QLocale.setDefault(locale_for(language))
    app.installTranslator(own)
    _installed.append(own)
    qt = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{language}", qt_folder):
        app.installTranslator(qt)
        _installed.append(qt)
    else:
        log.info("no Qt translation for %s; standard buttons stay English", language)
    return language


def installed_language() -> str:
    """The language the installed translators show (``en`` when none is installed)."""
    for translator in _installed:
        name = translator.language()
        if name:
            return name.replace("_", "-").split("-")[0].lower()
    return SOURCE_LANGUAGE
