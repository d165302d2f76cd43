"""The public application form and the city's review of applications."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Collection, GroupPagePermission, ModelLogEntry
from wagtail.users.models import UserProfile

from businesses.models import Business, BusinessApplication, BusinessPage
from businesses.services.errors import AlreadyReviewed, NotAllowed
from businesses.services.review_application import approve_application, reject_application
from tests import factories
from tests.factories import PASSWORD, application_data, pending_application

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def applicant_area(area):
    return area


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


# -- the form ---------------------------------------------------------------


@pytest.mark.parametrize("language", ["ja", "en"])
def test_form_renders_in_each_language(client, applicant_area, language):
    response = client.get(f"/{language}/apply/")
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == language
    form = page.find("main").find("form", method="post")
    for name in ["business_name", "business_name_kana", "category", "postal_code", "phone",
                 "contact_email", "accepted_terms"]:  # fmt: skip
        assert form.find(attrs={"name": name}) is not None, name
    # Help texts are tied to their inputs, without any script.
    postal = form.find("input", attrs={"name": "postal_code"})
    assert postal["aria-describedby"] == "id_postal_code_helptext"
    assert page.find(id="id_postal_code_helptext") is not None
    assert not postal.has_attr("aria-invalid")


def test_valid_application_is_saved_normalised_and_acknowledged_in_english(
    client, applicant_area, django_capture_on_commit_callbacks
):
    data = application_data(
        postal_code="〒３７５－００２４",
        phone="０２７４（２２）９９９９",
        business_name_kana="ﾌｼﾞｵｶｼｭｿﾞｳ",
        contact_name_kana="ふじおか　たろう",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/apply/", data)
    assert response.status_code == 302
    assert response["Location"] == "/en/apply/thanks/"
    application = BusinessApplication.objects.get()
    assert application.status == BusinessApplication.Status.PENDING
    assert application.language == "en"
    assert application.postal_code == "375-0024"
    assert application.phone == "0274-22-9999"
    assert application.business_name_kana == "フジオカシュゾウ"
    assert application.contact_name_kana == "ふじおか たろう"
    assert application.accepted_terms is True
    assert application.possible_duplicate is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["taro@fujioka-shuzo.example.jp"]
    assert mail.outbox[0].subject == "We received your application for 藤岡酒造"
    assert client.get(response["Location"]).status_code == 200


def test_application_under_ja_records_japanese_for_messages(client, applicant_area):
    response = client.post("/ja/apply/", application_data())
    assert response.status_code == 302
    assert BusinessApplication.objects.get().language == "ja"


def _errors(response):
    """Field name -> the text of its error messages."""
    page = soup(response)
    found = {}
    for field_input in page.select("form [aria-invalid=true]"):
        error = page.find(id=f"{field_input['id']}_error")
        found[field_input["name"]] = error.get_text(" ", strip=True)
    return found


def test_bad_application_in_english_gets_english_errors_and_saves_nothing(
    client, applicant_area, django_capture_on_commit_callbacks
):
    data = application_data(
        business_name="",
        business_name_kana="Fujioka Shuzo",
        licence_number="",  # a sake brewery needs its 酒類製造免許
        postal_code="375-002",
        phone="12345",
        contact_email="not-an-address",
        website="not a url",
    )
    del data["accepted_terms"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post("/en/apply/", data)
    assert callbacks == []

    assert response.status_code == 400
    errors = _errors(response)
    assert "This field is required." in errors["business_name"]
    assert "Write the reading in kana." in errors["business_name_kana"]
    assert (
        "This trade needs a licence: enter the number of your 酒類製造免許."
        in errors["licence_number"]
    )
    assert "Enter a postal code of 7 digits, like 375-0024." in errors["postal_code"]
    assert "Enter a Japanese phone number" in errors["phone"]
    assert "Enter a valid email address." in errors["contact_email"]
    assert "Enter a valid URL." in errors["website"]
    assert "You must accept the terms of use to apply." in errors["accepted_terms"]
    assert set(errors) == {
        "business_name", "business_name_kana", "licence_number", "postal_code", "phone",
        "contact_email", "website", "accepted_terms",
    }  # fmt: skip
    summary = soup(response).find(id="error-summary")
    assert summary["role"] == "alert"
    assert summary.find("a", href="#id_phone") is not None
    # What was typed is kept so the applicant only fixes the mistakes.
    assert soup(response).find("input", attrs={"name": "street"})["value"] == "藤岡100"
    assert BusinessApplication.objects.count() == 0
    assert mail.outbox == []


def test_bad_application_in_japanese_gets_japanese_errors(client, applicant_area):
    data = application_data(business_name="", city="", contact_email="not-an-address")
    response = client.post("/ja/apply/", data)
    assert response.status_code == 400
    errors = _errors(response)
    with translation.override("ja"):
        required, bad_email = (
            gettext("This field is required."),
            gettext("Enter a valid email address."),
        )
    # Django's own messages, whichever installed catalogue words them.
    assert required != "This field is required."
    assert required.startswith("この")
    assert required in errors["business_name"]
    assert required in errors["city"]
    assert bad_email in errors["contact_email"]
    assert "This field is required." not in response.content.decode()
    assert BusinessApplication.objects.count() == 0


def test_errors_and_help_are_linked_to_their_inputs(client, applicant_area):
    response = client.post("/en/apply/", application_data(business_name_kana="abc", city=""))
    page = soup(response)
    kana = page.find("input", attrs={"name": "business_name_kana"})
    assert kana["aria-invalid"] == "true"
    assert kana["aria-describedby"].split() == [
        "id_business_name_kana_helptext",
        "id_business_name_kana_error",
    ]
    for described_by in kana["aria-describedby"].split():
        assert page.find(id=described_by) is not None
    city = page.find("input", attrs={"name": "city"})
    assert city["aria-invalid"] == "true"
    assert city["aria-describedby"] == "id_city_error"
    # Fields without errors are not marked invalid.
    assert not page.find("input", attrs={"name": "street"}).has_attr("aria-invalid")
    assert page.title.get_text().startswith("Error:")


def test_licence_needed_only_where_the_category_names_one(client, applicant_area):
    farm = factories.category("farm")
    assert not farm.licence_label
    response = client.post("/en/apply/", application_data(category=farm.pk, licence_number=""))
    assert response.status_code == 302

    restaurant = factories.category("restaurant")
    response = client.post(
        "/en/apply/",
        application_data(category=restaurant.pk, licence_number="  ", phone="0274-22-0001"),
    )
    assert response.status_code == 400
    assert "飲食店営業許可" in _errors(response)["licence_number"]
    assert BusinessApplication.objects.count() == 1


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("375-0024", "375-0024"), ("3750024", "375-0024"), ("〒375-0024", "375-0024"),
     ("３７５－００２４", "375-0024"), ("〒３７５ー００２４", "375-0024")],
)  # fmt: skip
def test_postal_code_formats(applicant_area, typed, stored):
    from businesses.forms import BusinessApplicationForm

    form = BusinessApplicationForm(application_data(postal_code=typed))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["postal_code"] == stored


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("0274-22-1211", "0274-22-1211"), ("０２７４－２２－１２１１", "0274-22-1211"),
     ("(0274) 22-1211", "0274-22-1211"), ("090-1234-5678", "090-1234-5678"),
     ("０９０１２３４５６７８", "09012345678")],
)  # fmt: skip
def test_phone_formats(applicant_area, typed, stored):
    from businesses.forms import BusinessApplicationForm

    form = BusinessApplicationForm(application_data(phone=typed))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == stored


@pytest.mark.parametrize(
    ("field", "value"),
    [("postal_code", "37500"), ("postal_code", "abc-defg"), ("phone", "123"),
     ("phone", "+1 555 0100"), ("phone", "0000-00-0000"), ("business_name_kana", "藤岡酒造"),
     ("business_name_kana", "fujioka"), ("contact_name_kana", "Taro")],
)  # fmt: skip
def test_invalid_values_are_refused(applicant_area, field, value):
    from businesses.forms import BusinessApplicationForm

    form = BusinessApplicationForm(application_data(**{field: value}))
    assert not form.is_valid()
    assert list(form.errors) == [field]


# -- likely duplicates --------------------------------------------------------


def test_same_phone_in_another_format_is_flagged(client, applicant_area):
    first = pending_application(phone="0274-22-9999")
    response = client.post(
        "/ja/apply/",
        application_data(
            business_name="ふじおか酒店", street="別の通り5", phone="０２７４ ２２ ９９９９"
        ),
    )
    assert response.status_code == 302
    second = BusinessApplication.objects.exclude(pk=first.pk).get()
    assert second.possible_duplicate
    assert f"application #{first.pk}" in second.duplicate_note
    first.refresh_from_db()
    assert not first.possible_duplicate  # the first one was not a duplicate when it came


def test_same_name_and_address_is_flagged_whatever_the_width(applicant_area):
    first = pending_application(street="藤岡100", phone="0274-22-1000")
    second = pending_application(street="藤岡１００", phone="090-1111-2222")
    assert second.possible_duplicate
    assert f"Same name and address as application #{first.pk}" in second.duplicate_note


def test_other_businesses_and_rejected_applications_are_not_flagged(applicant_area, staff):
    rejected = pending_application(phone="0274-22-5555")
    reject_application(rejected, staff, "Wrong licence number")
    pending_application(business_name="別の店", street="本町1", phone="0274-22-6666")
    again = pending_application(phone="0274-22-5555")
    assert not again.possible_duplicate
    assert again.duplicate_note == ""


def test_application_matching_a_storefront_is_flagged_once(storefront1, applicant_area):
    # storefront1 has a Japanese page and its English translation, same phone.
    assert BusinessPage.objects.filter(business=storefront1.business).count() == 2
    application = pending_application(business_name="新しい店", phone="0274221211")
    assert application.possible_duplicate
    note_lines = application.duplicate_note.splitlines()
    assert note_lines == [
        f"Same phone as the storefront of business #{storefront1.business.pk} (喫茶まちかど)"
    ]


def test_application_matching_a_storefront_by_name_and_address(storefront1, applicant_area):
    application = pending_application(
        business_name="喫茶まちかど", city="藤岡市", street="藤岡１－２－３", phone="090-9999-0000"
    )
    assert application.possible_duplicate
    assert "name and address as the storefront" in application.duplicate_note


# -- review by city staff ---------------------------------------------------------

LISTING = "/admin/business_applications/"


def inspect_url(application):
    return f"{LISTING}inspect/{application.pk}/"


def approve_url(application):
    return f"{LISTING}{application.pk}/approve/"


def reject_url(application):
    return f"{LISTING}{application.pk}/reject/"


def _rows(response):
    """The business names in the listing, in order."""
    return [
        cell.get_text(" ", strip=True)
        for cell in soup(response).select("table.listing td.title .title-wrapper a")
    ]


def admin_in_english(user):
    """Wagtail's admin speaks each user's preferred language; tests read English."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def assert_denied(response):
    """Wagtail's answer to a signed-in user without the permission: back to
    the dashboard with an error (a bare 403 only for XHR requests)."""
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_listing_shows_pending_applications_oldest_first_with_duplicate_flag(
    client, staff, applicant_area
):
    older = pending_application(business_name="古い酒蔵", phone="0274-22-1001", street="本町1")
    duplicate = pending_application(
        business_name="新しい酒蔵", phone="0274-22-1001", street="本町2"
    )
    rejected = pending_application(business_name="断られた店", phone="0274-22-1003", street="本町3")
    reject_application(rejected, staff, "Not in the city")
    # The newer one was submitted first in wall-clock terms: ordering is by date, not pk.
    BusinessApplication.objects.filter(pk=older.pk).update(submitted_at="2025-04-01T09:00+09:00")
    BusinessApplication.objects.filter(pk=duplicate.pk).update(
        submitted_at="2025-04-02T09:00+09:00"
    )
    client.force_login(admin_in_english(staff))

    response = client.get(LISTING)
    assert response.status_code == 200
    rows = _rows(response)
    assert rows == ["古い酒蔵", "新しい酒蔵"]
    page = soup(response)
    flagged = [
        row
        for row in page.select("table.listing tbody tr")
        if "Possible duplicate" in row.get_text()
    ]
    assert len(flagged) == 1 and "新しい酒蔵" in flagged[0].get_text()
    # The row opens the review page, not an edit form.
    assert page.select_one(f'table.listing tbody a[href="{inspect_url(older)}"]') is not None

    assert _rows(client.get(LISTING, {"status": "rejected"})) == ["断られた店"]
    assert len(_rows(client.get(LISTING, {"status": "all"}))) == 3
    BusinessApplication.objects.filter(pk=older.pk).update(submitted_at="2025-04-03T09:00+09:00")
    assert _rows(client.get(LISTING)) == ["新しい酒蔵", "古い酒蔵"]


