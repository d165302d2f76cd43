"""The public API (/api/v2/) shows what a visitor can see on the site: live
storefronts with their published content, and the images of businesses
whose storefront is live. Nothing that only exists in a draft."""

import json

import pytest
from wagtail.images import get_image_model

from tests import factories

DRAFT_SUMMARY = "まだ公開していない秋の新メニュー"
UNPUBLISHED = "隠れ家ベーカリー"


@pytest.fixture
def shops(storefront1, area):
    """storefront1 is live and has an unpublished draft; a second storefront
    has never been published. Each business has an image; so does the site."""
    storefront1.summary = DRAFT_SUMMARY
    storefront1.save_revision()
    unpublished = factories.make_storefront(
        UNPUBLISHED, area=area, name_kana="かくれがべーかりー", publish=False
    )
    return {
        "live": storefront1,
        "unpublished": unpublished,
        "unpublished_en": unpublished.get_translation(factories.directory("en").locale),
        "live_image": factories.make_image("live-shop-photo", storefront1.business.collection),
        "unpublished_image": factories.make_image(
            "unpublished-shop-photo", unpublished.business.collection
        ),
        "site_image": factories.make_image("city-photo"),
    }


def get_json(client, url, **params):
    response = client.get(url, params, follow=True)
    body = response.content.decode()
    data = json.loads(body) if response["Content-Type"].startswith("application/json") else None
    return response.status_code, data, body


def all_results(client, url, **params):
    """Every page of a listing's results (the API gives at most 20 at a time,
    and five language trees make more than that): [(data, body)]."""
    results, offset = [], 0
    while True:
        status, data, body = get_json(client, url, limit=20, offset=offset, **params)
        assert status == 200, data
        results.append((data, body))
        offset += 20
        if offset >= data["meta"]["total_count"]:
            return results


def listed_ids(client, url, **params):
    results = all_results(client, url, **params)
    ids = [item["id"] for data, _body in results for item in data["items"]]
    assert len(ids) == len(set(ids)) == results[0][0]["meta"]["total_count"]
    return set(ids)


@pytest.mark.django_db
def test_pages_api_lists_live_pages_only(client, shops):
    ids = listed_ids(client, "/api/v2/pages/")
    assert shops["live"].pk in ids
    assert shops["unpublished"].pk not in ids
    assert shops["unpublished_en"].pk not in ids
    storefronts = listed_ids(client, "/api/v2/pages/", type="businesses.BusinessPage")
    assert shops["live"].pk in storefronts
    assert shops["unpublished"].pk not in storefronts


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"fields": "*"},
        {"type": "businesses.BusinessPage", "fields": "*"},
        {"type": "businesses.BusinessPage", "fields": "summary,name_kana,body"},
        {"search": "ベーカリー"},
        {"search": "秋の新メニュー", "type": "businesses.BusinessPage", "fields": "summary"},
        {"title": UNPUBLISHED},
    ],
)
def test_pages_api_never_shows_draft_content(client, shops, params):
    for _data, body in all_results(client, "/api/v2/pages/", **params):
        assert UNPUBLISHED not in body
        assert DRAFT_SUMMARY not in body


@pytest.mark.django_db
def test_pages_api_detail_shows_published_content(client, shops):
    live = shops["live"]
    status, data, body = get_json(client, f"/api/v2/pages/{live.pk}/")
    assert status == 200
    assert data["summary"] == "駅前の小さな喫茶店。"
    assert DRAFT_SUMMARY not in body
    status, data, body = get_json(client, f"/api/v2/pages/{live.pk}/", fields="*")
    assert status == 200 and DRAFT_SUMMARY not in body
    # draft-only fields are not offered
    status, data, body = get_json(client, f"/api/v2/pages/{live.pk}/", fields="draft_title")
    assert status == 400
    assert "draft_title" in data["message"]


@pytest.mark.django_db
def test_pages_api_detail_of_an_unpublished_storefront_is_not_found(client, shops):
    for page in (shops["unpublished"], shops["unpublished_en"]):
        status, _data, body = get_json(client, f"/api/v2/pages/{page.pk}/", fields="*")
        assert status == 404
        assert UNPUBLISHED not in body


@pytest.mark.django_db
def test_pages_api_find_by_path(client, shops):
    live, unpublished = shops["live"], shops["unpublished"]
    # a page saved as a draft still gets its slug from the kana reading
    assert unpublished.slug == "kakuregabekari"
    status, data, _body = get_json(client, "/api/v2/pages/find/", html_path=f"/shops/{live.slug}/")
    assert status == 200 and data["id"] == live.pk
    for path in (f"/shops/{unpublished.slug}/", f"/ja/shops/{unpublished.slug}/"):
        status, _data, body = get_json(client, "/api/v2/pages/find/", html_path=path)
        assert status == 404, path
        assert UNPUBLISHED not in body


@pytest.mark.django_db
def test_images_api_lists_images_of_live_businesses_only(client, shops):
    ids = listed_ids(client, "/api/v2/images/")
    assert shops["live_image"].pk in ids
    assert shops["site_image"].pk in ids
    assert shops["unpublished_image"].pk not in ids
    assert listed_ids(client, "/api/v2/images/", search="shop") == {shops["live_image"].pk}


@pytest.mark.django_db
def test_images_api_detail(client, shops):
    status, data, _body = get_json(client, f"/api/v2/images/{shops['live_image'].pk}/")
    assert status == 200 and data["title"] == "live-shop-photo"
    status, _data, body = get_json(client, f"/api/v2/images/{shops['unpublished_image'].pk}/")
    assert status == 404
    assert "unpublished-shop-photo" not in body


@pytest.mark.django_db
def test_images_disappear_from_the_api_when_the_storefront_is_unpublished(client, shops):
    live = shops["live"]
    live.get_translation(factories.directory("en").locale).unpublish()
    live.unpublish()
    ids = listed_ids(client, "/api/v2/images/")
    assert shops["live_image"].pk not in ids
    assert shops["site_image"].pk in ids
    assert get_image_model().objects.filter(pk=shops["live_image"].pk).exists()


@pytest.mark.django_db
def test_no_public_documents_api(client, shops):
    assert client.get("/api/v2/documents/", follow=True).status_code == 404
