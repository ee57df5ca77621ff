"""The desktop window: PySide6 only, and the only part of kshare that imports Qt.

It talks to the rest of kshare through :class:`kshare.client.services.Workspace`
and never touches SQL, HTTP or the server package.
"""
