"""The owner's journey through the real Wagtail admin: approved application →
owner edits the draft storefront → submits it to the city's workflow → city
staff approve or reject → published; then the city's policy for later edits.
"""

from types import SimpleNamespace
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import GroupPagePermission, WorkflowState
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)
from wagtail.users.models import UserProfile

from businesses.models import ApprovalSettings, BusinessApplication, BusinessPage
from businesses.services.review_application import approve_application
from tests.factories import application_data, pending_application

pytestmark = pytest.mark.django_db


def settings_url():
    # Not a fixed pk: on PostgreSQL, sequences keep counting across rolled-back tests.
    return f"/admin/settings/businesses/approvalsettings/{ApprovalSettings.load().pk}/"


# -- helpers ---------------------------------------------------------------------


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def edit_form_data(client, page, body=None, **changes):
    """The storefront's edit form as the admin renders it for this user,
    with some fields changed: what a browser would post."""
    response = client.get(edit_url(page))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for key in [key for key in data if "__prefix__" in key]:
        del data[key]  # the empty templates inline panels clone in the browser
    for key, values in list(data.lists()):
        # Browsers drop the newline Django writes after <textarea>.
        data.setlist(key, [v[1:] if v.startswith("\n") else v for v in values])
    # The StreamField editor builds its inputs in the browser.
    assert body is not None or not page.specific.body, "pass the body of a page that has one"
    data.update(nested_form_data({"body": streamfield(body or [])}))
    for key, value in changes.items():
        data[key] = value
    return data


def post_edit(client, page, action=None, body=None, **changes):
    data = edit_form_data(client, page, body=body, **changes)
    if action:
        data[f"action-{action}"] = "1"
    return client.post(edit_url(page), data)


def workflow_action_url(page, action):
    task_state = page.current_workflow_task_state
    return f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/"


def fresh(page):
    return BusinessPage.objects.get(pk=page.pk)


def live_summary(page):
    """The summary the public sees."""
    page = fresh(page)
    return page.live_revision.as_object().summary if page.live else None


