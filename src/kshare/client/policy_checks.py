"""What the organisation's policy allows this desktop: which server, which features.

The checks raise before anything is sent or queued, each with a sentence that
names the rule and whom to ask; the settings (:mod:`kshare.client.settings`)
carry the policy's values.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine

from kshare.client import updates
from kshare.client.errors import ServerNotAllowed, TurnedOffByPolicy, say
from kshare.client.phrases import QT_TRANSLATE_NOOP, Phrase
from kshare.client.settings import Settings
from kshare.client.store import repository
from kshare.client.sync.transport import NetworkPolicy
from kshare.protocol.schemas import ServerInfo

# What each feature's switch turns off; ``{help}`` is whom to ask, or nothing.
TURNED_OFF = {
    "experts_enabled": QT_TRANSLATE_NOOP(
        "Errors", "Finding experts is turned off by your organisation.{help}"
    ),
    "downloads_enabled": QT_TRANSLATE_NOOP(
        "Errors", "Downloading shared documents is turned off by your organisation.{help}"
    ),
    "publish_to_organisation_enabled": QT_TRANSLATE_NOOP(
        "Errors", "Publishing to the whole organisation is turned off by your organisation.{help}"
    ),
}
ASK_FOR_HELP = QT_TRANSLATE_NOOP("Errors", " For help, contact {contact}.")


class PolicyChecks:
    """The policy's rules for one profile, and the update notice the server advertised."""

    def __init__(self, settings: Settings, reader: Engine, writer: Engine) -> None:
        self.settings = settings
        self.reader = reader
        self.writer = writer

    def network(self) -> NetworkPolicy:
        return NetworkPolicy.from_settings(self.settings)

    def ask_for_help(self) -> str:
        """Who to ask, in a sentence, when the policy names a support contact."""
        return self.help_phrase().text

    def help_phrase(self) -> Phrase:
        """:meth:`ask_for_help` for translation."""
        contact = str(self.settings.get("support_contact"))
        return say(ASK_FOR_HELP, contact=contact) if contact else Phrase.verbatim("")

    def check_server(self, server_url: str) -> None:
        """A locked server address means no other server: not to sign in, not to sync."""
        if not self.settings.server_allowed(server_url):
            allowed = self.settings.get("server_url") or "none"
            raise ServerNotAllowed(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "Your organisation's policy allows only the kshare server {allowed}, "
                    "not {server_url}.{help}",
                ),
                allowed=allowed,
                server_url=server_url,
                help=self.help_phrase(),
            )

    def require_feature(self, key: str, what: str) -> None:
        if not self.settings.feature(key):
            template = TURNED_OFF.get(key, f"{what} is turned off by your organisation.{{help}}")
            raise TurnedOffByPolicy(template, help=self.help_phrase())

    def check_audience(self, audience: Sequence[str] | None) -> None:
        if audience and any(choice.strip().lower() == "org" for choice in audience):
            self.require_feature(
                "publish_to_organisation_enabled", "Publishing to the whole organisation"
            )

    def note_versions(self, info: ServerInfo | None) -> None:
        """Keep the versions the server advertised, for :meth:`update_notice`."""
        if info is None:
            return
        with self.writer.begin() as conn:
            repository.set_state(conn, updates.VERSIONS_STATE, updates.Advertised.of(info).dumps())

    def update_notice(self) -> str:
        """What to tell the person about updating kshare ("" when nothing)."""
        phrase = self.update_phrase()
        return phrase.text if phrase else ""

    def update_phrase(self) -> Phrase | None:
        """:meth:`update_notice` for translation (None when nothing)."""
        with self.reader.connect() as conn:
            advertised = updates.Advertised.loads(
                repository.get_state(conn, updates.VERSIONS_STATE)
            )
        return updates.notice_phrase(advertised, str(self.settings.get("download_url")))
