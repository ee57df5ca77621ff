"""The server's content-addressed blob store: attachments kept by their SHA-256.

Pick an implementation with :func:`blob_store_from_config`; every one keeps the
:class:`BlobStore` contract.
"""

from kshare.server.blobstore.base import (
    BlobHashMismatch,
    BlobInfo,
    BlobNotFound,
    BlobStore,
    BlobStoreError,
    BlobStoreFull,
    BlobStoreUnavailable,
    BlobTooLarge,
    InvalidBlobId,
    InvalidRange,
    is_sha256,
    validate_sha256,
)
from kshare.server.blobstore.config import blob_store_from_config
from kshare.server.blobstore.filesystem import FilesystemBlobStore
from kshare.server.blobstore.s3 import S3BlobStore

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
