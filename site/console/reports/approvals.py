"""Approvals: what waits for city staff, oldest first, with its age.

Products have no moderation state (a product is draft or published by its
shop, and shows only while its storefront is live), so there is no product queue.
"""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Page, WorkflowState

from businesses.models import BusinessApplication

PRODUCTS_HAVE_MODERATION = False


def _age_days(since: dt.datetime, now: dt.datetime) -> int:
    return max((now - since).days, 0)


def pending_applications(now: dt.datetime | None = None) -> list[dict]:
    """Applications awaiting review: {id, business, category, area, submitted_at,
    age_days, possible_duplicate}, oldest first.

    SQL: ``SELECT a.id, a.business_name, c.name, ar.name, a.submitted_at
    FROM businesses_businessapplication a JOIN businesses_businesscategory c ON c.id = a.category_id
    JOIN tourism_area ar ON ar.id = a.area_id WHERE a.status = 'pending' ORDER BY a.submitted_at``;
    age = now − submitted_at in whole days.
    """
    now = now or timezone.now()
    rows = (
        BusinessApplication.objects.filter(status=BusinessApplication.Status.PENDING)
        .order_by("submitted_at", "pk")
        .values(
            "pk",
            "business_name",
            "category__name",
            "area__name",
            "submitted_at",
            "possible_duplicate",
        )
    )
    return [
        {
            "id": row["pk"],
            "business": row["business_name"],
            "category": row["category__name"],
            "area": row["area__name"],
            "submitted_at": row["submitted_at"],
            "age_days": _age_days(row["submitted_at"], now),
            "possible_duplicate": row["possible_duplicate"],
        }
        for row in rows
    ]


def pages_in_moderation(now: dt.datetime | None = None) -> list[dict]:
    """Pages whose approval workflow is in progress: {page_id, title, kind,
    language, task, requested_by, submitted_at, age_days, task_started_at}, oldest first.

    SQL: ``SELECT ws.object_id, p.title, ws.created_at, t.name, ts.started_at
    FROM wagtailcore_workflowstate ws JOIN wagtailcore_page p ON p.id = CAST(ws.object_id AS int)
    LEFT JOIN wagtailcore_taskstate ts ON ts.id = ws.current_task_state_id
    LEFT JOIN wagtailcore_task t ON t.id = ts.task_id
    WHERE ws.status = 'in_progress' AND ws.base_content_type_id = <Page's content type>
    ORDER BY ws.created_at``.
    """
    now = now or timezone.now()
    page_type = ContentType.objects.get_for_model(Page)
    page = Page.objects.filter(pk=Cast(OuterRef("object_id"), IntegerField()))
    rows = (
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS, base_content_type=page_type
        )
        .annotate(
            title=Subquery(page.values("title")[:1]),
            language=Subquery(page.values("locale__language_code")[:1]),
        )
        .order_by("created_at", "pk")
        .values(
            "object_id",
            "title",
            "language",
            "content_type_id",
            "current_task_state__task__name",
            "current_task_state__started_at",
            "requested_by__username",
            "created_at",
        )
    )
    return [
        {
            "page_id": int(row["object_id"]),
            "title": row["title"],
            "kind": _kind(row["content_type_id"]),
            "language": row["language"],
            "task": row["current_task_state__task__name"] or "",
            "requested_by": row["requested_by__username"] or "",
            "submitted_at": row["created_at"],
            "age_days": _age_days(row["created_at"], now),
            "task_started_at": row["current_task_state__started_at"],
        }
        for row in rows
    ]


def _kind(content_type_id) -> str:
    # ContentType's own cache: no query once the type is known.
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return str(model._meta.verbose_name) if model else ""


def products_in_moderation() -> list[dict]:
    """Always empty: products have no moderation state (see the module docstring)."""
    return []
