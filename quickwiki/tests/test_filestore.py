"""The file stores: a directory shared by processes, and an S3 bucket (on
moto's S3-compatible server, over HTTP)."""

import multiprocessing
import os
import tempfile
import unittest

from quickwiki.lib import filestore
from quickwiki.tests.s3server import bucket_store

DATA = b"The same bytes, whoever stores them."


def _put_in(directory):
    return filestore.DirectoryStore(directory).put(DATA)


class StoreContract:
    """What every store does; ``self.store`` is one."""

    def test_bytes_come_back_under_their_digest(self):
        name = self.store.put(DATA)
        self.assertEqual(name, filestore.digest(DATA))
        self.assertEqual(self.store.get(name), DATA)

    def test_storing_the_same_bytes_again_changes_nothing(self):
        self.assertEqual(self.store.put(DATA), self.store.put(DATA))
        self.assertEqual(self.store.get(filestore.digest(DATA)), DATA)

    def test_a_name_never_stored_is_not_found(self):
        with self.assertRaises(filestore.NotStored):
            self.store.get(filestore.digest(b"never stored"))


class DirectoryStoreTest(StoreContract, unittest.TestCase):
    def setUp(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        self.directory = directory.name
        self.store = filestore.DirectoryStore(self.directory)

    def test_processes_storing_at_once_share_the_directory(self):
        context = multiprocessing.get_context("spawn")
        with context.Pool(4) as pool:
            names = pool.map(_put_in, [self.directory] * 8)
        self.assertEqual(set(names), {filestore.digest(DATA)})
        self.assertEqual(self.store.get(names[0]), DATA)
        # No half-written file is left behind.
        leftovers = [
            name
            for _folder, _dirs, files in os.walk(self.directory)
            for name in files
            if name.startswith(".new-")
        ]
        self.assertEqual(leftovers, [])


class S3StoreTest(StoreContract, unittest.TestCase):
    def setUp(self):
        context = bucket_store(prefix="wiki/")
        self.store = context.__enter__()
        self.addCleanup(context.__exit__, None, None, None)

    def test_objects_are_kept_under_the_prefix(self):
        name = self.store.put(DATA)
        listed = self.store.client.list_objects_v2(Bucket=self.store.bucket)
        self.assertEqual([item["Key"] for item in listed["Contents"]], ["wiki/" + name])


class ConfigTest(unittest.TestCase):
    def test_the_directory_store_is_the_default_in_the_data_directory(self):
        store = filestore.from_config({"pylons.cache_dir": "/srv/wiki/data"})
        self.assertIsInstance(store, filestore.DirectoryStore)
        self.assertEqual(store.directory, "/srv/wiki/data/files")

    def test_an_s3_store_is_configured_by_bucket_and_endpoint(self):
        store = filestore.from_config(
            {
                "quickwiki.files.store": "s3",
                "quickwiki.files.s3_bucket": "wiki-files",
                "quickwiki.files.s3_endpoint_url": "http://127.0.0.1:9",
                "quickwiki.files.s3_region": "eu-central-1",
            }
        )
        self.assertIsInstance(store, filestore.S3Store)
        self.assertEqual(store.bucket, "wiki-files")
        self.assertEqual(store.client.meta.endpoint_url, "http://127.0.0.1:9")

    def test_an_unknown_store_is_refused(self):
        with self.assertRaises(ValueError):
            filestore.from_config({"quickwiki.files.store": "ftp"})
