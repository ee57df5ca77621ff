"""``kshare admin backup DIR`` and ``kshare admin restore DIR``."""

from __future__ import annotations

import argparse
import sys

from kshare.server.app import blob_store_for
from kshare.server.blobstore.base import BlobStoreError
from kshare.server.db import Database, DatabaseTooNewError
from kshare.server.ops.backup import BackupError, backup, restore
from kshare.server.settings import Settings


def run_backup_command(args: argparse.Namespace) -> int:
    settings = Settings(
        data_dir=args.data, database_url=args.database_url, blob_store=args.blob_store
    )
    db = Database(settings.resolved_database_url, settings.clock)
    try:
        store = blob_store_for(settings)
        if args.action == "backup":
            summary = backup(db, store, args.folder)
            print(f"backed up {summary.describe()}")
        else:
            summary = restore(
                db,
                store,
                args.folder,
                max_blob_bytes=settings.max_blob_bytes,
                progress=lambda line: print(f"  {line}", file=sys.stderr),
            )
            print(f"restored {summary.describe()}")
        return 0
    except (BackupError, BlobStoreError, DatabaseTooNewError) as exc:
        print(f"kshare admin {args.action}: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"kshare admin {args.action}: {exc.filename or ''}: {exc.strerror}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
