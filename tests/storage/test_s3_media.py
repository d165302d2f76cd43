"""Media on S3 (moto's S3 server): uploads through the real Wagtail admin land
in the bucket with the right headers, renditions are made ahead of time and
served from the bucket, documents stay private behind Wagtail's document
view, and deleting removes the objects."""

import io

import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models.signals import post_save
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from machikado.renditions import SPECS
from machikado.storage import CACHE_CONTROL

pytestmark = pytest.mark.django_db

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def jpeg(size=(400, 300)) -> bytes:
    picture = PILImage.new("RGB", size, (30, 120, 200))
    picture.paste((240, 200, 40), (200, 150, 900, 700))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def upload_image(client, collection, name="storefront.jpg", size=(400, 300)):
    """Small pictures keep the suite quick; the first test uploads a photo-sized one."""
    response = client.post(
        "/admin/images/multiple/add/",
        {
            "files[]": SimpleUploadedFile(name, jpeg(size), content_type="image/jpeg"),
            "collection": collection.pk,
        },
    )
    assert response.status_code == 200, response.content[:500]
    data = response.json()
    assert data["success"], data
    return get_image_model().objects.get(pk=data["image_id"])


def upload_document(client, collection, name="menu.pdf", content=PDF):
    response = client.post(
        "/admin/documents/multiple/add/",
        {
            "files[]": SimpleUploadedFile(name, content, content_type="application/pdf"),
            "collection": collection.pk,
        },
    )
    assert response.status_code == 200, response.content[:500]
    data = response.json()
    assert data["success"], data
    return get_document_model().objects.get(pk=data["doc_id"])


