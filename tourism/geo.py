"""Is a point in Japan? A coarse check that a shop's map pin is not abroad.

One bounding box for Japan (20-46°N, 122-154°E) also holds Seoul, Busan,
Jeju and Vladivostok. These boxes follow the archipelago instead: each holds
Japanese land and sea, none holds a foreign coast.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The box around all of Japan, for per-field validators (Decimal, as the fields are).
JAPAN_LATITUDE = (Decimal("20"), Decimal("46"))
JAPAN_LONGITUDE = (Decimal("122"), Decimal("154"))

# (south, north, west, east) in decimal degrees.
JAPAN_BOXES = [
    (24.0, 28.6, 122.9, 131.4),  # Okinawa, Sakishima, Amami, Daito islands, Senkaku
    (29.0, 34.0, 129.4, 132.1),  # Kyushu, Iki, Koshiki, Tanegashima, Yakushima, Tokara
    (32.5, 33.4, 128.5, 129.4),  # Goto islands
    (34.05, 34.75, 129.15, 129.55),  # Tsushima (Busan is at 35.1°N)
    (32.7, 36.4, 130.8, 136.0),  # Chugoku, Shikoku, Kinki, Oki
    (33.4, 41.6, 135.0, 142.1),  # central and northern Honshu, Izu Oshima, Sado
    (41.3, 45.6, 139.3, 148.9),  # Hokkaido, Rishiri, Rebun, the Northern Territories
    (24.0, 34.9, 139.0, 142.3),  # Izu and Ogasawara islands, Iwo Jima
    (24.2, 24.35, 153.9, 154.05),  # Minamitorishima
    (20.4, 20.45, 136.05, 136.1),  # Okinotorishima
]


def point_in_japan(latitude, longitude) -> bool:
    try:
        lat, lng = float(Decimal(str(latitude))), float(Decimal(str(longitude)))
    except (ArithmeticError, TypeError, ValueError):
        return False
    return any(
        south <= lat <= north and west <= lng <= east for south, north, west, east in JAPAN_BOXES
    )


def validate_point_in_japan(latitude, longitude, field="latitude"):
    """Raise a field error when both coordinates are given and the point is abroad."""
    if latitude is None or longitude is None:
        return
    if not point_in_japan(latitude, longitude):
        raise ValidationError({field: _("This point is not in Japan.")})
