"""Upload checks on top of Wagtail's own.

Wagtail 8 already refuses, for images (wagtail/images/fields.py): an extension
outside WAGTAILIMAGES_EXTENSIONS, content whose format (sniffed by Willow)
differs from the extension (HTML or SVG renamed .jpg, PSD renamed .png), files
over WAGTAILIMAGES_MAX_UPLOAD_SIZE and images over WAGTAILIMAGES_MAX_IMAGE_PIXELS
(width x height x frames, but Willow's Pillow plugin always reports 1 frame),
and Pillow's DecompressionBombError. For documents it checks only the extension and size.

What this module adds, through Wagtail's form base settings
(WAGTAILIMAGES_IMAGE_FORM_BASE / WAGTAILDOCS_DOCUMENT_FORM_BASE, used by the
single and multiple upload views and the choosers' upload tabs):

- animated images: width x height x every frame against the pixel limit;
- location (GPS), device and author metadata is cut out of photos
  (machikado.image_metadata), since originals are public;
- images are decoded completely once, so a truncated or corrupt file is
  refused at upload instead of failing later in every rendition;
- images and text documents carrying markup a browser could run (a GIF/HTML or
  JPEG/PHP polyglot) are refused, since originals are served as they are;
- documents are checked by content: a PDF starts with %PDF-, .docx/.xlsx are
  Office Open XML packages (no macros, no zip bomb), .csv/.txt are text
  (UTF-8 or Shift_JIS) without NUL bytes or HTML.

Pillow's own limit (PIL.Image.MAX_IMAGE_PIXELS) is set to the same figure as
WAGTAILIMAGES_MAX_IMAGE_PIXELS by `configure_pillow()` (called when the app is
ready), so renditions of anything twice over it fail hard everywhere.
"""

import re
import struct
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageFile, ImageSequence
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .image_metadata import strip_private_metadata

# Markup a browser would run if it ever rendered the file as HTML. Each needs
# the character after the name, so random compressed bytes almost never match.
ACTIVE_CONTENT = re.compile(
    rb"<(?:script|html|body|iframe|object|embed|meta|form|style)[\s/>]|<svg\s"
    rb"|<\?php[\s]|<!doctype\s+html|javascript:",
    re.IGNORECASE,
)

# Uncompressed size allowed for an Office file (docx/xlsx are zip packages).
MAX_OFFICE_UNCOMPRESSED = 100 * 1024 * 1024
OFFICE_MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
TEXT_ENCODINGS = ("utf-8-sig", "cp932")
DAMAGED = _("This image file is damaged or incomplete. Please save it again and upload it.")


def configure_pillow():
    """Pillow warns above MAX_IMAGE_PIXELS and refuses above twice that."""
    limit = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None)
    if limit:
        PILImage.MAX_IMAGE_PIXELS = limit
    # Never decode half a file into a picture padded with grey.
    ImageFile.LOAD_TRUNCATED_IMAGES = False


def read_upload(f) -> bytes:
    f.seek(0)
    data = f.read()
    f.seek(0)
    return data


def has_active_content(data: bytes) -> bool:
    return ACTIVE_CONTENT.search(data) is not None


def check_image(f):
    """Raise ValidationError unless `f` (already through WagtailImageField) is
    an image that decodes completely and carries no markup."""
    data = read_upload(f)
    if has_active_content(data):
        raise ValidationError(
            _("This image contains web page code (HTML or script) and cannot be uploaded."),
            code="image_active_content",
        )
    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    too_many = _(
        "This image has too many pixels (%(pixels)s, counting every frame). Maximum pixels %(max_pixels)s."
    )
    try:
        with PILImage.open(f) as image:
            # Wagtail multiplies by Willow's frame count, which is always 1
            # with Pillow: an animated GIF's frames are counted here.
            width, height = image.size
            pixels = width * height * getattr(image, "n_frames", 1)
            if limit and pixels > limit:
                raise ValidationError(
                    too_many % {"pixels": pixels, "max_pixels": limit},
                    code="file_too_many_pixels",
                )
            for frame in ImageSequence.Iterator(image):
                frame.load()
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
        raise ValidationError(
            too_many % {"pixels": _("unknown number"), "max_pixels": limit},
            code="file_too_many_pixels",
        ) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ValidationError(DAMAGED, code="image_damaged") from exc
    finally:
        f.seek(0)


def check_document(f):
    """Raise ValidationError unless the content matches the extension."""
    extension = f.name.rsplit(".", 1)[-1].lower() if "." in f.name else ""
    data = read_upload(f)
    mismatch = ValidationError(
        _("The file's content does not match its extension (.%(extension)s).")
        % {"extension": extension},
        code="document_content_mismatch",
    )
    if extension == "pdf":
        if not data.lstrip(b"\r\n\t \x00\xef\xbb\xbf")[:5] == b"%PDF-":
            raise mismatch
    elif extension in OFFICE_MAIN_PART:
        check_office_package(f, OFFICE_MAIN_PART[extension], mismatch)
    elif extension in {"csv", "txt"}:
        if b"\x00" in data or not any(decodes(data, encoding) for encoding in TEXT_ENCODINGS):
            raise mismatch
        if has_active_content(data):
            raise ValidationError(
                _("This file contains web page code (HTML or script) and cannot be uploaded."),
                code="document_active_content",
            )
    # Any other extension is refused by WAGTAILDOCS_EXTENSIONS before this runs.


def decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def check_office_package(f, main_part, mismatch):
    try:
        with zipfile.ZipFile(f) as package:
            infos = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise mismatch from exc
    finally:
        f.seek(0)
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names or main_part not in names:
        raise mismatch
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ValidationError(_("Files with macros cannot be uploaded."), code="document_macros")
    if sum(info.file_size for info in infos) > MAX_OFFICE_UNCOMPRESSED:
        raise ValidationError(
            _("This file expands to more than %(size)s MB and cannot be uploaded.")
            % {"size": MAX_OFFICE_UNCOMPRESSED // (1024 * 1024)},
            code="document_too_large_uncompressed",
        )


def remove_private_metadata(f):
    """Rewrite the upload without its location, device and author metadata
    (machikado.image_metadata), in place, before Wagtail sizes, hashes and
    stores it."""
    stripped = strip_private_metadata(read_upload(f))
    if stripped is None:
        return
    f.file.seek(0)
    f.file.truncate()
    f.file.write(stripped)
    f.file.seek(0)
    f.size = len(stripped)


def _new_upload(value) -> bool:
    return isinstance(value, UploadedFile)


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, plus check_image(); a file Pillow cannot read
    (a truncated PNG) is a field error instead of Wagtail's server error."""

    def to_python(self, data):
        try:
            f = super().to_python(data)
        except (OSError, SyntaxError, ValueError, EOFError, struct.error) as exc:
            if isinstance(exc, ValidationError):
                raise
            raise ValidationError(DAMAGED, code="image_damaged") from exc
        if _new_upload(f):
            check_image(f)
            remove_private_metadata(f)
        return f


class ImageForm(BaseImageForm):
    """WAGTAILIMAGES_IMAGE_FORM_BASE: every admin image form (add, multiple
    upload, chooser upload, edit)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        # Wagtail builds this field from the model (formfield_callback); a
        # declared field would also reappear in forms that exclude "file".
        if type(field) is WagtailImageField:
            field.__class__ = CheckedImageField


class DocumentForm(BaseDocumentForm):
    """WAGTAILDOCS_DOCUMENT_FORM_BASE: every admin document upload form."""

    def clean_file(self):
        value = self.cleaned_data.get("file")
        if _new_upload(value):
            check_document(value)
        return value
