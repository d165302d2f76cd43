"""Login rate limiting (django-axes) on the Wagtail admin's sign-in page,
through the real test client: per username + client address, cool-off,
reset on success, the translated lockout page, and the client address behind
the reverse proxy."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.utils import timezone

from machikado.two_factor.client_ip import client_ip
from tests.factories import PASSWORD, make_user

LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.TRUSTED_PROXY_COUNT = 0
    return settings


def login(client, username, password, address="192.0.2.10", language="ja", **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE=language,
        **extra,
    )


def fail(client, username, times, **kwargs):
    return [login(client, username, "wrong-password", **kwargs) for _ in range(times)]


def signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_lockout_after_the_failure_limit_even_with_the_right_password(client, settings):
    make_user("hanako")
    limit = settings.AXES_FAILURE_LIMIT
    assert 3 <= limit <= 10
    responses = fail(client, "hanako", limit)
    assert all(r.status_code == 200 for r in responses[:-1])  # the form again, with an error
    locked = responses[-1]
    assert locked.status_code == 429
    assert "サインインの試行回数が多すぎます" in locked.content.decode()
    assert "15 分間" in locked.content.decode()

    right = login(client, "hanako", PASSWORD)
    assert right.status_code == 429
    assert not signed_in(client)


@pytest.mark.django_db
def test_lockout_page_in_english(client, settings):
    make_user("hanako")
    locked = fail(client, "hanako", settings.AXES_FAILURE_LIMIT, language="en")[-1]
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Too many failed sign-in attempts" in html
    assert "blocked for 15 minutes" in html
    assert 'lang="en"' in html


@pytest.mark.django_db
def test_lockout_is_per_username_and_address_not_address_alone(client, settings):
    """City hall's staff share one NAT address: one person's lockout must not
    lock out the others, nor the same person elsewhere."""
    make_user("hanako")
    make_user("taro")
    fail(client, "hanako", settings.AXES_FAILURE_LIMIT)
    assert login(client, "hanako", PASSWORD).status_code == 429

    colleague = login(client, "taro", PASSWORD)  # same address, other account
    assert colleague.status_code == 302 and signed_in(client)
    client.logout()

    elsewhere = login(client, "hanako", PASSWORD, address="198.51.100.7")
    assert elsewhere.status_code == 302 and signed_in(client)


@pytest.mark.django_db
def test_a_successful_sign_in_resets_the_count(client, settings):
    make_user("hanako")
    limit = settings.AXES_FAILURE_LIMIT
    fail(client, "hanako", limit - 1)
    assert login(client, "hanako", PASSWORD).status_code == 302
    client.logout()
    responses = fail(client, "hanako", limit - 1)
    assert all(r.status_code == 200 for r in responses)
    assert login(client, "hanako", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_lockout_ends_after_the_cool_off(client, settings):
    make_user("hanako")
    fail(client, "hanako", settings.AXES_FAILURE_LIMIT)
    assert login(client, "hanako", PASSWORD).status_code == 429
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=15)

    # 14 minutes on: still locked.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=14))
    assert login(client, "hanako", PASSWORD).status_code == 429
    # Past the cool-off the pair may sign in again.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = login(client, "hanako", PASSWORD)
    assert response.status_code == 302 and signed_in(client)


@pytest.mark.django_db
def test_forged_forwarded_for_does_not_escape_the_lockout_without_trusted_proxies(client, settings):
    make_user("hanako")
    for n in range(settings.AXES_FAILURE_LIMIT):
        login(client, "hanako", "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    response = login(client, "hanako", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.10"}


@pytest.mark.django_db
def test_behind_one_trusted_proxy_clients_are_told_apart_by_forwarded_for(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    make_user("hanako")
    proxy = "10.0.0.2"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        # The client forges an entry; the proxy appends the real address.
        login(
            client,
            "hanako",
            "wrong",
            address=proxy,
            HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}
    locked = login(client, "hanako", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert locked.status_code == 429
    other = login(client, "hanako", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert other.status_code == 302


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "10.0.0.2"),  # header ignored
        (1, "", "10.0.0.2"),  # no header: the peer
        (1, "1.2.3.4, 203.0.113.5", "203.0.113.5"),
        (2, "1.2.3.4, 203.0.113.5, 10.0.0.1", "203.0.113.5"),
        (2, "203.0.113.5", "203.0.113.5"),  # fewer entries than proxies
        (1, "not-an-address", "10.0.0.2"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get(
        "/admin/login/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded
    )
    assert client_ip(request) == expected
