"""What a map shows, built on the server.

A map is a list of points (and, for a course, a route through them). The
template include renders them as a list with addresses, coordinates and map
links, which is the whole map without JavaScript; tourism/js/map.js turns
the same data into a Leaflet map when scripts run.
"""

import json
from dataclasses import asdict, dataclass

from django.conf import settings
from django.utils.translation import gettext


@dataclass(frozen=True)
class MapPoint:
    latitude: float
    longitude: float
    label: str
    url: str = ""
    address: str = ""
    kind: str = ""  # "attraction", "shop", "event", "area" (marker style)
    number: int | None = None  # a route's stop number (when some stops have no point)

    @property
    def external_url(self):
        """An OpenStreetMap link for visitors without JavaScript."""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude:.6f}&mlon={self.longitude:.6f}"
            f"#map=16/{self.latitude:.6f}/{self.longitude:.6f}"
        )


def point_for(page_or_place, label=None, url="", kind="", number=None):
    """A MapPoint for anything with latitude/longitude, or None without a point."""
    lat = getattr(page_or_place, "latitude", None)
    lng = getattr(page_or_place, "longitude", None)
    if lat is None or lng is None:
        return None
    return MapPoint(
        latitude=float(lat),
        longitude=float(lng),
        label=label if label is not None else str(getattr(page_or_place, "title", "")),
        url=url,
        address=getattr(page_or_place, "full_address", "") or "",
        kind=kind,
        number=number,
    )


def map_context(points, *, route=False, zoom=14, label="", center=None):
    """Context for tourism/includes/map.html; None when there is nothing to show.

    Without ``center`` the map fits all the points (zoomed in no further than
    ``zoom``); with a (latitude, longitude) ``center`` it opens there at ``zoom``.
    ``route`` draws a line through the points in their order.
    """
    points = [p for p in points if p is not None]
    if not points:
        return None
    data = {
        "points": [asdict(p) for p in points],
        "route": route,
        "zoom": zoom,
        "center": [float(center[0]), float(center[1])] if center else None,
        "tiles": settings.MAP_TILE_URL,
        "attribution": settings.MAP_ATTRIBUTION,
        # Leaflet's own control labels, in the page's language.
        "strings": {
            "zoomIn": gettext("Zoom in"),
            "zoomOut": gettext("Zoom out"),
            "closePopup": gettext("Close"),
        },
    }
    return {"points": points, "route": route, "label": label, "json": json.dumps(data)}
