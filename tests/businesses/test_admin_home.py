import pytest
from django.test import override_settings


@pytest.mark.django_db
@override_settings(LANGUAGE_CODE="en")
def test_owner_home_lists_only_their_storefronts(client, owner1, storefront1, storefront2):
    client.force_login(owner1)
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="my-storefronts-section"' in html
    assert f"/admin/pages/{storefront1.pk}/edit/" in html
    assert storefront2.title not in html
    assert f"/admin/pages/{storefront2.pk}/edit/" not in html


@pytest.mark.django_db
def test_staff_home_has_no_storefront_panel(client, staff, storefront1):
    client.force_login(staff)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert 'id="my-storefronts-section"' not in response.content.decode()
