"""The permission matrix, extended to products and shop settings.

Five roles against owner1's shop: its owner (owner1), the owner of another
shop (owner2), city staff, a signed-in admin user who belongs to no business
("nobody"), and an anonymous visitor. Every request goes through the real
Wagtail admin with the Django test client.

  OK      200, and the marker is shown
  DENIED  anonymous: redirect to the admin login; signed in: 403/404, or the
          admin's "permission denied" redirect to the dashboard; the marker is
          not shown
  HIDDEN  200 (a listing), and the marker is not in it

Denied state-changing requests leave the database exactly as it was.
"""

from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import constants as message_levels
from django.contrib.messages import get_messages
from django.test import Client

from shop.models import Product, ProductImage, ShopProfile, Variant
from tests import factories
from tests.factories import make_product, make_shop_profile

from .admin_forms import form_data

pytestmark = pytest.mark.django_db

ANON, OWNER1, OWNER2, STAFF, NOBODY = "anonymous", "owner1", "owner2", "staff", "nobody"
ROLES = (ANON, OWNER1, OWNER2, STAFF, NOBODY)
OK, DENIED, HIDDEN = "ok", "denied", "hidden"

PRODUCT1 = "owner1の特製ほうじ茶"
PRODUCT2 = "owner2の十割そば乾麺"
SHOP1_SELLER = "株式会社きっさまちかど"
SHOP2_SELLER = "有限会社藤岡そば"
SHOP1_NAME = "喫茶まちかど"  # storefront1's business (tests/conftest.py)


@pytest.fixture
def world(owner1, owner2, staff, storefront1, storefront2):
    nobody = factories.make_user("nobody")
    nobody.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    business1, business2 = storefront1.business, storefront2.business
    make_shop_profile(business1, legal_name=SHOP1_SELLER)
    make_shop_profile(business2, legal_name=SHOP2_SELLER)
    return SimpleNamespace(
        users={OWNER1: owner1, OWNER2: owner2, STAFF: staff, NOBODY: nobody},
        business1=business1,
        business2=business2,
        product1=make_product(business1, PRODUCT1, options=["S", "L"], published=False),
        product2=make_product(business2, PRODUCT2),
    )


def sign_in(world, role):
    client = Client()
    if role != ANON:
        client.force_login(world.users[role])
    return client


def expect(anonymous=DENIED, owner1=OK, owner2=DENIED, staff=OK, nobody=DENIED):
    return {ANON: anonymous, OWNER1: owner1, OWNER2: owner2, STAFF: staff, NOBODY: nobody}


OWN = expect()
ANY_OWNER = expect(owner2=OK)
LISTING = expect(owner2=HIDDEN)


def assert_denied(response, role):
    context = f"{role}: {response.status_code} {response.get('Location', '')}"
    if role == ANON:
        assert response.status_code == 302, context
        assert response["Location"].startswith("/admin/login/"), context
    elif response.status_code == 302:
        assert response["Location"] == "/admin/", context
        levels = [m.level for m in get_messages(response.wsgi_request)]
        assert message_levels.ERROR in levels, context
    else:
        assert response.status_code in (403, 404), context


def assert_outcome(response, role, outcome, marker):
    body = response.content.decode() if response.status_code == 200 else ""
    context = f"{role}: {response.status_code} {response.get('Location', '')}"
    if outcome == OK:
        assert response.status_code == 200, context
        if marker:
            assert marker in body, f"{context}: {marker!r} missing"
    elif outcome == HIDDEN:
        assert response.status_code == 200, context
        assert marker not in body, f"{context}: {marker!r} leaked"
    else:
        assert_denied(response, role)
        if marker:
            assert marker not in body, f"{context}: {marker!r} leaked"


def check_roles(check):
    failures = []
    for role in ROLES:
        try:
            check(role)
        except AssertionError as error:
            failures.append(f"{role}: {error}")
    assert not failures, "\n".join(failures)


