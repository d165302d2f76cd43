"""Two-factor sign-in for staff (django-otp TOTP + backup codes), through the
real Wagtail admin with the test client: password at /admin/login/, then
enrolment or verification before any admin page. Codes are computed with
django-otp's own TOTP implementation from the device's key."""

import base64
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.core.management import call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from machikado.setup import CITY_STAFF_GROUP
from tests.factories import PASSWORD, make_user
from tourism.setup import TOURISM_EDITORS_GROUP

SETUP = "/admin/two-factor/"
VERIFY = "/admin/two-factor/verify/"


@pytest.fixture(autouse=True)
def two_factor_on(settings):
    settings.TWO_FACTOR_REQUIRED = True
    settings.AXES_ENABLED = True


def code_for(device, offset=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset * device.step
    return f"{totp.token():0{device.digits}d}"


def sign_in(client, user, language="ja"):
    response = client.post(
        "/admin/login/",
        {"username": user.username, "password": PASSWORD, "next": "/admin/"},
        REMOTE_ADDR="192.0.2.10",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 302, response.content[:500]
    return response


def enrolled(user):
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    backup = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    backup.token_set.create(token="abcd2345")
    return device


def staff_user(role):
    if role == "superuser":
        return make_user("root", superuser=True)
    user = make_user(role)
    user.groups.add(
        Group.objects.get(name=CITY_STAFF_GROUP if role == "city" else TOURISM_EDITORS_GROUP)
    )
    return user


@pytest.fixture
def enrolled_staff(client, db):
    """A city staff member with an authenticator app and a backup code,
    past the password step only: (user, device)."""
    user = staff_user("city")
    device = enrolled(user)
    sign_in(client, user)
    return user, device


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["city", "editor", "superuser"])
def test_staff_must_enrol_before_any_admin_page(client, role):
    user = staff_user(role)
    sign_in(client, user)
    for path in [
        "/admin/",
        "/admin/pages/",
        "/admin/city/",
        "/admin/account/",
        "/documents/1/a.pdf",
    ]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(f"{SETUP}?next="), path
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@pytest.mark.django_db
def test_enrolment_with_qr_code_then_backup_codes(client, settings):
    user = staff_user("city")
    sign_in(client, user)
    page = client.get(f"{SETUP}?next=/admin/pages/", HTTP_ACCEPT_LANGUAGE="ja")
    assert page.status_code == 200
    html = page.content.decode()
    assert "2段階認証の設定" in html
    assert "職員のアカウントでは2段階認証が必須です。" in html
    assert "<svg" in html and "<script" not in html.split("<main", 1)[1]
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert base64.b32encode(device.bin_key).decode() in html
    # Reloading keeps the same pending device (the QR code the app scanned).
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=user).count() == 1

    wrong = client.post(SETUP, {"token": code_for(device, offset=5), "next": "/admin/pages/"})
    assert wrong.status_code == 200
    assert "コードが正しくありません" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/admin/").status_code == 302

    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the wrong code above would delay the next try 1 s
    done = client.post(SETUP, {"token": code_for(device), "next": "/admin/pages/"})
    assert done.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    )
    assert 'href="/admin/pages/"' in done.content.decode()
    # This session is verified now.
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200