def set_policy(client, staff, *, edits_need_approval):
    """City staff change the approval policy in the admin's settings."""
    client.force_login(staff)
    assert client.get(settings_url()).status_code == 200
    data = {"owner_edits_need_approval": "on"} if edits_need_approval else {}
    response = client.post(settings_url(), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ApprovalSettings.load().owner_edits_need_approval is edits_need_approval
    client.logout()


def owner_may_publish(business, page):
    return GroupPagePermission.objects.filter(
        group=business.group, page=page, permission__codename="publish_page"
    ).exists()


def prefer(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def approved(area, staff):
    """An application approved by the city: business, owner and draft storefronts."""
    application = pending_application()
    business = approve_application(application, staff)
    pages = BusinessPage.objects.filter(business=business)
    return SimpleNamespace(
        business=business,
        owner=business.members.get(),
        ja=pages.get(locale__language_code="ja"),
        en=pages.get(locale__language_code="en"),
    )


@pytest.fixture
def published(approved, client, staff, django_capture_on_commit_callbacks):
    """The storefront after its first publication, through the workflow."""
    client.force_login(approved.owner)
    post_edit(client, approved.ja, "submit", summary="最初の紹介文")
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(workflow_action_url(fresh(approved.ja), "approve"), {"comment": ""})
    client.logout()
    assert fresh(approved.ja).live
    mail.outbox.clear()
    return approved


# -- the whole journey -------------------------------------------------------------


def test_from_application_to_published_storefront(
    client, area, staff, django_capture_on_commit_callbacks
):
    # 1. The shop applies in English.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/apply/", application_data())
    assert response.status_code == 302
    application = BusinessApplication.objects.get()

    # 2. City staff approve it in the admin.
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/business_applications/{application.pk}/approve/")
    assert response.status_code == 302
    client.logout()
    application.refresh_from_db()
    business = application.business
    owner = business.members.get()
    storefront = BusinessPage.objects.get(business=business, locale__language_code="ja")
    assert not storefront.live

    # 3. The owner follows the invitation, sets a password and signs in.
    invitation = mail.outbox[-1]
    assert invitation.to == [owner.email]
    link = next(word for word in invitation.body.split() if "/password_reset/confirm/" in word)
    response = client.get(urlparse(link).path)
    set_password = response["Location"]
    response = client.post(
        set_password, {"new_password1": "yuzu-miso-ramen-7", "new_password2": "yuzu-miso-ramen-7"}
    )
    assert response.status_code == 302
    response = client.post(
        "/admin/login/", {"username": owner.username, "password": "yuzu-miso-ramen-7"}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200

    # 4. They fill in the storefront and submit it for approval.
    body = [("paragraph", rich_text("<p>明治創業。季節の酒を蔵で試飲できます。</p>"))]
    with django_capture_on_commit_callbacks(execute=True):
        response = post_edit(
            client, storefront, "submit", body=body,
            summary="明治創業の酒蔵。試飲できます。", latitude="36.2581", longitude="139.0751",
        )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    storefront = fresh(storefront)
    state = storefront.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "City approval"
    assert state.requested_by == owner
    assert not storefront.live
    draft = storefront.get_latest_revision_as_object()
    assert draft.summary == "明治創業の酒蔵。試飲できます。"
    assert "季節の酒" in str(draft.body)
    # Nobody outside sees the draft.
    client.logout()
    assert client.get("/ja/shops/").content.decode().count("明治創業の酒蔵") == 0

    # City staff hear of it (they review with a workflow task).
    assert any(m.to == [staff.email] and "藤岡酒造" in m.subject for m in mail.outbox)

    # 5. City staff approve it: it goes live and the owner is told.
    mail.outbox.clear()
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(workflow_action_url(storefront, "approve"), {"comment": "ようこそ"})
    assert response.status_code == 302
    storefront = fresh(storefront)
    assert storefront.live
    assert storefront.current_workflow_state is None
    assert live_summary(storefront) == "明治創業の酒蔵。試飲できます。"
    approvals = [m for m in mail.outbox if m.to == [owner.email]]
    assert len(approvals) == 1, [m.subject for m in mail.outbox]
    # The owner applied in English, so Wagtail writes to them in English.
    assert approvals[0].subject == 'The page "藤岡酒造" has been approved in "City approval".'

    client.logout()
    response = client.get(storefront.get_url())
    assert response.status_code == 200
    assert "季節の酒を蔵で試飲できます" in response.content.decode()


def test_owner_cannot_publish_a_draft_themselves(client, approved):
    client.force_login(approved.owner)
    form = client.get(edit_url(approved.ja)).content.decode()
    assert 'name="action-submit"' in form
    assert 'name="action-publish"' not in form

    response = post_edit(client, approved.ja, "publish", summary="勝手に公開")
    assert response.status_code == 302  # saved as a draft instead
    page = fresh(approved.ja)
    assert not page.live
    assert page.get_latest_revision_as_object().summary == "勝手に公開"
    assert page.current_workflow_state is None

    # Nor through the explorer's bulk publish action.
    client.post(f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}&next=/admin/", {})
    assert not fresh(page).live


def test_owner_cannot_edit_while_the_city_reviews(client, approved):
    client.force_login(approved.owner)
    post_edit(client, approved.ja, "submit", summary="審査中の紹介文")
    response = post_edit(client, approved.ja, summary="こっそり変更")
    assert response.status_code == 200  # the form comes back: the page is locked
    assert fresh(approved.ja).get_latest_revision_as_object().summary == "審査中の紹介文"


def test_owner_cannot_edit_someone_elses_storefront(client, approved, storefront2):
    client.force_login(approved.owner)
    response = client.get(edit_url(storefront2))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    data = edit_form_data(client, approved.ja)  # a valid form, aimed at the other page
    client.post(edit_url(storefront2), data)
    assert fresh(storefront2).get_latest_revision_as_object().title == storefront2.title


def test_rejection_with_comment_tells_the_owner(
    client, approved, staff, django_capture_on_commit_callbacks
):
    prefer(approved.owner, "ja")
    client.force_login(approved.owner)
    post_edit(client, approved.ja, "submit", summary="写真はあとで")
    mail.outbox.clear()

    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            workflow_action_url(fresh(approved.ja), "reject"),
            {"comment": "営業時間を入れてください。"},
        )
    assert response.status_code == 302
    page = fresh(approved.ja)
    assert not page.live
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    rejections = [m for m in mail.outbox if m.to == [approved.owner.email]]
    assert len(rejections) == 1
    assert "営業時間を入れてください。" in rejections[0].body
    # Wagtail's own words, in the owner's language (Japanese).
    with translation.override("ja"):
        edit_here = gettext("You can edit the page here:")
    assert edit_here != "You can edit the page here:"
    assert f"{edit_here} http://127.0.0.1:8000{edit_url(page)}" in rejections[0].body

    # The owner fixes it and submits again.
    client.force_login(approved.owner)
    response = post_edit(client, page, "submit", hours_note="月曜定休")
    assert response.status_code == 302
    assert fresh(page).current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_later_edits_need_approval_while_the_policy_says_so(
    client, published, staff, django_capture_on_commit_callbacks
):
    assert ApprovalSettings.load().owner_edits_need_approval
    assert not owner_may_publish(published.business, published.ja)
    client.force_login(published.owner)
    assert 'name="action-publish"' not in client.get(edit_url(published.ja)).content.decode()

    post_edit(client, published.ja, "publish", summary="新しい紹介文")
    assert live_summary(published.ja) == "最初の紹介文"

    post_edit(client, published.ja, "submit", summary="新しい紹介文")
    assert fresh(published.ja).current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert live_summary(published.ja) == "最初の紹介文"
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(workflow_action_url(fresh(published.ja), "approve"), {"comment": ""})
    assert live_summary(published.ja) == "新しい紹介文"
    # Staff heard of the submission, the owner of the approval.
    assert {tuple(m.to) for m in mail.outbox} == {(staff.email,), (published.owner.email,)}


def test_policy_off_lets_owners_publish_edits_but_not_first_publications(
    client, published, staff, django_capture_on_commit_callbacks
):
    set_policy(client, staff, edits_need_approval=False)
    # Saving the setting re-synced the group's page permissions.
    assert owner_may_publish(published.business, published.ja)
    assert not owner_may_publish(published.business, published.en)  # never published

    client.force_login(published.owner)
    assert 'name="action-publish"' in client.get(edit_url(published.ja)).content.decode()
    response = post_edit(client, published.ja, "publish", summary="自分で公開した紹介文")
    assert response.status_code == 302
    assert live_summary(published.ja) == "自分で公開した紹介文"
    assert fresh(published.ja).current_workflow_state is None

    # The English version has never been published: that still needs the city.
    assert 'name="action-publish"' not in client.get(edit_url(published.en)).content.decode()
    post_edit(
        client, published.en, "publish", title="Fujioka Brewery", summary="A Meiji-era brewery."
    )
    assert not fresh(published.en).live
    post_edit(
        client, published.en, "submit", title="Fujioka Brewery", summary="A Meiji-era brewery."
    )
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(workflow_action_url(fresh(published.en), "approve"), {"comment": ""})
    assert fresh(published.en).live
    # Once published, the policy lets the owner publish its edits too.
    assert owner_may_publish(published.business, published.en)
    client.force_login(published.owner)
    post_edit(client, published.en, "publish", summary="Sake tasting every day.")
    assert live_summary(published.en) == "Sake tasting every day."

    # The city turns approval back on: the owner's publishing right goes at once.
    set_policy(client, staff, edits_need_approval=True)
    assert not owner_may_publish(published.business, published.ja)
    assert not owner_may_publish(published.business, published.en)
    client.force_login(published.owner)
    post_edit(client, published.ja, "publish", summary="また勝手に")
    assert live_summary(published.ja) == "自分で公開した紹介文"


def test_owners_cannot_change_the_policy(client, published):
    client.force_login(published.owner)
    response = client.post(settings_url(), {})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert ApprovalSettings.load().owner_edits_need_approval
    assert not owner_may_publish(published.business, published.ja)