def body_of(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_an_uploaded_image_and_its_renditions_are_in_the_bucket_before_any_page_view(
    client, s3_media, owner1, storefront1, committed
):
    s3_media.allow_public_images()
    client.force_login(owner1)
    with committed():
        image = upload_image(client, storefront1.business.collection, size=(1280, 720))

    original = s3_media.head(image.file.name)
    assert image.file.name.startswith("original_images/")
    assert original["ContentType"] == "image/jpeg"
    assert original["CacheControl"] == CACHE_CONTROL["original"]

    renditions = {r.filter_spec: r for r in image.renditions.all()}
    assert set(renditions) == set(SPECS)
    for spec, rendition in renditions.items():
        head = s3_media.head(rendition.file.name)
        assert rendition.file.name.startswith("images/")
        assert head["CacheControl"] == "public, max-age=31536000, immutable"
        webp = spec.endswith("|format-webp")  # a responsive picture's <source> widths
        assert head["ContentType"] == ("image/webp" if webp else "image/jpeg"), spec
    assert s3_media.keys("images/") == sorted(r.file.name for r in renditions.values())

    # The storefront uses it; publishing finds every rendition already made.
    storefront1.hero_image = image
    with committed():
        storefront1.save_revision().publish()

    made = []

    def note(sender, instance, created, **kwargs):
        if created:
            made.append(instance.filter_spec)

    rendition_model = image.get_rendition_model()
    post_save.connect(note, sender=rendition_model)
    try:
        client.logout()
        response = client.get(storefront1.url)
    finally:
        post_save.disconnect(note, sender=rendition_model)
    assert response.status_code == 200
    assert made == []
    assert image.renditions.count() == len(SPECS)

    html = response.content.decode()
    hero = renditions["fill-1200x500"]
    hero_url = s3_media.public_url(hero.file.name)
    assert f'src="{hero_url}"' in html
    assert s3_media.public_url(renditions["fill-1200x630"].file.name) in html  # og:image

    # Anyone can read images (the bucket policy): unsigned, with their headers.
    fetched = requests.get(hero_url, timeout=10)
    assert fetched.status_code == 200
    assert fetched.headers["Content-Type"] == "image/jpeg"
    assert fetched.headers["Cache-Control"] == CACHE_CONTROL["rendition"]
    assert PILImage.open(io.BytesIO(fetched.content)).size == (1200, 500)


def test_deleting_an_image_in_the_admin_removes_its_objects(
    client, s3_media, owner1, storefront1, committed
):
    client.force_login(owner1)
    with committed():
        image = upload_image(client, storefront1.business.collection)
    assert len(s3_media.keys()) == 1 + len(SPECS)

    with committed():
        response = client.post(f"/admin/images/{image.pk}/delete/")
    assert response.status_code == 302
    assert not get_image_model().objects.filter(pk=image.pk).exists()
    assert s3_media.keys() == []


def test_replacing_an_image_file_remakes_its_renditions(
    client, s3_media, owner1, storefront1, committed
):
    """Wagtail deletes all renditions when a new file replaces the old one;
    they are made again from the new file, and the old objects are gone."""
    client.force_login(owner1)
    with committed():
        image = upload_image(client, storefront1.business.collection)
    old_keys = set(s3_media.keys())

    with committed():
        response = client.post(
            f"/admin/images/{image.pk}/",
            {
                "title": "new photo",
                "collection": image.collection_id,
                "tags": "",
                "file": SimpleUploadedFile("new.jpg", jpeg((300, 300)), "image/jpeg"),
            },
        )
    assert response.status_code == 302, response.content[:500]
    image.refresh_from_db()
    assert image.width == 300
    assert {r.filter_spec for r in image.renditions.all()} == set(SPECS)
    keys = set(s3_media.keys())
    assert not keys & old_keys
    assert len(keys) == 1 + len(SPECS)


def test_a_document_is_private_in_the_bucket_and_served_by_the_document_view(
    client, s3_media, owner1, storefront1, committed
):
    s3_media.allow_public_images()
    client.force_login(owner1)
    with committed():
        document = upload_document(client, storefront1.business.collection)

    key = document.file.name
    assert key.startswith("documents/")
    head = s3_media.head(key)
    assert head["ContentType"] == "application/pdf"
    assert head["CacheControl"] == CACHE_CONTROL["private"]
    assert head["ContentDisposition"] == "attachment"

    # Not readable from the bucket without a signature...
    assert requests.get(s3_media.public_url(key), timeout=10).status_code == 403
    # ...its storage URL is signed and short-lived...
    signed = document.file.url
    assert "X-Amz-Signature=" in signed and "X-Amz-Expires=300" in signed
    assert requests.get(signed, timeout=10).content == PDF

    # ...and the site links to Wagtail's document view, which streams it.
    assert document.url == f"/documents/{document.pk}/menu.pdf"
    client.logout()
    response = client.get(document.url)
    assert response.status_code == 200
    assert body_of(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"

    with committed():
        document.delete()
    assert s3_media.keys("documents/") == []


def test_owners_still_cannot_see_each_others_images(
    client, s3_media, owner1, owner2, storefront1, storefront2, committed
):
    client.force_login(owner1)
    with committed():
        image = upload_image(client, storefront1.business.collection, name="owner1-secret.jpg")
    image.title = "owner1-secret-photo"
    image.save()

    client.force_login(owner2)
    listing = client.get("/admin/images/")
    assert listing.status_code == 200
    assert "owner1-secret-photo" not in listing.content.decode()
    assert client.get(f"/admin/images/{image.pk}/").status_code in (302, 403)
    chooser = client.get("/admin/images/chooser/")
    assert "owner1-secret-photo" not in chooser.content.decode()

    # An upload naming the other owner's collection lands in the uploader's own.
    response = client.post(
        "/admin/images/multiple/add/",
        {
            "files[]": SimpleUploadedFile("x.jpg", jpeg(), content_type="image/jpeg"),
            "collection": storefront1.business.collection.pk,
        },
    )
    assert response.status_code == 200
    uploaded = get_image_model().objects.get(pk=response.json()["image_id"])
    assert uploaded.collection == storefront2.business.collection
    assert list(get_image_model().objects.filter(collection=storefront1.business.collection)) == [
        image
    ]


def test_cleaning_an_old_photo_replaces_its_objects(s3_media, committed):
    """strip_image_metadata on the bucket: the photo an older release stored
    with its GPS position gets a clean original and clean renditions, and
    none of its old objects is left."""
    exif = PILImage.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (36.0, 15.0, 30.5)})
    buffer = io.BytesIO()
    PILImage.new("RGB", (400, 300), (30, 120, 200)).save(buffer, "JPEG", exif=exif.tobytes())
    with committed():
        image = get_image_model()(title="old", file=ContentFile(buffer.getvalue(), name="old.jpg"))
        image.save()
    old_keys = set(s3_media.keys())
    assert len(old_keys) == 1 + len(SPECS)

    with committed():
        call_command("strip_image_metadata", stdout=io.StringIO())

    image.refresh_from_db()
    keys = set(s3_media.keys())
    assert not keys & old_keys
    assert len(keys) == 1 + len(SPECS)
    for key in keys:
        body = s3_media.client.get_object(Bucket=s3_media.name, Key=key)["Body"].read()
        assert not PILImage.open(io.BytesIO(body)).getexif().get_ifd(0x8825), key
