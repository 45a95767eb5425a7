"""An S3-compatible server of the tests' own: moto's, on a free port of
127.0.0.1, so that the S3 store is tested over HTTP with boto3 as a
deployment uses it, with nothing on the network.

One server serves a test process (started when first asked for); each
:func:`bucket_store` is a bucket of its own, emptied and removed after.
"""

import contextlib
import itertools
import os
from unittest import mock

from moto.moto_server.threaded_moto_server import ThreadedMotoServer

from quickwiki.lib.filestore import S3Store

__all__ = ["bucket_store", "endpoint"]

_server = None
_buckets = itertools.count(1)

#: Credentials moto takes, and the region boto3 needs: made up, as the
#: server is.
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "quickwiki-tests",
    "AWS_SECRET_ACCESS_KEY": "quickwiki-tests",
    "AWS_DEFAULT_REGION": "us-east-1",
}


def endpoint():
    """The address of the process's S3-compatible server."""
    global _server
    if _server is None:
        _server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        _server.start()
    host, port = _server.get_host_and_port()
    return "http://%s:%d" % (host, port)


@contextlib.contextmanager
def bucket_store(prefix="files/"):
    """An :class:`S3Store` of a new bucket on the server, as a deployment
    configures one (its credentials from the environment)."""
    with mock.patch.dict(os.environ, CREDENTIALS):
        store = S3Store(
            "quickwiki-test-%d-%d" % (os.getpid(), next(_buckets)),
            prefix=prefix,
            endpoint_url=endpoint(),
        )
        store.client.create_bucket(Bucket=store.bucket)
        try:
            yield store
        finally:
            listed = store.client.list_objects_v2(Bucket=store.bucket)
            for stored in listed.get("Contents", ()):
                store.client.delete_object(Bucket=store.bucket, Key=stored["Key"])
            store.client.delete_bucket(Bucket=store.bucket)
