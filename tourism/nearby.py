"""What is near a point: a bounding box in the database, exact distance in Python.

The box keeps the query cheap on any database (no trigonometry in SQL,
which SQLite may lack); the haversine distance then sorts and trims.
"""

import math
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1, lng1, lat2, lng2) -> float:
    lat1, lng1, lat2, lng2 = map(math.radians, map(float, (lat1, lng1, lat2, lng2)))
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    )
    # min(): rounding can push a just above 1 for antipodal points
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class Near:
    item: object
    km: float

    @property
    def walking_minutes(self):
        # 80 m a minute, the Japanese real-estate convention (不動産の表示に関する公正競争規約).
        return max(1, math.ceil(self.km * 1000 / 80))


def nearest(queryset, latitude, longitude, *, radius_km=5.0, limit=6, exclude_pk=None):
    """[Near(item, km)] of the queryset's rows with latitude/longitude within
    radius_km of the point, nearest first."""
    if latitude is None or longitude is None:
        return []
    lat, lng = float(latitude), float(longitude)
    dlat = radius_km / 111.0
    dlng = radius_km / (111.0 * max(math.cos(math.radians(lat)), 0.01))
    rows = queryset.filter(
        latitude__gte=lat - dlat,
        latitude__lte=lat + dlat,
        longitude__gte=lng - dlng,
        longitude__lte=lng + dlng,
    )
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    found = []
    for row in rows:
        km = distance_km(lat, lng, row.latitude, row.longitude)
        if km <= radius_km:
            found.append(Near(row, km))
    found.sort(key=lambda near: (near.km, near.item.pk))
    return found[:limit]