def test_owners_and_visitors_cannot_see_applications(client, owner1, storefront1, applicant_area):
    application = pending_application()
    response = client.get(LISTING)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]

    client.force_login(owner1)
    assert client.get("/admin/").status_code == 200  # owners do use the admin
    for url in [LISTING, inspect_url(application), f"{LISTING}edit/{application.pk}/"]:
        assert_denied(client.get(url))
        response = client.get(url, headers={"x-requested-with": "XMLHttpRequest"})
        assert response.status_code == 403, url
        assert "藤岡酒造" not in response.content.decode()
    assert "藤岡酒造" not in client.get("/admin/").content.decode()
    assert "/admin/business_applications/" not in client.get("/admin/").content.decode()


def test_inspect_page_shows_the_application_and_review_forms(client, staff, applicant_area):
    pending_application(phone="0274-22-9999")
    application = pending_application(business_name="藤岡酒造", street="藤岡１００")
    client.force_login(admin_in_english(staff))
    response = client.get(inspect_url(application))
    assert response.status_code == 200
    text = response.content.decode()
    assert "taro@fujioka-shuzo.example.jp" in text
    assert "関酒 第123号" in text
    assert "This application may duplicate an existing one" in text
    page = soup(response)
    approve_form = page.find("form", action=approve_url(application))
    reject_form = page.find("form", action=reject_url(application))
    assert approve_form is not None and approve_form["method"] == "post"
    assert reject_form.find("textarea", attrs={"name": "reason"}) is not None


