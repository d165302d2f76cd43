"""Several people may share one business: city staff add and remove members
in the Businesses admin; members edit the storefront, others cannot."""

from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield
from wagtail.users.models import UserProfile

from businesses.models import Business, BusinessPage
from businesses.services import membership
from businesses.services.errors import NotAllowed
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

User = get_user_model()


def edit_url(business):
    return f"/admin/business_members/edit/{business.pk}/"


def english(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def members_form(business, remove=(), invite="", **fields):
    data = {"name": business.name, "name_kana": business.name_kana, "invite_email": invite}
    data.update(fields)
    data["remove_members"] = [str(user.pk) for user in remove]
    return data


def can_edit_storefront(client, page, summary):
    """Save a draft through the real page editor; True if it was stored."""
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    if response.status_code != 200:
        return False
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for key in [key for key in data if "__prefix__" in key]:
        del data[key]
    for key, values in list(data.lists()):
        data.setlist(key, [v[1:] if v.startswith("\n") else v for v in values])
    data.update(nested_form_data({"body": streamfield([])}))
    data["summary"] = summary
    client.post(f"/admin/pages/{page.pk}/edit/", data)
    page = BusinessPage.objects.get(pk=page.pk)
    return page.get_latest_revision_as_object().summary == summary


def test_edit_form_lists_members_with_remove_boxes_and_an_invite_field(
    client, staff, storefront1, owner1, owner2
):
    client.force_login(english(staff))
    response = client.get(edit_url(storefront1.business))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    form = page.find("form", attrs={"action": edit_url(storefront1.business)})
    boxes = form.find_all("input", attrs={"type": "checkbox", "name": "remove_members"})
    assert [box["value"] for box in boxes] == [str(owner1.pk)]
    assert "owner1@example.jp" in form.get_text()
    assert form.find("input", attrs={"type": "email", "name": "invite_email"}) is not None
    # Other people's accounts are not listed to pick from.
    assert "owner2" not in response.content.decode()


def test_staff_invite_a_new_member_who_can_then_edit_the_storefront(
    client, staff, storefront1, django_capture_on_commit_callbacks
):
    business = storefront1.business
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit_url(business), members_form(business, invite="hanako@machikado.example.jp")
        )
    assert response.status_code == 302, response.content.decode()[:3000]

    hanako = User.objects.get(email="hanako@machikado.example.jp")
    assert hanako.username == "hanako"
    assert not hanako.has_usable_password()
    assert business.has_member(hanako)
    entry = ModelLogEntry.objects.get(action="machikado.business.add_member")
    assert entry.user == staff and entry.object_id == str(business.pk)
    assert entry.data["member"] == hanako.pk and entry.data["new_account"] is True

    assert len(mail.outbox) == 1
    invitation = mail.outbox[0]
    assert invitation.to == ["hanako@machikado.example.jp"]
    link = next(word for word in invitation.body.split() if "/password_reset/confirm/" in word)

    client.logout()
    response = client.get(urlparse(link).path)
    set_password = response["Location"]
    response = client.post(
        set_password, {"new_password1": "kaki-no-tane-99", "new_password2": "kaki-no-tane-99"}
    )
    assert response.status_code == 302
    assert client.login(username="hanako", password="kaki-no-tane-99")
    assert can_edit_storefront(client, storefront1, "はなこが書いた紹介文")
    translation = BusinessPage.objects.get(
        translation_key=storefront1.translation_key, locale__language_code="en"
    )
    assert can_edit_storefront(client, translation, "Written by Hanako")


def test_inviting_an_existing_account_adds_it_without_a_new_password(
    client, staff, storefront1, storefront2, owner2, django_capture_on_commit_callbacks
):
    business = storefront1.business
    assert not can_edit_storefront(client.__class__(), storefront1, "x")  # anonymous
    client.force_login(owner2)
    assert not can_edit_storefront(client, storefront1, "藤岡そば処が書いた")

    client.force_login(staff)
    users_before = User.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit_url(business), members_form(business, invite="OWNER2@example.jp")
        )
    assert response.status_code == 302
    assert User.objects.count() == users_before
    assert business.has_member(owner2)
    assert storefront2.business.has_member(owner2)  # still in their own business
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["owner2@example.jp"]
    assert "/password_reset/" not in mail.outbox[0].body
    owner2.refresh_from_db()
    assert owner2.check_password(PASSWORD)

    client.force_login(owner2)
    assert can_edit_storefront(client, storefront1, "藤岡そば処が書いた")