@pytest.mark.django_db
def test_enrolled_staff_verify_after_the_password(client, enrolled_staff):
    _, device = enrolled_staff
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2Fpages%2F"

    form = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert form.status_code == 200
    assert "Enter your sign-in code" in form.content.decode()

    wrong = client.post(
        VERIFY,
        {"token": code_for(device, offset=-10), "next": "/admin/pages/"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert wrong.status_code == 200
    assert "That code is not right. Try again." in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    device.throttle_reset()  # the wrong code delays the next try by a second
    right = client.post(VERIFY, {"token": code_for(device), "next": "/admin/pages/"})
    assert right.status_code == 302
    assert right["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_a_wrong_code_right_after_another_is_throttled(client, enrolled_staff):
    _, device = enrolled_staff
    client.post(VERIFY, {"token": code_for(device, offset=-10)})
    # Even the right code is refused during the throttle delay.
    refused = client.post(VERIFY, {"token": code_for(device)}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 200
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_a_backup_code_works_once(client, enrolled_staff):
    user, _ = enrolled_staff
    response = client.post(VERIFY, {"token": "ABCD 2345", "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert not StaticToken.objects.filter(token="abcd2345").exists()

    client.logout()
    sign_in(client, user)
    again = client.post(VERIFY, {"token": "abcd2345", "next": "/admin/"})
    assert again.status_code == 200
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_a_password_only_session_cannot_enrol_another_device(client, enrolled_staff):
    user, _ = enrolled_staff
    response = client.get(SETUP)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    response = client.post(SETUP, {"token": "123456"})
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_wrong_codes_lock_out_like_wrong_passwords(client, settings, enrolled_staff):
    user, device = enrolled_staff
    responses = [
        client.post(VERIFY, {"token": code_for(device, offset=-10)}, REMOTE_ADDR="192.0.2.10")
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert all(r.status_code == 200 for r in responses[:-1])
    locked = responses[-1]
    assert locked.status_code == 429
    assert "サインインの試行回数が多すぎます" in locked.content.decode()
    assert "_auth_user_id" not in client.session  # signed out
    assert AccessAttempt.objects.get(username=user.username).failures_since_start >= 5
    # The password step is locked for this username + address too.
    again = client.post(
        "/admin/login/",
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR="192.0.2.10",
    )
    assert again.status_code == 429


@pytest.mark.django_db
def test_owners_need_no_second_factor_but_may_opt_in(client, storefront1, owner1, settings):
    sign_in(client, owner1)
    assert client.get("/admin/").status_code == 200
    page = client.get(SETUP)
    assert page.status_code == 200
    assert "職員のアカウントでは2段階認証が必須です。" not in page.content.decode()
    device = TOTPDevice.objects.get(user=owner1, confirmed=False)
    client.post(SETUP, {"token": code_for(device)})
    device.refresh_from_db()
    assert device.confirmed

    client.logout()
    sign_in(client, owner1)
    assert client.get("/admin/").status_code == 302  # enrolled: always asked
    settings.TWO_FACTOR_REQUIRED = False
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_account_page_links_to_two_factor(client, storefront1, owner1):
    sign_in(client, owner1)
    page = client.get("/admin/account/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert f'href="{SETUP}"' in page.content.decode()


@pytest.mark.django_db
def test_verified_staff_can_make_new_backup_codes(client, enrolled_staff):
    _, device = enrolled_staff
    client.post(VERIFY, {"token": code_for(device)})
    page = client.get(SETUP, HTTP_ACCEPT_LANGUAGE="en")
    assert "1 unused backup code" in page.content.decode()
    response = client.post("/admin/two-factor/backup-codes/", {"next": "/admin/"})
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())
    assert len(codes) == 10
    assert not StaticToken.objects.filter(token="abcd2345").exists()


@pytest.mark.django_db
def test_reset_command_makes_staff_enrol_again(client):
    user = staff_user("city")
    enrolled(user)
    call_command("two_factor_reset", user.username, stdout=open("/dev/null", "w"))
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    sign_in(client, user)
    response = client.get("/admin/")
    assert response["Location"].startswith(SETUP)


@pytest.mark.django_db
def test_unsafe_next_is_ignored(client, enrolled_staff):
    _, device = enrolled_staff
    response = client.post(VERIFY, {"token": code_for(device), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


@pytest.mark.django_db
def test_requirement_off_keeps_force_login_tests_working(client, settings):
    settings.TWO_FACTOR_REQUIRED = False
    user = staff_user("city")
    client.force_login(user)
    assert client.get("/admin/").status_code == 200
