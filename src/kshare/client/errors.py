"""Errors a person sees: each carries a sentence that says what happened and what to do."""

from __future__ import annotations


class UserFacingError(Exception):
    """Base of every error the UI and the command line show as-is to a person."""


class LoginFailed(UserFacingError):
    pass


class KeyringUnavailable(UserFacingError):
    pass


class ServerUnreachable(UserFacingError):
    pass


class NotSignedIn(UserFacingError):
    pass


class FeatureUnavailable(UserFacingError):
    """A part of kshare (search, experts) is missing or broken in this installation."""


class ServerNotAllowed(UserFacingError):
    """The organisation's policy names the one server this desktop may use."""


class TurnedOffByPolicy(UserFacingError):
    """The organisation turned this part of kshare off."""
