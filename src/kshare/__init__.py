"""kshare: offline-first knowledge sharing for companies."""

__version__ = "0.1.0"
API_VERSION = 1
