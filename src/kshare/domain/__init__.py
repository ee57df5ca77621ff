"""Pure domain rules of kshare: audiences, visibility, expertise scoring.

Nothing here imports Qt, SQL or HTTP, so the same rules serve the server, the
desktop cache and the tests.
"""
