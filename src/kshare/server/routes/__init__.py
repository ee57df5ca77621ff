"""HTTP routes of the kshare API (paths from :mod:`kshare.protocol.routes`)."""
