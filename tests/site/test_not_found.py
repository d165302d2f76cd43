import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/api/v2/pages/999999/", "/api/v2/images/999999/", "/documents/999999/x.pdf"]
)
def test_missing_objects_outside_language_prefixes_are_404_not_redirects(client, url):
    response = client.get(url)
    assert response.status_code == 404


@pytest.mark.django_db
def test_missing_public_page_without_prefix_redirects_to_default_language(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 302
    assert response["Location"] == "/ja/no-such-page/"
    assert client.get("/ja/no-such-page/").status_code == 404
