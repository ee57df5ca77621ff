"""Follows, the inbox derived from synced data, and what to announce on the desktop."""
