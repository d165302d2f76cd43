"""The documented environment variables really configure S3 media, and the
storage's URL and access choices (object ACLs, custom domain, signed URLs)."""

import os
import runpy

import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings

from .conftest import ACCESS_KEY, REGION, SECRET_KEY, s3_settings


def settings_from_environment(monkeypatch, **environ) -> dict:
    """What site/settings/base.py makes of these variables (run afresh)."""
    for key in list(os.environ):
        if key.startswith("AWS_"):
            monkeypatch.delenv(key)
    for key, value in environ.items():
        monkeypatch.setenv(key, value)
    import machikado.settings.base as base

    namespace = runpy.run_path(base.__file__)
    return {
        key: value
        for key, value in namespace.items()
        if key.startswith("AWS_") or key == "STORAGES"
    }


def test_the_environment_variables_put_media_on_the_bucket(s3_bucket, db, monkeypatch):
    values = settings_from_environment(
        monkeypatch,
        AWS_STORAGE_BUCKET_NAME=s3_bucket.name,
        AWS_S3_ENDPOINT_URL=s3_bucket.endpoint,
        AWS_S3_REGION_NAME=REGION,
        AWS_ACCESS_KEY_ID=ACCESS_KEY,
        AWS_SECRET_ACCESS_KEY=SECRET_KEY,
        AWS_MEDIA_PUBLIC_ACL="1",
    )
    assert values["STORAGES"]["default"] == {"BACKEND": "machikado.storage.MediaStorage"}
    assert values["AWS_S3_ADDRESSING_STYLE"] == "path"
    assert values["AWS_S3_FILE_OVERWRITE"] is False
    assert values["AWS_QUERYSTRING_AUTH"] is False
    assert "AWS_S3_ACCESS_KEY_ID" not in values  # boto3 reads the credentials itself
    with override_settings(**values):
        image = default_storage.save("original_images/env.png", ContentFile(b"png"))
        document = default_storage.save("documents/env.pdf", ContentFile(b"pdf"))
        image_url, document_url = default_storage.url(image), default_storage.url(document)
    assert image_url == f"{s3_bucket.endpoint}/{s3_bucket.name}/{image}"
    assert "X-Amz-Signature=" in document_url
    assert s3_bucket.keys() == sorted([image, document])
    # AWS_MEDIA_PUBLIC_ACL=1: readable by anyone, the document by no one unsigned.
    assert requests.get(image_url, timeout=10).content == b"png"
    assert requests.get(s3_bucket.public_url(document), timeout=10).status_code == 403
    assert requests.get(document_url, timeout=10).content == b"pdf"


def test_without_a_bucket_media_stay_on_the_file_system(monkeypatch):
    values = settings_from_environment(monkeypatch)
    assert values["STORAGES"]["default"]["BACKEND"] == (
        "django.core.files.storage.FileSystemStorage"
    )
    assert "AWS_STORAGE_BUCKET_NAME" not in values


def grants(bucket, key) -> set[str]:
    acl = bucket.client.get_object_acl(Bucket=bucket.name, Key=key)
    return {
        grant["Permission"]
        for grant in acl["Grants"]
        if grant["Grantee"].get("URI", "").endswith("/AllUsers")
    }


@pytest.mark.parametrize("public_acl", [False, True])
def test_who_may_read_what(s3_bucket, db, public_acl):
    """Bucket policy (default) or object ACLs: images readable by anyone,
    documents and anything unknown by no one without a signature."""
    with override_settings(
        **s3_settings(s3_bucket.endpoint, s3_bucket.name, AWS_MEDIA_PUBLIC_ACL=public_acl)
    ):
        if not public_acl:
            s3_bucket.allow_public_images()
        names = {
            prefix: default_storage.save(f"{prefix}/a.png", ContentFile(b"x"))
            for prefix in ("original_images", "images", "documents", "other")
        }
        for prefix, name in names.items():
            anonymous = requests.get(s3_bucket.public_url(name), timeout=10).status_code
            assert anonymous == (200 if prefix in ("original_images", "images") else 403), prefix
            if public_acl:
                expected = {"READ"} if prefix in ("original_images", "images") else set()
                assert grants(s3_bucket, name) == expected, prefix
        # Saving under a taken name never overwrites (cached copies stay true).
        again = default_storage.save("images/a.png", ContentFile(b"y"))
        assert again != names["images"]
        assert (
            s3_bucket.client.get_object(Bucket=s3_bucket.name, Key=names["images"])["Body"].read()
            == b"x"
        )


def test_custom_domain_for_images_signed_bucket_urls_for_documents(s3_bucket, db):
    with override_settings(
        **s3_settings(
            s3_bucket.endpoint,
            s3_bucket.name,
            AWS_S3_CUSTOM_DOMAIN="media.machikado.example.jp",
            AWS_LOCATION="media",
        )
    ):
        assert (
            default_storage.url("images/a.fill-480x320.jpg")
            == "https://media.machikado.example.jp/media/images/a.fill-480x320.jpg"
        )
        document = default_storage.url("documents/menu.pdf")
        assert document.startswith(f"{s3_bucket.endpoint}/{s3_bucket.name}/media/documents/")
        assert "X-Amz-Signature=" in document and "X-Amz-Expires=300" in document
        name = default_storage.save("documents/menu.pdf", ContentFile(b"pdf"))
        assert s3_bucket.head(f"media/{name}")["ContentDisposition"] == "attachment"


def test_signed_image_urls_when_asked(s3_bucket, db):
    """AWS_QUERYSTRING_AUTH=1 (a bucket with no public policy): images get
    signed URLs too."""
    with override_settings(
        **s3_settings(s3_bucket.endpoint, s3_bucket.name, AWS_QUERYSTRING_AUTH=True)
    ):
        name = default_storage.save("images/a.png", ContentFile(b"x"))
        url = default_storage.url(name)
        assert "X-Amz-Signature=" in url and "X-Amz-Expires=3600" in url
        assert requests.get(url, timeout=10).content == b"x"


def test_public_read_policy_names_only_image_prefixes():
    from machikado.storage import public_read_policy

    policy = public_read_policy("bucket", location="media/")
    (statement,) = policy["Statement"]
    assert statement["Action"] == "s3:GetObject"
    assert statement["Resource"] == [
        "arn:aws:s3:::bucket/media/original_images/*",
        "arn:aws:s3:::bucket/media/images/*",
    ]
