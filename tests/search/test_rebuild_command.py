"""manage.py rebuild_search_index: the progress bar, --check drift reports, --engine."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Locale

from search import signals
from tests import factories
from tests.tourism import factories as tourism

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("rebuild_search_index", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def check():
    """(drifted, output) of --check."""
    out = io.StringIO()
    try:
        call_command("rebuild_search_index", "--check", stdout=out)
    except CommandError as error:
        assert error.returncode == 1
        return True, out.getvalue() + str(error)
    return False, out.getvalue()


@pytest.fixture
def content(area):
    """A storefront (ja, en) with a product, and an attraction: 5 documents,
    made while indexing is paused (as a bulk import would)."""
    with signals.paused():
        page = factories.make_storefront()
        product = factories.make_product(page.business, "ほうじ茶")
        attraction = tourism.make_attraction("桜山公園")
    return page, product, attraction


def test_rebuild_indexes_everything_with_a_progress_bar(database_engine, content):
    page, product, attraction = content
    en = page.get_translation(Locale.objects.get(language_code="en"))
    out, err = run()
    assert database_engine.document_ids() == {
        f"shop-{page.pk}",
        f"shop-{en.pk}",
        f"product-{product.pk}-ja",
        f"product-{product.pk}-en",
        f"attraction-{attraction.pk}",
    }
    assert "Indexed 5 documents" in out and "database engine" in out
    assert "100.0% 5/5 documents" in err and "docs/s" in err
    assert err.endswith("\n")


def test_check_reports_drift_and_rebuild_fixes_it(database_engine, content):
    page, product, attraction = content
    drifted, output = check()
    assert drifted
    assert "Missing from the index: 5" in output
    assert f"attraction-{attraction.pk}" in output

    run()
    drifted, output = check()
    assert not drifted, output
    assert "No drift" in output

    # Changes made while indexing is off (or failed) leave drift behind:
    with signals.paused():
        page.unpublish()  # the Japanese storefront goes
        tourism.make_attraction("冬桜の宿")  # a new one comes
    drifted, output = check()
    assert drifted
    assert "Missing from the index: 1" in output
    assert f"In the index but not searchable (or gone): 1: shop-{page.pk}" in output
    ids_before = database_engine.document_ids()
    assert f"shop-{page.pk}" in ids_before  # --check changed nothing

    run()
    assert not check()[0]
    assert f"shop-{page.pk}" not in database_engine.document_ids()


def test_quiet_runs_print_no_bar(database_engine, content):
    out, err = run("--no-progress")
    assert err == "" and "Indexed 5 documents" in out


def test_an_unreachable_engine_is_a_command_error(database_engine, content, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    with pytest.raises(CommandError, match="elasticsearch search engine is unavailable"):
        run("--engine", "elasticsearch")
    assert database_engine.document_ids() == set()  # the default engine is untouched


def test_engine_option_picks_the_engine(database_engine, content, settings):
    settings.SEARCH_ENGINE = "elasticsearch"  # the setting says one thing...
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    out, _err = run("--engine", "database")  # ...the option another
    assert "on the database engine" in out
    settings.SEARCH_ENGINE = "database"
    assert len(database_engine.document_ids()) == 5
