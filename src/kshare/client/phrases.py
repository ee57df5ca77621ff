"""Sentences the client makes for a person: English for the command line, and what the
desktop app needs to say them in its own language.

``kshare.client`` knows nothing of Qt, and the command line speaks English. A view that
carries a sentence keeps its English ``text`` (what ``kshare`` prints, unchanged) and a
:class:`Phrase` beside it: the English template, marked for Qt's translation where it is
written, and the values that fill it. The desktop app looks the template up in its
catalogue (``kshare.ui.i18n.phrase_text``) and fills in the same values, so a German
window reads German.

Mark each template with :func:`QT_TRANSLATE_NOOP` and literal strings (lupdate reads the
call where it stands); ``scripts/i18n.py`` has lupdate read the client modules that do.
Only whole sentences are templates: a count that changes the words picks the singular or
the plural template (English and German both have two forms).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context``; the desktop translates it where shown."""
    return text


@dataclass(frozen=True)
class Phrase:
    """A template (``{name}`` placeholders) in a translation context, and its values.

    A value may be a phrase itself ("retrying in {wait}" with ``wait`` = "5 min"): it is
    translated too. Without values the template is the whole text, braces and all.
    """

    context: str
    template: str
    args: tuple[tuple[str, str | Phrase], ...] = ()

    @classmethod
    def of(cls, context: str, template: str, /, **args: object) -> Phrase:
        """``Phrase.of("SyncStatus", SYNCING_DONE, done=3)``; values become text."""
        return cls(
            context,
            template,
            tuple((k, v if isinstance(v, Phrase) else str(v)) for k, v in args.items()),
        )

    @classmethod
    def verbatim(cls, text: str) -> Phrase:
        """A sentence that has no translation (a server's own words): shown as it is."""
        return cls("", text)

    @property
    def values(self) -> dict[str, str | Phrase]:
        return dict(self.args)

    @property
    def text(self) -> str:
        """The English, as the command line prints it."""
        if not self.args:
            return self.template
        return self.template.format(
            **{k: v.text if isinstance(v, Phrase) else v for k, v in self.args}
        )

    def __str__(self) -> str:
        return self.text

    def dumps(self) -> str:
        """JSON, to keep the phrase of the last sync status in the cache."""
        return json.dumps(_plain(self), ensure_ascii=False)

    @classmethod
    def loads(cls, raw: str) -> Phrase:
        """The phrase :meth:`dumps` wrote; ``ValueError`` when it is not one."""
        return _phrase(json.loads(raw))


def _plain(phrase: Phrase) -> dict[str, Any]:
    return {
        "context": phrase.context,
        "template": phrase.template,
        "args": [[k, _plain(v) if isinstance(v, Phrase) else v] for k, v in phrase.args],
    }


def _phrase(raw: Any) -> Phrase:
    if not isinstance(raw, dict):
        raise ValueError("not a phrase")
    try:
        args = tuple(
            (str(k), _phrase(v) if isinstance(v, dict) else str(v)) for k, v in raw["args"]
        )
        return Phrase(str(raw["context"]), str(raw["template"]), args)
    except (KeyError, TypeError) as exc:
        raise ValueError("not a phrase") from exc


PHRASE_FIELDS = frozenset(
    {"phrase", "warning_phrase", "verification_phrase", "reason_phrase", "title_phrase"}
)


def public_dict(view: Any) -> dict[str, Any]:
    """``dataclasses.asdict`` without the phrases: what ``--json`` has always printed."""

    def factory(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        return {k: v for k, v in pairs if k not in PHRASE_FIELDS}

    result: dict[str, Any] = asdict(view, dict_factory=factory)
    return result


def joined(separator: str, phrases: list[Phrase] | tuple[Phrase, ...]) -> Phrase:
    """Several phrases as one, ``separator`` between them (each is translated on its own)."""
    names = [f"p{i}" for i in range(len(phrases))]
    template = separator.join("{" + name + "}" for name in names)
    return Phrase("", template, tuple(zip(names, phrases, strict=True)))
