"""`manage.py load_demo_data`: the Fujioka demo behind `make run`.

The `demo` fixture (conftest.py) loads it once for this package inside a
transaction that is rolled back afterwards; each test runs in a savepoint
inside it, so tests that reload or reset leave it as it was.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    Locale,
    Page,
    ReferenceIndex,
    WorkflowState,
)

from businesses.models import (
    Business,
    BusinessApplication,
    BusinessGalleryImage,
    BusinessPage,
    OpeningPeriod,
    SpecialOpeningDay,
)
from machikado.demo import content, loader, tourism_loader
from machikado.models import HomePage, SiteIdentity
from machikado.setup import APPROVAL_WORKFLOW, CITY_STAFF_GROUP, DEFAULT_CATEGORIES
from tourism.models import Area

pytestmark = pytest.mark.django_db


def storefronts(language="ja"):
    return BusinessPage.objects.filter(
        locale__language_code=language, business__in=loader.demo_businesses()
    )


def counts():
    models = [
        Business, BusinessPage, Page, get_image_model(), get_user_model(), Group, Collection,
        Area, BusinessApplication, WorkflowState, OpeningPeriod, SpecialOpeningDay,
        BusinessGalleryImage,
    ]  # fmt: skip
    return {model.__name__: model.objects.count() for model in models}


def test_live_storefronts_in_every_category_and_area_with_english_versions(demo):
    pages = list(storefronts().live().select_related("category", "area"))
    assert len(pages) >= 24
    assert {page.category.slug for page in pages} == {slug for slug, *_ in DEFAULT_CATEGORIES}
    assert len({page.area.slug for page in pages}) >= 4
    en = Locale.objects.get(language_code="en")
    for page in pages:
        english = page.get_translation_or_none(en)
        assert english is not None and english.live, page.title
        english = english.specific
        assert english.title != page.title and english.summary != page.summary
        assert english.body.raw_data != page.body.raw_data


def test_areas_are_in_fujioka_with_english_names(demo):
    areas = Area.objects.filter(
        locale__language_code="ja", slug__in=[a.slug for a in content.AREAS]
    )
    assert areas.count() >= 4
    for area in areas:
        assert 36.2 <= float(area.latitude) <= 36.27 and 139.0 <= float(area.longitude) <= 139.1
        english = area.get_translation(Locale.objects.get(language_code="en"))
        assert english.name.isascii() and english.name != area.name


def test_storefront_content_is_complete(demo):
    for page in storefronts().live().select_related("hero_image"):
        assert page.postal_code[:3] in {"375", "370"} and page.city == "藤岡市", page.title
        assert page.phone.startswith(("0274-", "090-"))
        assert page.latitude and page.longitude
        assert page.opening_periods.exists() and page.payment_methods.exists()
        assert {block.block_type for block in page.body} >= {"paragraph", "price_list", "faq"}
        hero = page.hero_image
        assert (hero.width, hero.height) == (1200, 800) and hero.description
        assert hero.collection_id == page.business.collection_id
        gallery = [item.image for item in page.gallery_images.all()]
        assert len(gallery) >= 2
        assert {image.collection_id for image in gallery} == {page.business.collection_id}


def test_search_and_reference_indexes_cover_the_demo(demo):
    assert [p.slug for p in BusinessPage.objects.live().search("Hidamari")] == ["kissa-hidamari"]
    hero = storefronts().get(slug="kissa-hidamari").hero_image
    assert ReferenceIndex.get_references_to(hero).exists()  # the image's usage lists the page


def test_realistic_hours_and_states(demo):
    pages = storefronts()
    overnight = OpeningPeriod.objects.filter(page__in=pages, closes__lt=F("opens"))
    assert overnight.filter(page__slug="izakaya-fujinoya").exists()
    assert SpecialOpeningDay.objects.filter(
        page__in=pages, closed=True, note="年末年始休業"
    ).exists()
    assert pages.exclude(holiday_rule="as_usual").exists()
    closed = pages.get(temporarily_closed=True)
    assert closed.closed_until and closed.closure_message
    english = closed.get_translation(Locale.objects.get(language_code="en")).specific
    assert english.closure_message.startswith("Closed for refurbishment")


def test_an_owner_edit_awaits_city_review_and_applications_are_pending(demo):
    in_review = [page for page in storefronts() if page.workflow_in_progress]
    assert [page.slug for page in in_review] == [content.EDIT_IN_REVIEW[0]]
    page = in_review[0]
    assert page.live and page.has_unpublished_changes
    assert page.summary != content.EDIT_IN_REVIEW[1]  # the live version is unchanged
    state = page.current_workflow_state
    assert state.workflow.name == APPROVAL_WORKFLOW
    assert state.requested_by.groups.filter(business__pages=page).exists()
    task = state.current_task_state.task.specific
    assert isinstance(task, GroupApprovalTask)
    assert task.groups.filter(name=CITY_STAFF_GROUP).exists()

    pending = BusinessApplication.objects.filter(status=BusinessApplication.Status.PENDING)
    assert pending.count() == 2
    duplicate = pending.get(possible_duplicate=True)
    assert "居酒屋 藤ノ家" in duplicate.duplicate_note


def test_every_storefront_has_an_owner_who_edits_it_through_approval(demo):
    for page in storefronts():
        owners = list(page.business.members)
        assert len(owners) == 1, page.title
        permissions = page.permissions_for_user(owners[0])
        assert permissions.can_edit()
        assert not permissions.can_publish()  # the city approves owners' edits by default


def test_owner1_runs_a_cafe_and_owner2_a_sake_brewery(demo):
    first = Business.objects.get(group__user__username="owner1")
    second = Business.objects.get(group__user__username="owner2")
    assert first != second
    assert first.pages.get(locale__language_code="ja").category.slug == "cafe"
    assert second.pages.get(locale__language_code="ja").category.slug == "sake-brewery"


@pytest.mark.parametrize("username", ["admin", "staff", "owner1", "owner2", "owner27"])
def test_demo_accounts_sign_in_to_the_admin(demo, client, username):
    assert client.login(username=username, password=content.PASSWORD)
    assert client.get("/admin/").status_code == 200
    assert username in demo  # listed in the command's output


def test_account_roles(demo):
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    staff = User.objects.get(username="staff")
    assert not staff.is_superuser and staff.groups.filter(name=CITY_STAFF_GROUP).exists()
    assert all(u.email.endswith("@example.jp") and u.last_name for u in User.objects.all())


def test_home_page_directory_and_site_identity(demo, client):
    for code in ("ja", "en"):
        home = HomePage.objects.get(locale__language_code=code)
        assert home.headline == content.HOME[code][0] and home.hero_image is not None
        response = client.get(f"/{code}/")
        assert response.status_code == 200
        assert home.headline in response.content.decode()
        response = client.get(f"/{code}/shops/")
        assert response.status_code == 200
        assert content.DIRECTORY_INTRO[code] in response.content.decode()
    identity = SiteIdentity.load()
    assert (identity.municipality_name, identity.municipality_name_en) == ("藤岡市", "Fujioka City")


@pytest.mark.parametrize("slug", ["kissa-hidamari", "izakaya-fujinoya", "grill-akarenga"])
def test_storefronts_render_in_japanese_and_english(demo, client, slug):
    page = storefronts().get(slug=slug)
    english = page.get_translation(Locale.objects.get(language_code="en"))
    for version in (page, english):
        response = client.get(version.url)
        assert response.status_code == 200, version.url
        assert version.specific.summary in response.content.decode()


def test_a_second_run_changes_nothing(demo):
    before = counts()
    out = io.StringIO()
    call_command("load_demo_data", "--force", stdout=out)
    assert counts() == before
    assert "already loaded" in out.getvalue()


def test_reset_replaces_the_demo(demo, client):
    """The one full reload of the suite (it is slow): shops and tourism alike."""
    before = counts()
    old_businesses = set(loader.demo_businesses().values_list("pk", flat=True))
    old_images = set(get_image_model().objects.values_list("pk", flat=True))
    old_tourism = set(tourism_loader.demo_pages().values_list("pk", flat=True))
    call_command("load_demo_data", "--reset", "--force", stdout=io.StringIO())
    assert counts() == before
    assert not old_businesses & set(loader.demo_businesses().values_list("pk", flat=True))
    assert not old_images & set(get_image_model().objects.values_list("pk", flat=True))
    new_tourism = set(tourism_loader.demo_pages().values_list("pk", flat=True))
    assert len(new_tourism) == len(old_tourism) and not old_tourism & new_tourism
    assert client.login(username="owner1", password=content.PASSWORD)


def test_refuses_without_force_when_debug_is_off(demo, settings):
    settings.DEBUG = False
    before = counts()
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo_data", "--reset", stdout=io.StringIO())
    assert counts() == before


def test_runs_without_force_when_debug_is_on(demo, settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    assert "already loaded" in out.getvalue()


def test_shops_have_products_and_orders_in_several_states(demo):
    from shop.models import Order, Product, ShopProfile
    from shop.services.cart import view  # noqa: F401 - the shop services import cleanly

    businesses = loader.demo_businesses()
    products = Product.objects.filter(business__in=businesses)
    assert products.filter(status=Product.PUBLISHED).count() >= 30
    assert "products, " in demo and "shop orders" in demo
    for profile in ShopProfile.objects.filter(business__in=businesses):
        assert profile.missing_legal_fields() == []
    states = set(Order.objects.filter(business__in=businesses).values_list("status", flat=True))
    assert {Order.PAID, Order.PREPARING, Order.SHIPPED, Order.COMPLETED, Order.PENDING} <= states
    assert {Order.READY, Order.CANCELLED, Order.REFUNDED} <= states
    payouts = set(
        Order.objects.filter(business__in=businesses, group__payment_method="card")
        .exclude(status__in=[Order.CANCELLED, Order.REFUNDED, Order.PENDING])
        .values_list("payout_status", flat=True)
    )
    assert payouts == {Order.PAYOUT_SENT, Order.PAYOUT_HELD}  # staff see held payouts
    # each product has a picture in its own business's collection
    for product in products.prefetch_related("images__image"):
        assert [i.image.collection_id for i in product.images.all()] == [
            product.business.collection_id
        ]


def test_reset_takes_the_shop_data_out_too(demo):
    from shop.models import OrderGroup, Product

    loader.remove()
    assert not Product.objects.exists()
    assert not OrderGroup.objects.exists()
