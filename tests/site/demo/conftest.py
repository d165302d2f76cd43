"""The Fujioka demo, loaded once for the demo tests (it takes a while).

It is loaded inside a transaction that is rolled back when this package's
tests are done (as Django's setUpTestData does); each test runs in a
savepoint inside it, so tests that reload or reset leave it as it was. The
package scope keeps it away from the other tests under tests/site.
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    """The command's output; the data stays until the package's tests are done."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        out = io.StringIO()
        try:
            call_command("load_demo_data", "--force", stdout=out)
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield out.getvalue()
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