# -- reads ---------------------------------------------------------------------


@dataclass
class Read:
    url: str
    roles: dict
    marker: str | None = PRODUCT1
    follow: bool = False


READS = {
    "product list": Read("/admin/products/", LISTING),
    "product list results": Read("/admin/products/results/", LISTING),
    "product list search": Read("/admin/products/?q=ほうじ茶", LISTING),
    "product list, another shop's product": Read(
        "/admin/products/", expect(owner1=HIDDEN, owner2=OK), PRODUCT2
    ),
    "product list filtered by owner2's business": Read(
        "/admin/products/?business={business2}", expect(owner1=HIDDEN, owner2=OK), PRODUCT2
    ),
    "new product form": Read("/admin/products/new/", ANY_OWNER, None),
    "edit form": Read("/admin/products/edit/{product1}/", OWN),
    "delete form": Read("/admin/products/delete/{product1}/", OWN),
    "history": Read("/admin/products/history/{product1}/", OWN),
    "usage": Read("/admin/products/usage/{product1}/", OWN),
    "shop settings index": Read(
        "/admin/shop-settings/", expect(owner2=HIDDEN), SHOP1_NAME, follow=True
    ),
    "shop settings": Read("/admin/shop-settings/{business1}/", OWN, SHOP1_SELLER),
    "shop settings of another shop": Read(
        "/admin/shop-settings/{business2}/", expect(owner1=DENIED, owner2=OK), SHOP2_SELLER
    ),
}


def url_values(world):
    return {
        "product1": world.product1.pk,
        "product2": world.product2.pk,
        "business1": world.business1.pk,
        "business2": world.business2.pk,
    }


@pytest.mark.parametrize("name", READS)
def test_read(world, name):
    read = READS[name]
    url = read.url.format(**url_values(world))

    def check(role):
        response = sign_in(world, role).get(url, follow=read.follow)
        if read.follow and response.redirect_chain:
            last = response.redirect_chain[-1][0]
            if last.startswith("/admin/login/") or last == "/admin/":
                response = sign_in(world, role).get(url)  # judge the first answer
        assert_outcome(response, role, read.roles[role], read.marker)

    check_roles(check)


def test_owners_land_on_their_own_shop_settings(world):
    for role, business in ((OWNER1, world.business1), (OWNER2, world.business2)):
        response = sign_in(world, role).get("/admin/shop-settings/")
        assert response.status_code == 302
        assert response["Location"] == f"/admin/shop-settings/{business.pk}/"
    staff_list = sign_in(world, STAFF).get("/admin/shop-settings/").content.decode()
    assert world.business1.name in staff_list and world.business2.name in staff_list


def test_denied_visit_does_not_create_shop_settings(world):
    ShopProfile.objects.filter(business=world.business1).delete()
    for role in (ANON, OWNER2, NOBODY):
        assert_denied(sign_in(world, role).get(f"/admin/shop-settings/{world.business1.pk}/"), role)
    assert not ShopProfile.objects.filter(business=world.business1).exists()


# -- menu ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role, shown",
    [(OWNER1, True), (OWNER2, True), (STAFF, True), (NOBODY, False)],
)
def test_menu_items(world, role, shown):
    response = sign_in(world, role).get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    for url in ("/admin/products/", "/admin/shop-settings/"):
        assert (url in html) is shown, (role, url)


# -- state-changing requests ----------------------------------------------------


def snapshot(world):
    return {
        "products": list(
            Product.objects.order_by("pk").values(
                "pk", "business", "title", "title_en", "status", "ships", "tax_class"
            )
        ),
        "variants": list(
            Variant.objects.order_by("pk").values("pk", "product", "name", "price", "stock")
        ),
        "images": ProductImage.objects.count(),
        "profiles": list(
            ShopProfile.objects.order_by("pk").values(
                "pk", "business", "legal_name", "shipping_fee", "registration_number"
            )
        ),
    }


