"""Photos lose their location, device and author metadata at upload, and
nothing else: the picture's bytes, the colour profile and the orientation
stay. Files are real JPEG/PNG/WebP written by Pillow with the blocks a phone
writes; uploads go through the real Wagtail admin views as a shop owner."""

import hashlib
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image as PILImage
from PIL import ImageCms
from PIL.PngImagePlugin import PngInfo
from wagtail.images import get_image_model

from machikado.image_metadata import ORIENTATION, strip_private_metadata
from machikado.renditions import SPECS

SPEC = "width-800"  # a rendition the pages use, in the original's format
assert SPEC in SPECS
GPS_IFD = 0x8825
MAKE, SERIAL = 0x010F, 0xA431
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>36,15.5N</exif:GPSLatitude></x:xmpmeta>'
)


def phone_exif(orientation=6):
    exif = PILImage.Exif()
    exif[ORIENTATION] = orientation
    exif[MAKE] = "PhoneMaker"
    exif.get_ifd(0x8769)[SERIAL] = "SN-12345"
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (36.0, 15.0, 30.5), 3: "E", 4: (139.0, 4.0, 1.0)})
    return exif.tobytes()


def picture():
    image = PILImage.new("RGB", (48, 32))
    image.putdata(
        [((x * 5) % 256, (y * 7) % 256, (x * y) % 256) for y in range(32) for x in range(48)]
    )
    return image


def photo(fmt, **extra):
    buffer = io.BytesIO()
    picture().save(buffer, fmt, **extra)
    return buffer.getvalue()


def opened(data):
    image = PILImage.open(io.BytesIO(data))
    image.load()
    return image


def assert_no_private_metadata(data):
    image = opened(data)
    exif = image.getexif()
    assert not exif.get_ifd(GPS_IFD), "GPS left"
    assert MAKE not in exif
    assert not exif.get_ifd(0x8769)
    assert b"GPSLatitude" not in data and b"PhoneMaker" not in data and b"SN-12345" not in data
    return image


def test_jpeg_loses_gps_device_xmp_and_comment_but_keeps_picture_profile_and_orientation():
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    original = photo(
        "JPEG", quality=90, exif=phone_exif(6), xmp=XMP, icc_profile=icc, comment=b"at home"
    )
    assert opened(original).getexif().get_ifd(GPS_IFD)  # the file really had them

    stripped = strip_private_metadata(original)

    image = assert_no_private_metadata(stripped)
    assert b"at home" not in stripped
    assert image.getexif()[ORIENTATION] == 6
    assert image.info["icc_profile"] == icc
    # the compressed picture itself is copied, not re-encoded
    scan = original.index(b"\xff\xda")
    assert stripped.endswith(original[scan:])
    assert image.tobytes() == opened(original).tobytes()


def test_upright_jpeg_keeps_no_exif_at_all():
    stripped = strip_private_metadata(photo("JPEG", exif=phone_exif(1)))
    assert b"Exif\x00\x00" not in stripped
    assert_no_private_metadata(stripped)


def test_png_loses_exif_and_text_chunks_and_stays_valid():
    info = PngInfo()
    info.add_text("Author", "Owner Name")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    original = photo("PNG", exif=phone_exif(3), pnginfo=info)

    stripped = strip_private_metadata(original)

    image = assert_no_private_metadata(stripped)  # Pillow checks every chunk's CRC
    assert b"Owner Name" not in stripped
    assert image.getexif()[ORIENTATION] == 3
    assert image.tobytes() == opened(original).tobytes()


def test_webp_loses_exif_and_xmp_chunks_and_stays_valid():
    original = photo("WEBP", lossless=True, exif=phone_exif(8), xmp=XMP)

    stripped = strip_private_metadata(original)

    image = assert_no_private_metadata(stripped)
    assert image.getexif()[ORIENTATION] == 8
    assert image.tobytes() == opened(original).tobytes()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_a_file_without_metadata_is_left_as_it_is(fmt):
    assert strip_private_metadata(photo(fmt)) is None


def test_a_damaged_jpeg_is_left_to_the_decoder_checks():
    data = photo("JPEG", exif=phone_exif())
    app1 = data.index(b"\xff\xe1")
    # a segment said to run past the end of the file
    damaged = data[: app1 + 2] + b"\xff\xff" + data[app1 + 4 :]
    assert strip_private_metadata(damaged) is None
    # no marker where the next segment must start
    damaged = data[:app1] + b"\x00" + data[app1 + 1 :]
    assert strip_private_metadata(damaged) is None


