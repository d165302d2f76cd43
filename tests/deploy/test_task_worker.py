"""Production's task queue (TASKS_BACKEND = django_tasks_db.DatabaseBackend,
the compose file's `worker` service running `manage.py db_worker`): a save
only enqueues the after-commit work, so the owner's upload or publish does
not wait for it, and the worker then makes the renditions and updates the
search index. The worker is the real command, in --batch mode."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from PIL import Image as PILImage
from wagtail.images import get_image_model

from machikado import renditions
from search.query import SearchQuery

# Real commits: the worker closes its database connection when it is done,
# which a test's surrounding transaction would not survive (PostgreSQL).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queue(settings, storefront1):
    """The database queue, from here on (the fixtures' own work is done)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def jpeg():
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 1000), (40, 120, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_an_upload_only_enqueues_its_renditions_and_the_worker_makes_them(
    queue, client, owner1, storefront1
):
    client.force_login(owner1)
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {
            "collection": storefront1.business.collection.pk,
            "files[]": SimpleUploadedFile("shop.jpg", jpeg(), content_type="image/jpeg"),
        },
    )
    assert response.json()["success"]
    image = get_image_model().objects.latest("pk")
    assert image.renditions.count() == 0  # the request did not make them
    [task] = DBTaskResult.objects.filter(task_path__endswith="generate_renditions")
    assert task.status == TaskResultStatus.READY

    run_worker()

    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert renditions.missing_specs(image) == []
    assert image.renditions.count() == len(renditions.SPECS)


def test_a_publish_reaches_the_search_index_through_the_worker(queue, database_engine, storefront1):
    # (database_engine, after queue: the index starts empty, the fixtures' work done)
    document = f"shop-{storefront1.pk}"
    storefront1.save_revision().publish()
    assert document not in database_engine.document_ids()  # queued, not yet indexed
    assert DBTaskResult.objects.filter(
        task_path="search.tasks.update_documents", status=TaskResultStatus.READY
    ).exists()

    run_worker()

    assert document in database_engine.document_ids()
    found = database_engine.search(SearchQuery(text=storefront1.title, language="ja"))
    assert document in [hit.id for hit in found.hits]
    assert not DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL).exists()
