"""The server's blob store, under the name the rest of the server imports.

The implementation lives in :mod:`kshare.server.blobstore`; this module only
re-exports it so callers need not care how it is split up.
"""

from kshare.server.blobstore import (
    BlobHashMismatch,
    BlobInfo,
    BlobNotFound,
    BlobStore,
    BlobStoreError,
    BlobStoreFull,
    BlobStoreUnavailable,
    BlobTooLarge,
    FilesystemBlobStore,
    InvalidBlobId,
    InvalidRange,
    S3BlobStore,
    blob_store_from_config,
    is_sha256,
    validate_sha256,
)

__all__ = [
    "BlobHashMismatch",
    "BlobInfo",
    "BlobNotFound",
    "BlobStore",
    "BlobStoreError",
    "BlobStoreFull",
    "BlobStoreUnavailable",
    "BlobTooLarge",
    "FilesystemBlobStore",
    "InvalidBlobId",
    "InvalidRange",
    "S3BlobStore",
    "blob_store_from_config",
    "is_sha256",
    "validate_sha256",
]
