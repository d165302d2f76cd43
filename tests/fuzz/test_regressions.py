"""Server errors the fuzzers found, each fixed where it arose; these tests
failed (500) before the fix."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ["pages", "images"])
@pytest.mark.parametrize("value", ["null", "1.5", "", "1e3"])
def test_wagtail_api_find_with_a_non_numeric_id_is_a_400(client, endpoint, value):
    """Wagtail's find view passed ?id= straight to queryset.get(id=...):
    ValueError, 500 (site/api.py FindByIdMixin)."""
    response = client.get(f"/api/v2/{endpoint}/find/", {"id": value})
    assert response.status_code == 400
    assert response.json() == {"message": "id must be a whole number"}


@pytest.mark.django_db
def test_wagtail_api_find_by_id_still_redirects(client):
    from wagtail.models import Page

    page = Page.objects.get(depth=2, locale__language_code="ja")
    response = client.get("/api/v2/pages/find/", {"id": page.pk})
    assert response.status_code == 302
    assert f"/api/v2/pages/{page.pk}/" in response["Location"]
    assert client.get("/api/v2/pages/find/", {"id": 10**30}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ["pages", "images"])
@pytest.mark.parametrize("text", ["a\x00b", "\x00", "x\x07y"])
def test_wagtail_api_search_with_control_characters_is_a_400(client, endpoint, text):
    """A NUL in ?search= reached SQLite's full-text query parser: "unterminated
    string", 500 on pages (site/api.py FindByIdMixin.check_query_parameters)."""
    response = client.get(f"/api/v2/{endpoint}/", {"search": text})
    assert response.status_code == 400
    assert response.json() == {"message": "search must not contain control characters"}


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ["pages", "images"])
def test_wagtail_api_search_with_an_unbalanced_quote_is_a_400(client, endpoint):
    """SQLite's full-text parser: "unterminated string", 500 before."""
    response = client.get(f"/api/v2/{endpoint}/", {"search": 'home "quoted'})
    assert response.status_code == 400
    assert response.json() == {"message": "search has an unbalanced quotation mark"}


@pytest.mark.django_db
def test_wagtail_api_search_still_searches(client):
    response = client.get("/api/v2/pages/", {"search": "home 'it's' \"a phrase\" テスト"})
    assert response.status_code == 200
