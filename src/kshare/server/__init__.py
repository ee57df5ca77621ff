"""The kshare reference server: FastAPI app, tables, the visibility gate, sync feed, admin tools.

Nothing in this package imports the desktop client or Qt.
"""
