"""The Curation area of the desktop, shown only to curators."""