def test_staff_remove_a_member_who_then_cannot_edit(
    client, staff, storefront1, owner1, django_capture_on_commit_callbacks
):
    business = storefront1.business
    partner = User.objects.create_user("partner", "partner@example.jp", PASSWORD)
    membership.invite_member(business, partner.email, actor=staff)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(business), members_form(business, remove=[owner1]))
    assert response.status_code == 302
    assert not business.has_member(owner1)
    assert business.has_member(partner)
    assert User.objects.filter(pk=owner1.pk).exists()  # the account stays
    entry = ModelLogEntry.objects.get(action="machikado.business.remove_member")
    assert entry.user == staff and entry.data["member"] == owner1.pk

    client.force_login(owner1)
    assert not can_edit_storefront(client, storefront1, "まだ編集できる？")
    client.force_login(partner)
    assert can_edit_storefront(client, storefront1, "パートナーの紹介文")


def test_inviting_a_current_member_or_a_bad_address_is_an_error(client, staff, storefront1, owner1):
    business = storefront1.business
    client.force_login(english(staff))
    for address, message in [
        ("Owner1@Example.jp", "Someone with this address is already a member."),
        ("not-an-address", "Enter a valid email address."),
    ]:
        response = client.post(edit_url(business), members_form(business, invite=address))
        assert response.status_code == 200
        assert message in response.content.decode()
    assert list(business.members) == [owner1]
    assert not ModelLogEntry.objects.filter(action__startswith="machikado.business.").exists()


def test_owners_may_not_manage_members(
    client, owner1, owner2, storefront1, django_capture_on_commit_callbacks
):
    business = storefront1.business
    client.force_login(owner1)
    for url in ["/admin/business_members/", edit_url(business)]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/admin/"
        response = client.get(url, headers={"x-requested-with": "XMLHttpRequest"})
        assert response.status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit_url(business), members_form(business, remove=[owner1], invite="friend@example.jp")
        )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert list(business.members) == [owner1]
    assert not User.objects.filter(email="friend@example.jp").exists()
    assert mail.outbox == []

    with pytest.raises(NotAllowed):
        membership.invite_member(business, "friend@example.jp", actor=owner1)
    with pytest.raises(NotAllowed):
        membership.remove_members(business, [owner1], actor=owner1)
    assert list(business.members) == [owner1]
    assert not User.objects.filter(email="friend@example.jp").exists()


def test_invitation_language_follows_the_business(area, staff, django_capture_on_commit_callbacks):
    from businesses.services.review_application import approve_application
    from tests.factories import pending_application

    application = pending_application()
    application.language = "en"
    application.save()
    business = approve_application(application, staff)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = membership.invite_member(
            business, "clerk@fujioka-shuzo.example.jp", actor=staff
        )
    assert invitation.created
    assert UserProfile.get_for_user(invitation.user).preferred_language == "en"
    assert mail.outbox[0].subject == "You can now edit 藤岡酒造 on Machikado"


def test_staff_create_a_business_with_its_group_and_collection(client, staff):
    client.force_login(staff)
    response = client.post(
        "/admin/business_members/new/",
        {"name": "鬼石の宿", "name_kana": "おにしのやど", "invite_email": "inn@example.jp"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    business = Business.objects.get(name="鬼石の宿")
    assert business.group.permissions.filter(codename="access_admin").exists()
    assert business.collection.get_parent().name == "Businesses"
    assert [u.email for u in business.members] == ["inn@example.jp"]
    assert ModelLogEntry.objects.filter(
        action="wagtail.create", object_id=str(business.pk)
    ).exists()


def test_inviting_a_member_who_never_set_a_password_sends_a_new_link(
    client, staff, storefront1, django_capture_on_commit_callbacks
):
    business = storefront1.business
    pending = User.objects.create_user("pending", "pending@example.jp")
    pending.set_unusable_password()
    pending.save()
    business.group.user_set.add(pending)
    client.force_login(english(staff))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit_url(business), members_form(business, invite="pending@example.jp")
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/admin/password_reset/confirm/" in mail.outbox[0].body
    assert business.members.filter(pk=pending.pk).count() == 1
