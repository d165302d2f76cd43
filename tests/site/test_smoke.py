import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/ja/", "/en/", "/ja/shops/", "/en/shops/"])
def test_public_pages_render(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert b'<main id="main"' in response.content
