"""An owner edits their storefront in the Wagtail admin and submits it to the
city's approval workflow; city staff approve it from the dashboard; the
public page then shows the edit."""

from wagtail.models import WorkflowState
from wagtail.users.models import UserProfile

from machikado.setup import APPROVAL_WORKFLOW
from tests import factories

NEW_SUMMARY = "駅前の小さな喫茶店。自家焙煎のコーヒーと手作りケーキ。"


def admin_in_english(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()


def log_in(page, user):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(factories.PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    assert "/admin/login/" not in page.url, "login failed"


def test_owner_submits_edit_and_staff_approves(new_page, owner1, staff, storefront1):
    admin_in_english(owner1)
    admin_in_english(staff)
    old_summary = storefront1.summary

    # The owner edits the summary and submits it for approval.
    owner = new_page(locale="en-US")
    log_in(owner, owner1)
    owner.goto(f"/admin/pages/{storefront1.pk}/edit/")
    summary = owner.locator("#id_summary")
    assert summary.input_value() == old_summary
    summary.fill(NEW_SUMMARY)
    owner.get_by_role("button", name="More actions").click()
    submit = owner.get_by_role("button", name=f"Submit to {APPROVAL_WORKFLOW}")
    with owner.expect_navigation():
        submit.click()
    assert owner.locator(".messages .success").count() == 1, owner.locator(".messages").inner_text()

    state = WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(storefront1.pk)
    )
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == APPROVAL_WORKFLOW
    assert state.requested_by == owner1

    # Nothing is public before the city has approved.
    visitor = new_page()
    visitor.goto(storefront1.url)
    assert visitor.locator(".lead").first.inner_text() == old_summary

    # City staff find it on their dashboard and approve it.
    reviewer = new_page(locale="en-US")
    log_in(reviewer, staff)
    reviewer.goto("/admin/")
    panel = reviewer.get_by_role("region", name="Awaiting your review")
    row = panel.locator("tbody tr", has_text=storefront1.title)
    assert row.count() == 1
    row.get_by_role("button", name="Actions").click()
    with reviewer.expect_navigation():
        row.get_by_role("button", name="Approve", exact=True).click()

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    storefront1.refresh_from_db()
    assert storefront1.summary == NEW_SUMMARY
    assert storefront1.live and not storefront1.has_unpublished_changes

    visitor.goto(storefront1.url)
    assert visitor.locator(".lead").first.inner_text() == NEW_SUMMARY
