"""Placeholder photographs drawn with Pillow: a sky-to-ground gradient, soft
hills or shapes in the trade's colours, and a caption band. No downloads."""

import io
import math
import random
import zlib

from anyascii import anyascii
from PIL import Image, ImageDraw, ImageFont

SIZE = (1200, 800)
JPEG_QUALITY = 80

# (top of the gradient, bottom, accent) per trade.
PALETTES = {
    "restaurant": ((250, 214, 165), (168, 72, 48), (255, 241, 214)),
    "cafe": ((243, 226, 200), (120, 82, 56), (255, 250, 240)),
    "sweets": ((252, 228, 236), (200, 120, 160), (255, 255, 255)),
    "sake-brewery": ((222, 232, 242), (52, 74, 110), (250, 250, 245)),
    "farm": ((214, 238, 252), (92, 150, 72), (250, 214, 90)),
    "crafts": ((230, 230, 224), (98, 110, 104), (196, 220, 204)),
    "inn": ((250, 222, 196), (64, 92, 84), (255, 236, 200)),
    "experience": ((196, 228, 250), (40, 120, 160), (255, 255, 255)),
    "retail": ((236, 238, 214), (150, 120, 60), (255, 248, 220)),
    "home": ((253, 226, 234), (90, 110, 160), (255, 240, 246)),
}


def _font(size):
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):  # Pillow without FreeType: the small bitmap font
        return ImageFont.load_default()


def _gradient(top, bottom):
    mask = Image.linear_gradient("L").resize(SIZE)
    return Image.composite(Image.new("RGB", SIZE, bottom), Image.new("RGB", SIZE, top), mask)


def _hills(draw, rnd, colour, layers=3):
    width, height = SIZE
    for layer in range(layers):
        base = int(height * (0.55 + 0.12 * layer))
        peaks = [base + rnd.randint(-50, 50) for _ in range(width // 200 + 2)]
        points = [(0, height)]
        for x in range(0, width + 20, 20):
            i, t = divmod(x, 200)
            ease = (1 - math.cos(math.pi * t / 200)) / 2  # smooth slopes between peaks
            points.append((x, peaks[i] + (peaks[i + 1] - peaks[i]) * ease))
        points.append((width, height))
        alpha = 90 + 50 * layer
        draw.polygon(points, fill=(*colour, alpha))


def _blossoms(draw, rnd, colour, count=40):
    width, height = SIZE
    for _ in range(count):
        r = rnd.randint(8, 40)
        x, y = rnd.randint(0, width), rnd.randint(0, int(height * 0.7))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(*colour, rnd.randint(60, 140)))


def picture(label: str, sublabel: str, palette: str, seed: str) -> bytes:
    """A JPEG of SIZE, the same for the same arguments. The built-in font has
    Latin letters only, so labels are folded to ASCII (Kotoba-dō → Kotoba-do)."""
    label, sublabel = anyascii(label), anyascii(sublabel)
    rnd = random.Random(zlib.crc32(seed.encode()))  # noqa: S311 - pictures, not secrets
    top, bottom, accent = PALETTES.get(palette, PALETTES["home"])
    image = _gradient(top, bottom)
    draw = ImageDraw.Draw(image, "RGBA")  # translucent fills blend onto the picture
    sun = rnd.randint(150, SIZE[0] - 150), rnd.randint(110, 260)
    draw.ellipse((sun[0] - 90, sun[1] - 90, sun[0] + 90, sun[1] + 90), fill=(*accent, 170))
    _blossoms(draw, rnd, accent, count=rnd.randint(15, 45))
    _hills(draw, rnd, tuple(max(0, c - 40) for c in bottom))
    draw.rectangle((0, SIZE[1] - 150, SIZE[0], SIZE[1]), fill=(20, 24, 32, 150))
    draw.text((48, SIZE[1] - 132), label, font=_font(56), fill=(255, 255, 255))
    draw.text((50, SIZE[1] - 60), sublabel, font=_font(32), fill=(235, 235, 235))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=False)
    return buffer.getvalue()