def staff_form(world, url, **changes):
    """The form as staff see it (every field), with some values changed."""
    html = sign_in(world, STAFF).get(url).content.decode()
    return form_data(html, **changes)


def create_data(world):
    return staff_form(
        world,
        "/admin/products/new/",
        business=world.business1.pk,
        title="新商品",
        **{"variants-0-price": "500", "variants-0-stock": "3"},
        ships=True,
    )


def create_done(world, role, before):
    created = Product.objects.exclude(pk__in=[p["pk"] for p in before["products"]]).get()
    owner_business = {OWNER1: world.business1, OWNER2: world.business2, STAFF: world.business1}
    assert created.business == owner_business[role], "created for the wrong business"
    assert created.title == "新商品"


def edit_done(world, role, before):
    assert Product.objects.get(pk=world.product1.pk).title == f"{role}が変更"


def delete_done(world, role, before):
    assert not Product.objects.filter(pk=world.product1.pk).exists()


def settings_done(world, role, before):
    assert ShopProfile.objects.get(business=world.business1).shipping_fee == 1234


@dataclass
class Change:
    url: str
    roles: dict
    data: object  # function(world, role) -> form data
    done: object  # function(world, role, before): asserts the change was made
    fresh: bool = False  # a new target for each allowed role (deletions)


CHANGES = {
    "create a product": Change(
        "/admin/products/new/", ANY_OWNER, lambda w, role: create_data(w), create_done
    ),
    "edit a product": Change(
        "/admin/products/edit/{product1}/",
        OWN,
        lambda w, role: staff_form(
            w, f"/admin/products/edit/{w.product1.pk}/", title=f"{role}が変更", ships=True
        ),
        edit_done,
    ),
    "publish a product": Change(
        "/admin/products/edit/{product1}/",
        OWN,
        lambda w, role: staff_form(
            w, f"/admin/products/edit/{w.product1.pk}/", status="published", ships=True
        ),
        lambda w, role, before: (
            Product.objects.get(pk=w.product1.pk).is_published or pytest.fail("not published")
        ),
        fresh=True,
    ),
    "delete a product": Change(
        "/admin/products/delete/{product1}/", OWN, lambda w, role: {}, delete_done, fresh=True
    ),
    "edit shop settings": Change(
        "/admin/shop-settings/{business1}/",
        OWN,
        lambda w, role: staff_form(
            w,
            f"/admin/shop-settings/{w.business1.pk}/",
            shipping_fee="1234",
            accepts_card=True,
        ),
        settings_done,
    ),
}


@pytest.mark.parametrize("name", CHANGES)
def test_change(world, name):
    change = CHANGES[name]
    failures = []
    # denied roles first, so each allowed role still finds the thing to change
    for role in sorted(ROLES, key=lambda role: change.roles[role] == OK):
        if change.roles[role] == OK and change.fresh:
            world.product1 = make_product(world.business1, PRODUCT1, published=False)
        data = change.data(world, role)
        url = change.url.format(**url_values(world))
        before = snapshot(world)
        response = sign_in(world, role).post(url, data)
        try:
            if change.roles[role] == OK:
                assert response.status_code == 302, response.status_code
                change.done(world, role, before)
            else:
                assert_denied(response, role)
                assert snapshot(world) == before, "a denied request changed the database"
        except AssertionError as error:
            failures.append(f"{role}: {error}")
    assert not failures, "\n".join(failures)


def test_a_product_cannot_be_moved_to_another_business(world):
    """Owners never see the business field; a forged value changes nothing."""
    client = sign_in(world, OWNER2)
    url = f"/admin/products/edit/{world.product2.pk}/"
    data = form_data(client.get(url).content.decode(), business=world.business1.pk)
    assert client.post(url, data).status_code == 302
    assert Product.objects.get(pk=world.product2.pk).business == world.business2
