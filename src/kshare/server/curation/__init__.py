"""Curation on the server: curator roles, collection entries, verification and health reports."""
