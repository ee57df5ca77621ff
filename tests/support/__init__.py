"""Helpers shared by kshare's tests."""
