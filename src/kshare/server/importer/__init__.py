"""Loading content from elsewhere into a server: ``kshare admin import-stackexchange``."""

from kshare.server.importer.stackexchange import ImportReport, Tally, import_stackexchange

__all__ = ["ImportReport", "Tally", "import_stackexchange"]
