from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tourism.geo import point_in_japan


@pytest.mark.parametrize(
    ("lat", "lng", "inside"),
    [
        ("36.258", "139.075", True),  # Fujioka
        ("26.212", "127.679", True),  # Naha
        ("43.064", "141.347", True),  # Sapporo
        ("37.566", "126.978", False),  # Seoul
        ("35.180", "129.076", False),  # Busan
        ("43.119", "131.886", False),  # Vladivostok
        ("25.033", "121.565", False),  # Taipei
    ],
)
def test_point_in_japan(lat, lng, inside):
    assert point_in_japan(Decimal(lat), Decimal(lng)) is inside


@pytest.mark.django_db
def test_storefront_abroad_is_refused_with_a_field_error(storefront1):
    storefront1.latitude, storefront1.longitude = Decimal("37.566"), Decimal("126.978")
    with pytest.raises(ValidationError) as error:
        storefront1.full_clean()
    assert "latitude" in error.value.message_dict


@pytest.mark.django_db
def test_area_abroad_is_refused(area):
    area.latitude, area.longitude = Decimal("35.180"), Decimal("129.076")
    with pytest.raises(ValidationError):
        area.full_clean()