# -- through the admin ----------------------------------------------------------------


@pytest.fixture
def owner_client(client, owner1, storefront1):
    client.force_login(owner1)
    return client


@pytest.mark.parametrize("in_memory", [True, False], ids=["small upload", "temporary file"])
@pytest.mark.django_db
def test_uploaded_photo_is_stored_without_its_location(
    owner_client, storefront1, settings, in_memory
):
    if not in_memory:  # Django writes bigger uploads to a temporary file first
        settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 100
    original = photo("JPEG", quality=90, exif=phone_exif(6), xmp=XMP)
    response = owner_client.post(
        reverse("wagtailimages:add_multiple"),
        {
            "collection": storefront1.business.collection.pk,
            "files[]": SimpleUploadedFile("IMG_0001.jpg", original, content_type="image/jpeg"),
        },
    )
    assert response.json()["success"], response.json()

    image = get_image_model().objects.get()
    with image.open_file() as f:
        stored = f.read()
    assert_no_private_metadata(stored)
    assert opened(stored).getexif()[ORIENTATION] == 6
    assert image.file_size == len(stored) < len(original)
    assert image.file_hash == hashlib.sha1(stored).hexdigest()  # noqa: S324 (Wagtail's file hash)
    assert (image.width, image.height) == (48, 32)


# -- images stored before uploads were cleaned --------------------------------------


def stored_photo(data, name="IMG_0002.jpg"):
    """An image as an older release stored it: the upload's bytes as they came."""
    image = get_image_model()(title="old photo", file=ContentFile(data, name=name))
    image.save()
    return image


def stored_bytes(field):
    with field.storage.open(field.name, "rb") as f:
        return f.read()


@pytest.mark.django_db
def test_old_photos_and_their_renditions_lose_their_location(committed):
    image = stored_photo(photo("JPEG", quality=90, exif=phone_exif(6), xmp=XMP))
    untouched = stored_photo(photo("PNG"), name="plain.png")
    old_name, untouched_name = image.file.name, untouched.file.name
    rendition = image.get_rendition(SPEC)
    # Wagtail copies the original's EXIF, GPS included, into the rendition
    assert opened(stored_bytes(rendition.file)).getexif().get_ifd(GPS_IFD)
    old_rendition = rendition.file.name
    storage = image.file.storage

    out = io.StringIO()
    with committed():
        call_command("strip_image_metadata", stdout=out)

    assert "2 images: 1 cleaned private metadata, 0 failed" in out.getvalue()
    image.refresh_from_db()
    assert image.file.name != old_name and not storage.exists(old_name)
    stored = stored_bytes(image.file)
    assert_no_private_metadata(stored)
    assert opened(stored).getexif()[ORIENTATION] == 6
    assert image.file_size == len(stored)
    assert image.file_hash == hashlib.sha1(stored).hexdigest()  # noqa: S324 (Wagtail's file hash)
    assert not storage.exists(old_rendition)
    # the renditions the pages use were made again, from the clean original
    assert image.renditions.filter(filter_spec=SPEC).exists()
    assert_no_private_metadata(stored_bytes(image.get_rendition(SPEC).file))
    untouched.refresh_from_db()
    assert untouched.file.name == untouched_name

    again = io.StringIO()
    call_command("strip_image_metadata", stdout=again)
    assert "2 images: 0 cleaned private metadata, 0 failed" in again.getvalue()


@pytest.mark.django_db
def test_dry_run_lists_the_photos_and_changes_nothing():
    image = stored_photo(photo("JPEG", exif=phone_exif(1)))
    before = stored_bytes(image.file)
    out = io.StringIO()
    call_command("strip_image_metadata", "--dry-run", stdout=out)
    assert f"image {image.pk}: {image.file.name}" in out.getvalue()
    assert "1 images: 1 carry private metadata" in out.getvalue()
    image.refresh_from_db()
    assert stored_bytes(image.file) == before


@pytest.mark.django_db
def test_a_missing_file_is_reported_and_the_others_are_cleaned():
    missing = stored_photo(photo("JPEG", exif=phone_exif(1)), name="gone.jpg")
    missing.file.storage.delete(missing.file.name)
    kept = stored_photo(photo("JPEG", exif=phone_exif(1)))
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 images failed"):
        call_command("strip_image_metadata", stdout=io.StringIO(), stderr=err)
    assert f"image {missing.pk}" in err.getvalue()
    kept.refresh_from_db()
    assert_no_private_metadata(stored_bytes(kept.file))
