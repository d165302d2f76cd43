import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from businesses.models import BusinessCategory


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/ja/apply/", "/en/apply/"])
def test_application_form_queries_do_not_grow_with_categories(client, area, url):
    client.get(url)  # warm the site and settings look-ups
    before = count_queries(client, url)
    ja, en = Locale.objects.get(language_code="ja"), Locale.objects.get(language_code="en")
    for n in range(10):
        extra = BusinessCategory.objects.create(locale=ja, name=f"業種{n}", slug=f"extra-{n}")
        translated = extra.copy_for_translation(en)
        translated.name = f"Trade {n}"
        translated.save()
    assert count_queries(client, url) == before
    assert before <= 14