def _approve_in_admin(client, staff, application, capture):
    client.force_login(staff)
    with capture(execute=True):
        response = client.post(approve_url(application))
    client.logout()
    return response


def test_approval_creates_the_business_owner_and_draft_storefronts(
    client, staff, applicant_area, django_capture_on_commit_callbacks
):
    application = pending_application(language="en")
    BusinessApplication.objects.filter(pk=application.pk).update(language="en")
    mail.outbox.clear()

    response = _approve_in_admin(client, staff, application, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == LISTING

    application.refresh_from_db()
    assert application.status == BusinessApplication.Status.APPROVED
    assert application.reviewed_by == staff and application.reviewed_at is not None
    business = application.business
    assert business.name == "藤岡酒造" and business.name_kana == "ふじおかしゅぞう"
    assert Group.objects.filter(pk=business.group_id).exists()
    assert business.collection.get_parent().name == "Businesses"

    owner = User.objects.get(email="taro@fujioka-shuzo.example.jp")
    assert not owner.has_usable_password()
    assert (owner.last_name, owner.first_name) == ("藤岡", "太郎")
    assert business.has_member(owner)
    assert owner.wagtail_userprofile.preferred_language == "en"

    pages = {p.locale.language_code: p for p in BusinessPage.objects.filter(business=business)}
    assert set(pages) == {"ja", "en"}
    ja, en = pages["ja"], pages["en"]
    assert not ja.live and not en.live
    assert ja.translation_key == en.translation_key
    assert (
        ja.get_parent().url_path.endswith("/shops/")
        and en.get_parent().locale.language_code == "en"
    )
    assert (ja.phone, ja.postal_code, ja.category_id, ja.area_id) == (
        "0274-22-9999", "375-0024", application.category_id, application.area_id,
    )  # fmt: skip
    assert ja.get_latest_revision() is not None
    for page in (ja, en):
        kinds = set(
            GroupPagePermission.objects.filter(group=business.group, page=page).values_list(
                "permission__codename", flat=True
            )
        )
        assert kinds == {"change_page"}

    entry = ModelLogEntry.objects.get(action="machikado.application.approve")
    assert entry.user == staff and entry.object_id == str(application.pk)

    assert len(mail.outbox) == 1
    invitation = mail.outbox[0]
    assert invitation.to == ["taro@fujioka-shuzo.example.jp"]
    assert invitation.subject == "藤岡酒造 has been approved"
    assert "Set your password here" in invitation.body
    assert f"Your user name is {owner.username}." in invitation.body


def set_password_from_email(client, message, password):
    """Follow the invitation's link like the owner would, and choose a password."""
    from urllib.parse import urlparse

    link = next(word for word in message.body.split() if "/password_reset/confirm/" in word)
    response = client.get(urlparse(link).path)
    assert response.status_code == 302  # Django moves the token into the session
    set_password_url = response["Location"]
    assert client.get(set_password_url).status_code == 200
    response = client.post(set_password_url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    return link


def test_invitation_link_lets_the_owner_set_a_password_and_log_in(
    client, staff, applicant_area, django_capture_on_commit_callbacks
):
    application = pending_application()
    mail.outbox.clear()
    _approve_in_admin(client, staff, application, django_capture_on_commit_callbacks)
    owner = User.objects.get(email=application.contact_email)

    link = set_password_from_email(client, mail.outbox[0], "tamago-kake-gohan-42")
    owner.refresh_from_db()
    assert owner.has_usable_password()
    response = client.post(
        "/admin/login/", {"username": owner.username, "password": "tamago-kake-gohan-42"}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    storefront = BusinessPage.objects.get(
        business__application=application, locale__language_code="ja"
    )
    assert client.get(f"/admin/pages/{storefront.pk}/edit/").status_code == 200
    # The link works once.
    client.logout()
    from urllib.parse import urlparse

    response = client.get(urlparse(link).path, follow=True)
    assert "new_password1" not in response.content.decode()


def test_approval_in_japanese_and_for_an_existing_account(
    staff, applicant_area, django_capture_on_commit_callbacks
):
    existing = User.objects.create_user("taro", "Taro@Fujioka-Shuzo.example.jp", PASSWORD)
    application = pending_application()
    assert application.language == "ja"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        business = approve_application(application, staff)
    assert business.has_member(existing)
    existing.refresh_from_db()
    assert existing.has_usable_password()  # nothing changed about their sign-in
    assert User.objects.filter(email__iexact=application.contact_email).count() == 1
    assert len(mail.outbox) == 1
    assert "/password_reset/" not in mail.outbox[0].body
    # Written in the applicant's language (the words come from the ja catalogue).
    with translation.override("ja"):
        expected = gettext("%(name)s has been approved") % {"name": "藤岡酒造"}
    assert mail.outbox[0].subject == expected


def test_approving_twice_is_refused_and_changes_nothing(
    client, staff, applicant_area, django_capture_on_commit_callbacks
):
    application = pending_application()
    _approve_in_admin(client, staff, application, django_capture_on_commit_callbacks)
    counts = (Business.objects.count(), BusinessPage.objects.count(), User.objects.count(),
              Collection.objects.count(), len(mail.outbox))  # fmt: skip

    response = _approve_in_admin(client, staff, application, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == inspect_url(application)
    with pytest.raises(AlreadyReviewed):
        approve_application(application, staff)
    with pytest.raises(AlreadyReviewed):
        reject_application(application, staff, "Too late")
    assert counts == (Business.objects.count(), BusinessPage.objects.count(), User.objects.count(),
                      Collection.objects.count(), len(mail.outbox))  # fmt: skip
    application.refresh_from_db()
    assert application.status == BusinessApplication.Status.APPROVED


def test_only_city_staff_may_review(
    client, owner1, storefront1, applicant_area, django_capture_on_commit_callbacks
):
    application = pending_application()
    mail.outbox.clear()
    businesses_before = Business.objects.count()

    response = client.post(approve_url(application))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(owner1)
    with django_capture_on_commit_callbacks(execute=True):
        assert_denied(client.post(approve_url(application)))
        assert_denied(client.post(reject_url(application), {"reason": "spite"}))
    with pytest.raises(NotAllowed):
        approve_application(application, owner1)
    with pytest.raises(NotAllowed):
        reject_application(application, owner1, "spite")

    application.refresh_from_db()
    assert application.status == BusinessApplication.Status.PENDING
    assert Business.objects.count() == businesses_before
    assert not User.objects.filter(email=application.contact_email).exists()
    assert mail.outbox == []


def test_rejection_needs_a_reason_and_sends_it(
    client, staff, applicant_area, django_capture_on_commit_callbacks
):
    application = pending_application()
    mail.outbox.clear()
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reject_url(application), {"reason": "   "})
    assert response["Location"] == inspect_url(application)
    application.refresh_from_db()
    assert application.status == BusinessApplication.Status.PENDING
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reject_url(application), {"reason": "The licence number does not match our records."}
        )
    assert response["Location"] == LISTING
    application.refresh_from_db()
    assert application.status == BusinessApplication.Status.REJECTED
    assert application.reviewed_by == staff
    assert application.business is None
    assert Business.objects.count() == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [application.contact_email]
    assert "The licence number does not match our records." in mail.outbox[0].body
    entry = ModelLogEntry.objects.get(action="machikado.application.reject")
    assert entry.user == staff
    # The review forms are gone from a decided application.
    response = client.get(inspect_url(application))
    assert soup(response).find("form", action=approve_url(application)) is None


def test_listing_filters_possible_duplicates(client, staff, applicant_area):
    pending_application(business_name="最初の店", phone="0274-22-1001", street="本町1")
    pending_application(business_name="二番目の店", phone="0274-22-1001", street="本町2")
    pending_application(business_name="無関係の店", phone="0274-22-1003", street="本町3")
    client.force_login(staff)
    response = client.get(LISTING, {"possible_duplicate": "true"})
    assert _rows(response) == ["二番目の店"]
    assert soup(response).find("input", attrs={"name": "possible_duplicate", "type": "radio"})
    assert _rows(client.get(LISTING, {"possible_duplicate": "false"})) == ["最初の店", "無関係の店"]
