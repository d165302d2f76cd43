"""Remove what a photo says about its taker before the original is stored.

Phones write the place a photo was taken (GPS), the device and its serial
number, and sometimes the owner's name into EXIF, XMP and IPTC. Originals are
public (the API's download URL, the S3 bucket), so a shop owner photographing
their goods at home would publish their home's position. At upload
(machikado.uploads.CheckedImageField) those blocks are cut out of the file:

- JPEG: APP1 (EXIF, XMP), APP13 (IPTC) segments and comments are dropped;
- PNG: eXIf and the text chunks (tEXt, zTXt, iTXt: XMP lives there) are dropped;
- WebP: the EXIF and XMP chunks are dropped and the VP8X flags follow.

The picture itself is copied byte for byte (no re-encoding, no quality
loss), and so are the colour profile (ICC) and everything else. The one
EXIF value a page needs, the orientation, is written back on its own, so a
portrait photo still stands upright. GIFs carry no EXIF and are left alone.
"""

import io
import struct
import zlib

from PIL import Image as PILImage

ORIENTATION = 0x0112
EXIF_HEADER = b"Exif\x00\x00"
XMP_HEADERS = (b"http://ns.adobe.com/xap/1.0/\x00", b"http://ns.adobe.com/xmp/extension/\x00")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_DROPPED = {b"eXIf", b"tEXt", b"zTXt", b"iTXt"}
WEBP_DROPPED = {b"EXIF", b"XMP "}
WEBP_EXIF_FLAG, WEBP_XMP_FLAG = 0x08, 0x04


def orientation_exif(data: bytes) -> bytes | None:
    """A TIFF block holding only the image's EXIF orientation, when it turns
    the picture (None when upright or unknown)."""
    try:
        with PILImage.open(io.BytesIO(data)) as image:
            orientation = image.getexif().get(ORIENTATION)
    except (OSError, SyntaxError, ValueError, struct.error):
        return None
    if not isinstance(orientation, int) or orientation in (0, 1) or orientation > 8:
        return None
    exif = PILImage.Exif()
    exif[ORIENTATION] = orientation
    return exif.tobytes()[len(EXIF_HEADER) :]


def strip_private_metadata(data: bytes) -> bytes | None:
    """The file without its location, device and author metadata, or None
    when there is nothing to remove (or the format is not one handled here)."""
    if data[:2] == b"\xff\xd8":
        stripped = _strip_jpeg(data)
    elif data[:8] == PNG_SIGNATURE:
        stripped = _strip_png(data)
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        stripped = _strip_webp(data)
    else:
        return None
    return stripped if stripped is not None and stripped != data else None


def _strip_jpeg(data: bytes) -> bytes | None:
    kept = [b"\xff\xd8"]
    orientation = orientation_exif(data)
    if orientation is not None:
        payload = EXIF_HEADER + orientation
        kept.append(b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload)
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return None  # not a marker where one must be: leave the file as it is
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xDA:  # start of scan: the picture and the rest, as they are
            kept.append(data[position:])
            return b"".join(kept)
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        end = position + 2 + length
        if length < 2 or end > len(data):
            return None
        payload = data[position + 4 : end]
        private = (
            (marker == 0xE1 and payload.startswith((EXIF_HEADER, *XMP_HEADERS)))
            or marker == 0xED  # APP13: Photoshop resources, IPTC
            or marker == 0xFE  # comment
        )
        if not private:
            kept.append(data[position:end])
        position = end
    return None


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _strip_png(data: bytes) -> bytes | None:
    orientation = orientation_exif(data)
    kept = [PNG_SIGNATURE]
    position = len(PNG_SIGNATURE)
    while position + 12 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        end = position + 12 + length
        if end > len(data):
            return None
        if kind == b"IDAT" and orientation is not None:
            kept.append(_png_chunk(b"eXIf", orientation))  # must come before the picture
            orientation = None
        if kind not in PNG_DROPPED:
            kept.append(data[position:end])
        position = end
        if kind == b"IEND":
            return b"".join(kept)
    return None


def _strip_webp(data: bytes) -> bytes | None:
    orientation = orientation_exif(data)
    chunks = []
    position = 12
    while position + 8 <= len(data):
        kind = data[position : position + 4]
        (length,) = struct.unpack("<I", data[position + 4 : position + 8])
        end = position + 8 + length + (length & 1)
        if end > len(data) + (length & 1):
            return None
        if kind not in WEBP_DROPPED:
            chunks.append(bytearray(data[position:end]))
        position = end
    if not chunks:
        return None
    if chunks[0][:4] == b"VP8X":  # the extended header says which chunks follow
        flags = chunks[0][8] & ~(WEBP_EXIF_FLAG | WEBP_XMP_FLAG)
        if orientation is not None:
            flags |= WEBP_EXIF_FLAG
            padding = b"\x00" if len(orientation) & 1 else b""
            chunks.append(b"EXIF" + struct.pack("<I", len(orientation)) + orientation + padding)
        chunks[0][8] = flags
    body = b"WEBP" + b"".join(bytes(chunk) for chunk in chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body
