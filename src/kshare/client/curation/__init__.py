"""Curation on the desktop: collections, verification, review-due lists, reports, exports."""
