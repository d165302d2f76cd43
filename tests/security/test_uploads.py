"""Uploads through the real Wagtail admin views, as a shop owner: every bad
file is refused with a field error (in the owner's language) and nothing is
stored, neither a row nor a file under MEDIA_ROOT. The bombs are real files,
built here with Pillow and zlib."""

import io
import re
import struct
import zipfile
import zlib
from functools import partial
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.users.models import UserProfile

# The 48 Mpx PNG is over Pillow's warning threshold (the limit) but under its
# hard error (twice the limit): Wagtail's own pixel count refuses it.
pytestmark = pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")

Image = get_image_model()
Document = get_document_model()

# -- files ---------------------------------------------------------------------------


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width=30_000, height=30_000) -> bytes:
    """A real PNG: 1-bit greyscale, every row zeros, deflated (~110 KB for 900 Mpx)."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" * (1 + (width + 7) // 8)
    deflate = zlib.compressobj(9)
    chunks = [deflate.compress(row) for _ in range(height)]
    chunks.append(deflate.flush())
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", b"".join(chunks))
        + png_chunk(b"IEND", b"")
    )


def gif_huge_screen() -> bytes:
    """A one-pixel GIF whose logical screen is 65535 x 65535."""
    screen = struct.pack("<HHBBB", 65535, 65535, 0x80, 0, 0)  # global colour table of 2
    palette = b"\x00\x00\x00\xff\xff\xff"
    frame = struct.pack("<BHHHHB", 0x2C, 0, 0, 1, 1, 0) + b"\x02\x02\x44\x01\x00"
    return b"GIF89a" + screen + palette + frame + b"\x3b"


def gif_frame_bomb(size=1000, frames=45) -> bytes:
    """Small on disk, 45 Mpx once every frame is decoded (over the 40 Mpx limit)."""
    images = [PILImage.new("P", (size, size), i % 2) for i in range(frames)]
    for image in images:
        image.putpalette([0, 0, 0, 255, 255, 255])
    buffer = io.BytesIO()
    images[0].save(buffer, "GIF", save_all=True, append_images=images[1:], optimize=False)
    return buffer.getvalue()


def jpeg_declaring(width=65_000, height=65_000) -> bytes:
    """A small real JPEG whose frame header (SOF0) declares a huge size."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (16, 16), (200, 80, 40)).save(buffer, "JPEG")
    data = bytearray(buffer.getvalue())
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def encoded(image, fmt, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def noise(size=(300, 200)):
    import random

    rng = random.Random(7)
    return PILImage.frombytes(
        "RGB", size, bytes(rng.randrange(256) for _ in range(size[0] * size[1] * 3))
    )


def valid_png() -> bytes:
    return encoded(PILImage.new("RGB", (64, 48), (10, 120, 200)), "PNG")


HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(2)</script></svg>"
)
PHP = b'<?php system($_GET["c"]); ?>'


def gif_php_polyglot() -> bytes:
    """A valid GIF with PHP in a comment extension block (a classic webshell)."""
    return encoded(PILImage.new("P", (8, 8), 0), "GIF", comment=PHP)


def jpeg_html_polyglot() -> bytes:
    """A valid JPEG with an HTML page after the end-of-image marker."""
    return encoded(PILImage.new("RGB", (8, 8), (0, 0, 0)), "JPEG") + HTML


def oversize_png() -> bytes:
    """A valid PNG padded past WAGTAILIMAGES_MAX_UPLOAD_SIZE after IEND."""
    return valid_png() + b"\x00" * (settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE + 1)


