"""The local cache: one SQLite file per profile, the desktop's source of truth."""
