"""Where uploaded files' bytes are kept: a directory, or an S3-compatible
object store.

Each stored file is named by the SHA-256 digest of its bytes, and never
changes once written: writing the same bytes again is writing nothing new,
so any number of processes, on one machine or many, share a store without
locks.  A file is written whole under a name of its own, then put in
place, so that a reader finds either nothing or all of it.  The database
(:mod:`quickwiki.lib.files`) says which file each revision of a page's
attachment is.

:func:`from_config` makes the store the configuration names::

    quickwiki.files.store = directory       # the default, or: s3
    quickwiki.files.directory = %(here)s/data/files   # default: cache_dir/files
    quickwiki.files.s3_bucket = wiki-files
    quickwiki.files.s3_prefix = files/      # optional
    quickwiki.files.s3_endpoint_url = https://s3.example.org   # optional
    quickwiki.files.s3_region = eu-central-1                   # optional

The S3 store's credentials come from boto3's usual places (the
``AWS_ACCESS_KEY_ID`` and ``AWS_SECRET_ACCESS_KEY`` environment variables,
``~/.aws/credentials``, an instance's role), never from the ini file.
"""

import hashlib
import os
import tempfile

__all__ = ["DirectoryStore", "NotStored", "S3Store", "digest", "from_config"]


class NotStored(LookupError):
    """The store holds no file of that digest."""


def digest(data):
    """The name ``data`` is stored under: its SHA-256, in hex."""
    return hashlib.sha256(data).hexdigest()


class DirectoryStore:
    """Files in a directory of the file system, two levels of
    subdirectories deep (``ab/cd/abcd...``) so that none grows too large."""

    def __init__(self, directory):
        self.directory = directory

    def path(self, name):
        return os.path.join(self.directory, name[:2], name[2:4], name)

    def put(self, data):
        """Store ``data``; its name."""
        name = digest(data)
        path = self.path(name)
        if os.path.exists(path):
            return name
        os.makedirs(os.path.dirname(path), exist_ok=True)
        handle, written = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".new-")
        try:
            with os.fdopen(handle, "wb") as new_file:
                new_file.write(data)
                new_file.flush()
                os.fsync(new_file.fileno())
            os.replace(written, path)
        finally:
            if os.path.exists(written):
                os.unlink(written)
        return name

    def get(self, name):
        """The bytes stored as ``name``; :class:`NotStored` if none are."""
        try:
            with open(self.path(name), "rb") as stored:
                return stored.read()
        except FileNotFoundError:
            raise NotStored(name) from None


class S3Store:
    """Files in a bucket of an S3-compatible object store, through boto3."""

    def __init__(self, bucket, prefix="", client=None, **client_options):
        import boto3  # only a wiki that stores its files in S3 needs it

        self.bucket = bucket
        self.prefix = prefix
        self.client = client or boto3.client("s3", **client_options)

    def put(self, data):
        """Store ``data``; its name."""
        name = digest(data)
        # PutObject replaces an object whole, and these never change: no
        # reader sees half of one, and two writers write the same bytes.
        self.client.put_object(
            Bucket=self.bucket,
            Key=self.prefix + name,
            Body=data,
            ChecksumAlgorithm="SHA256",
        )
        return name

    def get(self, name):
        """The bytes stored as ``name``; :class:`NotStored` if none are."""
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self.prefix + name)
        except self.client.exceptions.NoSuchKey:
            raise NotStored(name) from None
        return answer["Body"].read()


def from_config(config):
    """The store that ``config`` (the app's settings) names."""
    kind = config.get("quickwiki.files.store", "directory").strip()
    if kind == "directory":
        directory = config.get("quickwiki.files.directory") or os.path.join(
            config["pylons.cache_dir"], "files"
        )
        return DirectoryStore(directory)
    if kind == "s3":
        options = {
            "endpoint_url": config.get("quickwiki.files.s3_endpoint_url") or None,
            "region_name": config.get("quickwiki.files.s3_region") or None,
        }
        return S3Store(
            config["quickwiki.files.s3_bucket"],
            prefix=config.get("quickwiki.files.s3_prefix", ""),
            **options,
        )
    raise ValueError("quickwiki.files.store is directory or s3, not %r" % kind)
