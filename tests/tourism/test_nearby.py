from decimal import Decimal

import pytest

from tests.tourism.factories import make_attraction
from tourism.models import AttractionPage
from tourism.nearby import distance_km, nearest


def test_distance_between_known_points():
    # Tokyo Station to Osaka Station: about 403 km as the crow flies.
    assert distance_km(35.681236, 139.767125, 34.702485, 135.495951) == pytest.approx(403, abs=3)
    assert distance_km(36.2, 139.06, 36.2, 139.06) == 0


@pytest.mark.django_db
def test_nearest_sorts_by_distance_and_keeps_to_the_radius():
    here = (Decimal("36.200000"), Decimal("139.060000"))
    near = make_attraction("近い寺", latitude=Decimal("36.201000"), longitude=here[1])
    nearer = make_attraction("すぐ隣", latitude=Decimal("36.200300"), longitude=here[1])
    make_attraction("遠い山", latitude=Decimal("36.300000"), longitude=here[1])  # ~11 km

    found = nearest(AttractionPage.objects.live(), *here, radius_km=5)

    assert [n.item.pk for n in found] == [nearer.pk, near.pk]
    assert found[0].km == pytest.approx(0.033, abs=0.002)
    assert found[1].walking_minutes == 2  # 111 m at 80 m a minute