BOMB_PIXELS = "too many pixels"
BAD_IMAGES = {
    # name: (filename, content factory, English error fragment, Japanese error fragment)
    "png_bomb_900Mpx": ("bomb.png", png_bomb, BOMB_PIXELS, "ピクセル数"),
    "png_48Mpx": ("big.png", lambda: png_bomb(8000, 6000), BOMB_PIXELS, "ピクセル数"),
    "gif_huge_screen": ("screen.gif", gif_huge_screen, BOMB_PIXELS, "ピクセル数"),
    "gif_frame_bomb": ("frames.gif", gif_frame_bomb, BOMB_PIXELS, "ピクセル数"),
    "jpeg_declaring_4Gpx": ("bomb.jpg", jpeg_declaring, BOMB_PIXELS, "ピクセル数"),
    "oversize": ("large.png", oversize_png, "too big", "大きすぎます"),
    "html_renamed_jpg": ("page.jpg", lambda: HTML, "Upload a valid image", "画像でないか"),
    "svg": (
        "logo.svg",
        lambda: SVG,
        "Not a supported image format",
        "サポートされていない画像形式",
    ),
    "svg_renamed_png": ("logo.png", lambda: SVG, None, None),
    "php_renamed_gif": ("shell.gif", lambda: PHP, "Upload a valid image", "画像でないか"),
    "gif_php_polyglot": ("shell.gif", gif_php_polyglot, "web page code", "ウェブページのコード"),
    "jpeg_html_polyglot": ("page.jpg", jpeg_html_polyglot, "web page code", "ウェブページのコード"),
    "truncated_png": (
        "cut.png",
        lambda: (lambda d: d[: len(d) * 2 // 3])(encoded(noise(), "PNG")),
        "damaged or incomplete",
        "壊れているか",
    ),
    "truncated_jpeg": (
        "cut.jpg",
        lambda: (lambda d: d[: len(d) // 2])(encoded(noise(), "JPEG", quality=95)),
        "damaged or incomplete",
        "壊れているか",
    ),
    "psd_renamed_png": (
        "photo.png",
        lambda: encoded(PILImage.new("RGB", (8, 8)), "BMP"),
        None,
        None,
    ),
}


# -- helpers -------------------------------------------------------------------------


ERROR_MESSAGE = re.compile(r'<p class="error-message">\s*(.*?)\s*</p>', re.DOTALL)


def field_errors(html: str) -> str:
    """The field error messages of a rendered admin form, as the user read them."""
    return " ".join(unescape(m) for m in ERROR_MESSAGE.findall(html))


def media_files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def use_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.fixture
def owner_client(client, owner1, storefront1):
    client.force_login(owner1)
    client.collection = storefront1.business.collection
    return client


def upload(kind, client, path, filename, content):
    """Upload an image or document (`kind`) through one admin path; returns
    the field's error text ('' if accepted)."""
    app = {"image": "wagtailimages", "document": "wagtaildocs"}[kind]
    file = SimpleUploadedFile(filename, content)
    collection = client.collection.pk
    if path == "add":
        response = client.post(
            reverse(f"{app}:add"), {"title": "x", "collection": collection, "file": file}
        )
        if response.status_code == 302:
            return ""
        assert response.status_code == 200
        assert "file" in response.context["form"].errors
        return field_errors(response.content.decode())
    if path == "add_multiple":
        response = client.post(
            reverse(f"{app}:add_multiple"), {"collection": collection, "files[]": file}
        )
        assert response.status_code == 200
        data = response.json()
        return "" if data["success"] else data["error_message"]
    if path == "chooser":
        prefix = f"{kind}-chooser-upload-"
        response = client.post(
            reverse(f"{app}_chooser:create"),
            {
                f"{prefix}title": "x",
                f"{prefix}collection": collection,
                f"{prefix}file": file,
            },
        )
        assert response.status_code == 200
        data = response.json()
        if data["step"] != "reshow_creation_form":
            return ""
        return field_errors(data["htmlFragment"])
    raise AssertionError(path)


upload_image = partial(upload, "image")
upload_document = partial(upload, "document")


IMAGE_PATHS = ["add", "add_multiple", "chooser"]


# -- images --------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(BAD_IMAGES))
def test_bad_image_is_refused_by_every_admin_upload_path(owner_client, owner1, name):
    filename, make, english, _japanese = BAD_IMAGES[name]
    content = make()
    use_language(owner1, "en")
    before_rows, before_files = Image.objects.count(), media_files()
    for path in IMAGE_PATHS:
        error = upload_image(owner_client, path, filename, content)
        assert error, f"{name} accepted through {path}"
        if english:
            assert english in error, (path, error)
    assert Image.objects.count() == before_rows
    assert media_files() == before_files


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["png_bomb_900Mpx", "gif_php_polyglot", "truncated_png", "oversize", "svg"]
)
def test_refusals_are_translated_into_japanese(owner_client, owner1, name):
    filename, make, _english, japanese = BAD_IMAGES[name]
    use_language(owner1, "ja")
    error = upload_image(owner_client, "add", filename, make())
    assert japanese in error, error


@pytest.mark.django_db
def test_a_valid_image_is_still_accepted_everywhere(owner_client):
    for path in IMAGE_PATHS:
        assert upload_image(owner_client, path, f"{path}.png", valid_png()) == ""
    jpeg = encoded(noise(), "JPEG")
    gif = encoded(PILImage.new("P", (32, 32), 1), "GIF")
    webp = encoded(noise(), "WEBP")
    for filename, content in [("a.jpg", jpeg), ("b.gif", gif), ("c.webp", webp)]:
        assert upload_image(owner_client, "add", filename, content) == ""
    assert Image.objects.count() == len(IMAGE_PATHS) + 3


def test_pillow_limit_matches_wagtail_limit():
    assert PILImage.MAX_IMAGE_PIXELS == settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    with pytest.raises(PILImage.DecompressionBombError):
        PILImage.open(io.BytesIO(png_bomb(10_000, 9_000)))  # 90 Mpx > 2 x 40 Mpx


# -- documents -----------------------------------------------------------------------


def office(main_part="word/document.xml", extra=None, big=0) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        package.writestr(main_part, '<?xml version="1.0"?><document/>')
        for name, data in (extra or {}).items():
            package.writestr(name, data)
        if big:
            with package.open("word/media/huge.bin", "w") as member:
                block = b"\x00" * (1024 * 1024)
                for _ in range(big):
                    member.write(block)
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
BAD_DOCUMENTS = {
    "html_renamed_pdf": ("menu.pdf", HTML, "does not match"),
    "html_as_txt": ("notes.txt", HTML, "web page code"),
    "svg_as_txt": ("notes.txt", SVG, "web page code"),
    "svg": ("logo.svg", SVG, "extension"),
    "html": ("page.html", HTML, "extension"),
    "binary_as_csv": ("prices.csv", b"\x00\x01\x02\xff\xfe" * 100, "does not match"),
    "zip_renamed_docx": ("menu.docx", office(main_part="other.xml"), "does not match"),
    "pdf_renamed_xlsx": ("prices.xlsx", PDF, "does not match"),
    "docx_with_macros": (
        "menu.docx",
        office(extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}),
        "macros",
    ),
    "docx_zip_bomb": ("menu.docx", office(big=101), "expands to more than"),
    "oversize_pdf": (
        "big.pdf",
        PDF + b"\x00" * settings.WAGTAILDOCS_MAX_UPLOAD_SIZE,
        "too big",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(BAD_DOCUMENTS))
def test_bad_document_is_refused_by_every_admin_upload_path(owner_client, owner1, name):
    filename, content, english = BAD_DOCUMENTS[name]
    use_language(owner1, "en")
    before_rows, before_files = Document.objects.count(), media_files()
    for path in IMAGE_PATHS:
        error = upload_document(owner_client, path, filename, content)
        assert error, f"{name} accepted through {path}"
        assert english in error, (path, error)
    assert Document.objects.count() == before_rows
    assert media_files() == before_files


@pytest.mark.django_db
def test_document_refusal_in_japanese(owner_client, owner1):
    use_language(owner1, "ja")
    error = upload_document(owner_client, "add", "menu.pdf", HTML)
    assert "拡張子" in error, error


@pytest.mark.django_db
def test_valid_documents_are_accepted_and_served_safely(owner_client, client):
    shift_jis_csv = "商品,価格\nコーヒー,500\n".encode("cp932")
    files = [
        ("menu.pdf", PDF),
        ("prices.csv", shift_jis_csv),
        ("notes.txt", "営業時間は 9:00〜18:00 です。\n".encode()),
        ("menu.docx", office()),
        ("prices.xlsx", office(main_part="xl/workbook.xml")),
    ]
    for filename, content in files:
        assert upload_document(owner_client, "add", filename, content) == "", filename
    assert Document.objects.count() == len(files)

    for document in Document.objects.all():
        response = client.get(document.url)  # the public serve view
        assert response.status_code == 200
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'"
        disposition = response["Content-Disposition"]
        if document.filename.endswith(".pdf"):
            assert disposition.startswith("inline")
        else:
            assert disposition.startswith("attachment"), (document.filename, disposition)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["png_bomb_900Mpx", "gif_php_polyglot", "truncated_png"])
def test_replacing_an_image_file_is_checked_too(owner_client, owner1, name):
    """The edit view's "change image file" goes through the same form."""
    use_language(owner1, "en")
    assert upload_image(owner_client, "add", "shop.png", valid_png()) == ""
    image = Image.objects.get()
    original, before_files = image.file.name, media_files()
    filename, make, english, _japanese = BAD_IMAGES[name]
    response = owner_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": "shop",
            "collection": owner_client.collection.pk,
            "file": SimpleUploadedFile(filename, make()),
        },
    )
    assert response.status_code == 200
    assert english in field_errors(response.content.decode())
    image.refresh_from_db()
    assert image.file.name == original
    # The edit page renders previews (renditions) of the kept image; no
    # original was added.
    originals = {p for p in media_files() if p.parent.name == "original_images"}
    assert originals == {p for p in before_files if p.parent.name == "original_images"}
