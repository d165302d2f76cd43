"""moto's S3 server, started once per session on a free loopback port, and a
fresh bucket per test with Django's default storage switched to it."""

import json
import logging
import uuid
from dataclasses import dataclass

import pytest
from django.core.cache import caches
from django.test import override_settings

from tests.conftest import skip_or_fail
from tests.services import free_port

ACCESS_KEY = "machikado-test"
SECRET_KEY = "machikado-test-secret"
REGION = "us-east-1"


@pytest.fixture(autouse=True)
def _fresh_rendition_cache():
    """Wagtail caches renditions by image id, and ids come round again after
    each test's rollback: a stale entry would pass for a rendition."""
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture(scope="session")
def moto_endpoint():
    try:
        from moto.server import ThreadedMotoServer
    except ImportError:
        skip_or_fail("moto[server] is not installed (pip install -e '.[test]')")
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@dataclass
class Bucket:
    endpoint: str
    name: str
    client: object

    def keys(self, prefix="") -> list[str]:
        response = self.client.list_objects_v2(Bucket=self.name, Prefix=prefix)
        return sorted(item["Key"] for item in response.get("Contents", ()))

    def head(self, key) -> dict:
        return self.client.head_object(Bucket=self.name, Key=key)

    def public_url(self, key) -> str:
        return f"{self.endpoint}/{self.name}/{key}"

    def allow_public_images(self) -> None:
        from machikado.storage import public_read_policy

        self.client.put_bucket_policy(
            Bucket=self.name, Policy=json.dumps(public_read_policy(self.name))
        )


def s3_settings(endpoint, bucket, **extra) -> dict:
    """What site/settings/base.py sets when AWS_STORAGE_BUCKET_NAME is given."""
    from django.conf import settings

    values = {
        "STORAGES": {
            **settings.STORAGES,
            "default": {"BACKEND": "machikado.storage.MediaStorage"},
        },
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_S3_CUSTOM_DOMAIN": None,
        "AWS_S3_ADDRESSING_STYLE": "path",
        "AWS_S3_SIGNATURE_VERSION": "s3v4",
        "AWS_LOCATION": "",
        "AWS_QUERYSTRING_AUTH": False,
        "AWS_QUERYSTRING_EXPIRE": 3600,
        "AWS_MEDIA_PUBLIC_ACL": False,
        "AWS_S3_FILE_OVERWRITE": False,
        "AWS_DEFAULT_ACL": None,
        "AWS_S3_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_S3_SECRET_ACCESS_KEY": SECRET_KEY,
    }
    values.update(extra)
    return values


@pytest.fixture
def s3_bucket(moto_endpoint):
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=moto_endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name=REGION,
    )
    name = f"media-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=name)
    return Bucket(moto_endpoint, name, client)


@pytest.fixture
def s3_media(s3_bucket, db):
    """Django's default storage (and so Wagtail's images, renditions and
    documents) on the test bucket. override_settings(STORAGES=...) resets
    django.core.files.storage.storages and default_storage (Django's
    setting_changed handler); Wagtail's file fields hold default_storage
    itself, a lazy object, so they follow."""
    from django.core.files.storage import default_storage
    from wagtail.images import get_image_model

    with override_settings(**s3_settings(s3_bucket.endpoint, s3_bucket.name)):
        image_model = get_image_model()
        storage = image_model._meta.get_field("file").storage
        rendition_storage = image_model.get_rendition_model()._meta.get_field("file").storage
        assert storage.bucket_name == s3_bucket.name
        assert rendition_storage.bucket_name == s3_bucket.name
        assert type(default_storage._wrapped).__name__ == "MediaStorage"
        yield s3_bucket
