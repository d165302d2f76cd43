"""Media on S3 (moto's S3 server): the backup walks the bucket through the
Storage API, and a restore writes changed and deleted objects back."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from machikado import backups


@pytest.mark.django_db(transaction=True)
def test_media_on_s3_round_trip(s3_media, tmp_path):
    files = {
        "original_images/photo.png": b"\x89PNG" + bytes(range(256)) * 40,
        "documents/menu.pdf": b"%PDF-1.4 menu",
        "images/photo.width-400.png": b"rendition",
    }
    for name, data in files.items():
        assert default_storage.save(name, ContentFile(data)) == name
    assert set(s3_media.keys()) == set(files)

    result = backups.create_backup(tmp_path / "s3.tar.gz")
    assert result.manifest["media"]["storage"].endswith("MediaStorage")
    assert {e["name"] for e in result.manifest["files"]} >= {f"media/{n}" for n in files}

    default_storage.delete("documents/menu.pdf")
    default_storage.delete("original_images/photo.png")
    default_storage.save("original_images/photo.png", ContentFile(b"overwritten"))

    restored = backups.restore_backup(result.path, include_database=False)

    assert (restored.media_written, restored.media_unchanged) == (2, 1)
    assert set(s3_media.keys()) == set(files)
    for name, data in files.items():
        with default_storage.open(name, "rb") as handle:
            assert hashlib.sha256(handle.read()).digest() == hashlib.sha256(data).digest()
