"""Who a Stack Exchange dump belongs to: its site's name, stable ids, usernames and credits.

Ids are UUID5 of the site key and the dump's own ids, so importing the same
site again finds the rows it wrote before instead of copying them. The key
comes from the dump folder's name (or ``--site``), so a site must keep the
same name from one import to the next.
"""

from __future__ import annotations

import logging
import re
import unicodedata
import uuid
from dataclasses import dataclass

from kshare.server.importer.markdown import escape_inline

log = logging.getLogger(__name__)

_NAMESPACE = uuid.UUID("3d8c5f0e-7b1a-4f7e-9c61-2a4e8d0b5c37")
# Stack Overflow ships one archive per file; their folders keep the file's name.
_FILE_SUFFIX = re.compile(
    r"[-_.](posts|users|comments|tags|votes|badges|posthistory|postlinks)$", re.IGNORECASE
)
_NETWORK = ".stackexchange.com"
# The network's sites with a domain of their own, by the name people know them by.
_OWN_DOMAINS = {
    "stackoverflow.com": "Stack Overflow",
    "superuser.com": "Super User",
    "serverfault.com": "Server Fault",
    "askubuntu.com": "Ask Ubuntu",
    "mathoverflow.net": "MathOverflow",
    "stackapps.com": "Stack Apps",
}
_LICENCES = {
    "CC BY-SA 2.5": "https://creativecommons.org/licenses/by-sa/2.5/",
    "CC BY-SA 3.0": "https://creativecommons.org/licenses/by-sa/3.0/",
    "CC BY-SA 4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
}
DEFAULT_LICENCE = "CC BY-SA"
USERNAME_MAX = 150
IMPORTED_TITLE = "Stack Exchange contributor"


def _words_title(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in re.split(r"[-_\s]+", text) if w)


def slug(text: str, limit: int = 40) -> str:
    """Lower-case ASCII letters, digits and single hyphens: usable in a username or mention."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-")


@dataclass(frozen=True)
class Site:
    """One Stack Exchange site: ``key`` identifies it in ids, ``label`` names it to readers."""

    key: str
    label: str
    host: str | None = None  # for links back to the original posts

    @classmethod
    def from_name(cls, name: str) -> Site:
        """From a dump folder's name: ``cooking.stackexchange.com``, ``stackoverflow.com-Posts``."""
        clean = _FILE_SUFFIX.sub("", name.strip()).strip().lower()
        if not clean:
            raise ValueError("a Stack Exchange site needs a name")
        if clean in _OWN_DOMAINS:
            return cls(clean, _OWN_DOMAINS[clean], clean)
        if clean.endswith(_NETWORK) and re.fullmatch(r"[a-z0-9.-]+", clean):
            sub = clean.removesuffix(_NETWORK)
            meta = sub.startswith("meta.")
            label = _words_title(sub.removeprefix("meta.").replace(".", " "))
            return cls(clean, f"{label} {'Meta ' if meta else ''}Stack Exchange", clean)
        for domain, label in _OWN_DOMAINS.items():
            if clean.endswith("." + domain) and re.fullmatch(r"[a-z0-9.-]+", clean):
                # Language editions (es.stackoverflow.com) and metas of the own-domain sites.
                return cls(clean, f"{label} ({clean.removesuffix('.' + domain)})", clean)
        # A folder that is not a site address: name it after the folder, without a link.
        return cls(clean, f"{_words_title(name.strip())} Stack Exchange")

    @property
    def short(self) -> str:
        """A short, username-safe token for this site (used only to break name clashes)."""
        return slug(self.key.removesuffix(_NETWORK).split(".")[0], 20) or "se"

    def id(self, kind: str, ref: int | str) -> str:
        return str(uuid.uuid5(_NAMESPACE, f"stackexchange:{self.key}:{kind}:{ref}"))

    def post_url(self, post_id: int, is_question: bool) -> str | None:
        if self.host is None:
            return None
        return f"https://{self.host}/{'q' if is_question else 'a'}/{post_id}"

    def comment_url(self, post_id: int, comment_id: int) -> str | None:
        if self.host is None:
            return None
        return f"https://{self.host}/posts/comments/{comment_id}?noredirect=1#comment{comment_id}_{post_id}"

    @property
    def link_base(self) -> str | None:
        return f"https://{self.host}" if self.host else None

    def attribution(self, author: str, licence: str, url: str | None) -> str:
        """The credit CC BY-SA asks for: where it came from, who wrote it, under what licence."""
        where = f"[{escape_inline(self.label)}]({url})" if url else escape_inline(self.label)
        licence = " ".join(licence.split()) or DEFAULT_LICENCE
        licence_url = _LICENCES.get(licence)
        terms = escape_inline(licence)
        if licence_url:
            terms = f"[{terms}]({licence_url})"
        by = f" by {escape_inline(author)}" if author else ""
        return f"Originally posted on {where}{by}, licensed {terms}."

    def username(self, display_name: str, user_id: int) -> str:
        """``chloe-gupta-17``: readable, mentionable, and unique within the site by its id."""
        number = str(user_id).replace("-", "n")  # the site's own bot account has id -1
        # Markup in a name says nothing about the person: "<b>Ann</b>" is "ann", not "b-ann-b".
        return f"{slug(re.sub(r'<[^<>]*>', ' ', display_name)) or 'user'}-{number}"

    def fallback_usernames(self, username: str) -> list[str]:
        """Names to try when ``username`` is taken (by a colleague or another site's import)."""
        base = f"{username}-{self.short}"[:USERNAME_MAX]
        return [base, *(f"{base}-{n}" for n in range(2, 50))]
