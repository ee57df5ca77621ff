"""What the sync line says, in every sentence the engine and the workspace make.

Each is a :class:`~kshare.client.phrases.Phrase` in the context ``SyncStatus``: its
English is the ``SyncStatus.message`` that ``kshare sync`` prints, and the desktop app
shows it in its own language. The server's own words (a refusal, a wiped device) and the
cause of a network failure are values in these sentences and stay as they came.
"""

from __future__ import annotations

from kshare.client.phrases import QT_TRANSLATE_NOOP, Phrase

CONTEXT = "SyncStatus"

NOT_SYNCED_YET = QT_TRANSLATE_NOOP("SyncStatus", "Not synced yet")
SIGNED_IN = QT_TRANSLATE_NOOP("SyncStatus", "Signed in; not synced yet")
SIGNED_OUT = QT_TRANSLATE_NOOP("SyncStatus", "Signed out")
NOT_SIGNED_IN = QT_TRANSLATE_NOOP("SyncStatus", "Not signed in")
SIGN_IN_AGAIN = QT_TRANSLATE_NOOP("SyncStatus", "Sign in again to sync.")
SYNCING = QT_TRANSLATE_NOOP("SyncStatus", "Syncing…")
SYNCING_OF = QT_TRANSLATE_NOOP("SyncStatus", "Syncing… {done} of {total}")
SYNCING_DONE = QT_TRANSLATE_NOOP("SyncStatus", "Syncing… {done}")
CANCELLED = QT_TRANSLATE_NOOP("SyncStatus", "Sync cancelled")
SIGN_IN_EXPIRED = QT_TRANSLATE_NOOP(
    "SyncStatus", "Your sign-in has expired. Sign in again to keep syncing."
)
DISABLED = QT_TRANSLATE_NOOP(
    "SyncStatus",
    "Your kshare account was disabled. Everything kshare kept on this computer for it "
    "has been removed. Ask IT if you think this is a mistake.",
)
REFUSED = QT_TRANSLATE_NOOP("SyncStatus", "The server refused the sync: {reason}")
CACHE_UNWRITABLE = QT_TRANSLATE_NOOP(
    "SyncStatus", "kshare could not write its cache on this computer; see the log for details."
)
UP_TO_DATE = QT_TRANSLATE_NOOP("SyncStatus", "Up to date")
UP_TO_DATE_BUT_ONE = QT_TRANSLATE_NOOP(
    "SyncStatus", "Up to date — {count} change of yours needs a look"
)
UP_TO_DATE_BUT = QT_TRANSLATE_NOOP(
    "SyncStatus", "Up to date — {count} changes of yours need a look"
)
OFFLINE = QT_TRANSLATE_NOOP("SyncStatus", "Offline — retrying in {wait}: {cause}")
SERVER_TROUBLE = QT_TRANSLATE_NOOP(
    "SyncStatus", "The server is having trouble — retrying in {wait}"
)
SECONDS = QT_TRANSLATE_NOOP("SyncStatus", "{seconds} s")
MINUTES = QT_TRANSLATE_NOOP("SyncStatus", "{minutes} min")
OFFLINE_WIPE = QT_TRANSLATE_NOOP(
    "SyncStatus",
    "This computer had not synced for more than {days} days, so your company's "
    "policy removed its copy of shared content. It returns at the next sync; "
    "your unsent writes are kept.",
)
# the server at the other end is not one this desktop can talk to
NOT_KSHARE_LIKE = QT_TRANSLATE_NOOP("SyncStatus", "{url} does not look like a kshare server")
NOT_KSHARE = QT_TRANSLATE_NOOP("SyncStatus", "{url} is not a kshare server")
SERVER_TOO_OLD = QT_TRANSLATE_NOOP(
    "SyncStatus",
    "the server (kshare {version}, API {api}) is too old for this desktop (API {mine}); "
    "ask IT to update it",
)
CLIENT_TOO_OLD = QT_TRANSLATE_NOOP(
    "SyncStatus",
    "this kshare ({mine}) is too old for the server (it needs {needed}); update kshare",
)
MASS_PURGE = QT_TRANSLATE_NOOP(
    "SyncStatus",
    "The server no longer lists {doomed} of the {total} things this computer holds. "
    "kshare stopped instead of deleting them; if that is expected (you left a large "
    "group, say), confirm the removal and sync again.",
)


def say(template: str, /, **args: object) -> Phrase:
    """A sync sentence (``template`` is one of this module's)."""
    return Phrase.of(CONTEXT, template, **args)
