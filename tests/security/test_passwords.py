"""Password rules (AUTH_PASSWORD_VALIDATORS) on every form that sets a
password: the invitation / reset link new owners and staff use to choose
their first password, and the admin account's password change. (The public
application form asks for no password: approval sends the invitation link.)
Errors come back as field errors in the visitor's language."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from businesses.notifications import set_password_url
from tests.factories import PASSWORD, make_user

STRONG = "kaki-no-tane-oishii-99"
WEAK = [
    # (password, Japanese message, English message)
    (
        "kaki-99",
        "このパスワードは短すぎます。最低 12 文字以上必要です。",
        "This password is too short. It must contain at least 12 characters.",
    ),
    ("password1234", "このパスワードは一般的すぎます。", "This password is too common."),
    (
        "202611281234567",
        "このパスワードは数字しか使われていません。",
        "This password is entirely numeric.",
    ),
    ("hanako.yamada.example", "と似すぎています", "too similar to the"),
]


def test_validators_configured():
    names = {
        v["NAME"].rsplit(".", 1)[1]: v.get("OPTIONS", {}) for v in settings.AUTH_PASSWORD_VALIDATORS
    }
    assert set(names) == {
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    }
    assert names["MinimumLengthValidator"]["min_length"] >= 12


@pytest.fixture
def invited(db):
    """A new member as approval creates them: no usable password yet."""
    user = get_user_model().objects.create_user(
        "hanako", "hanako.yamada@example.jp", first_name="Hanako", last_name="Yamada"
    )
    user.set_unusable_password()
    user.save()
    return user


def set_password_form(client, user, language):
    link = set_password_url(user).split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + link, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 302  # Django moves the token into the session
    return response["Location"]


@pytest.mark.parametrize(("language", "column"), [("ja", 1), ("en", 2)])
def test_invitation_link_refuses_weak_passwords(client, invited, language, column):
    form_url = set_password_form(client, invited, language)
    for case in WEAK:
        response = client.post(
            form_url,
            {"new_password1": case[0], "new_password2": case[0]},
            HTTP_ACCEPT_LANGUAGE=language,
        )
        assert response.status_code == 200, case[0]
        errors = " ".join(response.context["form"].errors.get("new_password2", []))
        assert case[column] in errors, (case[0], errors)
    invited.refresh_from_db()
    assert not invited.has_usable_password()

    done = client.post(
        form_url,
        {"new_password1": STRONG, "new_password2": STRONG},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert done.status_code == 302
    invited.refresh_from_db()
    assert invited.check_password(STRONG)


def account_form(user, old, new):
    """The admin account page's panels as a browser submits them, with a new password."""
    return {
        "name_email-first_name": user.first_name,
        "name_email-last_name": user.last_name,
        "name_email-email": user.email,
        "notifications-submitted_notifications": "false",
        "notifications-approved_notifications": "false",
        "notifications-rejected_notifications": "true",
        "notifications-updated_comments_notifications": "true",
        "locale-preferred_language": "ja",
        "locale-current_time_zone": "Asia/Tokyo",
        "theme-theme": "system",
        "theme-density": "default",
        "theme-contrast": "system",
        "keyboard-shortcuts": "true",
        "password-old_password": old,
        "password-new_password1": new,
        "password-new_password2": new,
    }


@pytest.mark.django_db
def test_account_password_change_refuses_weak_passwords(client):
    user = make_user("hanako", first_name="Hanako", last_name="Yamada")
    user.email = "hanako.yamada@example.jp"
    user.save()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for password, ja, _en in WEAK:
        response = client.post("/admin/account/", account_form(user, PASSWORD, password))
        assert response.status_code == 200, password
        assert ja in response.content.decode(), password
    user.refresh_from_db()
    assert user.check_password(PASSWORD)

    response = client.post("/admin/account/", account_form(user, PASSWORD, STRONG))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(STRONG)
