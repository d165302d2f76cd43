"""Who may read or change a storefront, its images and its documents.

Four roles against owner1's storefront (``storefront1``): its owner (owner1),
the owner of another shop (owner2), city staff, and an anonymous visitor.
Every request goes through the real Wagtail admin with the Django test client.

Expected outcomes:
  OK      200, and the marker (the page title, unless the row says otherwise) is shown
  DENIED  anonymous: redirect to the admin login; signed in: 403/404, or the
          admin's "permission denied" redirect to the dashboard; the marker is not shown
  HIDDEN  200 (a listing), and the marker is not in it

Denied state-changing requests must leave the database exactly as it was.
"""

import json
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.contrib.messages import constants as message_levels
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import NoReverseMatch, reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, WorkflowState
from wagtail.test.utils.form_data import querydict_from_html

from businesses.models import ApprovalSettings, BusinessDirectoryPage, BusinessPage
from machikado.models import HomePage
from tests import factories

ANON, OWNER1, OWNER2, STAFF = "anonymous", "owner1", "owner2", "staff"
ROLES = (ANON, OWNER1, OWNER2, STAFF)
OK, DENIED, HIDDEN = "ok", "denied", "hidden"

TITLE = "喫茶まちかど"  # storefront1's live title (tests/conftest.py)
DRAFT_MARK = "秋の新メニュー"  # only in storefront1's latest, unpublished revision
DRAFT_TITLE = f"{TITLE} {DRAFT_MARK}"
DRAFT_SUMMARY = "未公開の秋限定メニューのお知らせ"
SECRET = "隠れ家ベーカリー"  # a storefront that was never published (another business)
IMAGE_TITLE = "owner1-cafe-latte-photo"
DOCUMENT_TITLE = "owner1-autumn-menu"


def make_document(title, collection):
    document = get_document_model()(
        title=title, file=ContentFile(b"autumn menu\n", name=f"{title}.txt"), collection=collection
    )
    document.save()
    return document


@pytest.fixture
def world(owner1, owner2, staff, storefront1, storefront2):
    """storefront1 is live with an unpublished draft (new title and summary);
    owner1's business has an image and a document; a second, never-published
    storefront belongs to a business with no members."""
    live_revision = storefront1.live_revision
    storefront1.title = DRAFT_TITLE
    storefront1.summary = DRAFT_SUMMARY
    draft_revision = storefront1.save_revision()
    page = BusinessPage.objects.get(pk=storefront1.pk)
    directory = page.get_parent().specific
    home = directory.get_parent().specific
    secret = factories.make_storefront(SECRET, name_kana="かくれがべーかりー", publish=False)
    english = page.get_translation(factories.directory("en").locale)
    # made last: factories.directory() expects one directory per language
    other_directory = home.add_child(
        instance=BusinessDirectoryPage(title="別の一覧", slug="elsewhere", locale=home.locale)
    )
    collection = page.business.collection
    return SimpleNamespace(
        users={OWNER1: owner1, OWNER2: owner2, STAFF: staff},
        page=page,
        english=english,
        directory=directory,
        other_directory=other_directory,
        home=home,
        secret=secret,
        live_revision=live_revision,
        draft_revision=draft_revision,
        image=factories.make_image(IMAGE_TITLE, collection=collection),
        document=make_document(DOCUMENT_TITLE, collection),
        other_page=storefront2,
    )


def sign_in(client, world, role):
    client.logout()
    if role != ANON:
        client.force_login(world.users[role])
    return client


def url_values(world):
    return {
        "page": world.page.pk,
        "english": world.english.pk,
        "directory": world.directory.pk,
        "other_directory": world.other_directory.pk,
        "home": world.home.pk,
        "secret": world.secret.pk,
        "live_rev": world.live_revision.pk,
        "draft_rev": world.draft_revision.pk,
        "image": world.image.pk,
        "document": world.document.pk,
    }


def text_of(response):
    """The response as text; JSON (modal choosers, APIs) is decoded so that
    non-ASCII titles are not hidden behind \\u escapes."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    body = response.content.decode(errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(json.loads(body), ensure_ascii=False)
    return body


def fetch(client, method, url, data=None, follow=False):
    """One request; with ``follow``, follow redirects that are not a denial
    (the explorer sends each user to the part of the tree they may see)."""
    response = getattr(client, method)(url, data if data is not None else {})
    hops = 0
    while follow and response.status_code == 302 and not _is_denial_redirect(response) and hops < 3:
        response = client.get(response["Location"])
        hops += 1
    return response


def _is_denial_redirect(response):
    location = response["Location"]
    return location.startswith("/admin/login/") or location == "/admin/"


def assert_outcome(response, role, outcome, marker):
    body = "" if response.status_code in (301, 302) else text_of(response)
    context = f"{role}: {response.status_code} {response.get('Location', '')}"
    if outcome == OK:
        assert response.status_code == 200, context
        if marker:
            assert marker in body, f"{context}: {marker!r} missing"
    elif outcome == HIDDEN:
        assert response.status_code == 200, context
        assert marker not in body, f"{context}: {marker!r} leaked"
    else:
        assert_denied(response, role)
        if marker:
            assert marker not in body, f"{context}: {marker!r} leaked"


def assert_denied(response, role):
    context = f"{role}: {response.status_code} {response.get('Location', '')}"
    if role == ANON:
        assert response.status_code == 302, context
        assert response["Location"].startswith("/admin/login/"), context
    elif response.status_code == 302 and response["Location"].split("/")[1] in ("ja", "en"):
        # A 404 outside i18n_patterns: LocaleMiddleware redirects it to the
        # language-prefixed path, where the page-serving view answers 404.
        assert response.client.get(response["Location"]).status_code == 404, context
    elif response.status_code == 302:
        # Wagtail's admin answers PermissionDenied with a redirect to the
        # dashboard and an error message ("Sorry, you do not have permission").
        assert response["Location"] == "/admin/", context
        levels = [m.level for m in get_messages(response.wsgi_request)]
        assert message_levels.ERROR in levels, context
    else:
        assert response.status_code in (403, 404), context


def expect(anonymous=DENIED, owner1=OK, owner2=DENIED, staff=OK):
    return {ANON: anonymous, OWNER1: owner1, OWNER2: owner2, STAFF: staff}


OWN = expect()  # owner1 and staff only
LISTING = expect(owner2=HIDDEN)  # a listing everyone signed in sees, without owner1's item
STAFF_ONLY = expect(owner1=DENIED)


@dataclass
class Read:
    url: str
    roles: dict
    marker: str | None = TITLE
    follow: bool = False


READS = {
    # -- pages: explorer, menu API, search --------------------------------
    "explorer of the directory": Read("/admin/pages/{directory}/", LISTING, follow=True),
    "explorer results": Read("/admin/pages/{directory}/results/", LISTING, follow=True),
    "explorer menu API": Read(
        "/admin/api/main/pages/?child_of={directory}&for_explorer=1", LISTING
    ),
    "admin pages API listing": Read("/admin/api/main/pages/?child_of={directory}", LISTING),
    "admin pages API detail": Read("/admin/api/main/pages/{page}/", OWN),
    "admin pages API find": Read(
        "/admin/api/main/pages/find/?html_path=/shops/{slug}/", OWN, follow=True
    ),
    "admin page search": Read("/admin/pages/search/?q=喫茶", LISTING),
    # -- one page: editor, previews, revisions, history ---------------------
    "edit": Read("/admin/pages/{page}/edit/", OWN, DRAFT_MARK),
    "edit (English version)": Read("/admin/pages/{english}/edit/", OWN),
    "view draft": Read("/admin/pages/{page}/view_draft/", OWN, DRAFT_SUMMARY),
    "revisions index": Read("/admin/pages/{page}/revisions/", OWN, follow=True),
    "revision view": Read("/admin/pages/{page}/revisions/{draft_rev}/view/", OWN, DRAFT_SUMMARY),
    "revisions compare": Read(
        "/admin/pages/{page}/revisions/compare/{live_rev}...{draft_rev}/", OWN, DRAFT_SUMMARY
    ),
    "revisions compare earliest...latest": Read(
        "/admin/pages/{page}/revisions/compare/earliest...latest/", OWN, DRAFT_SUMMARY
    ),
    "revision revert form": Read("/admin/pages/{page}/revisions/{live_rev}/revert/", OWN),
    "history": Read("/admin/pages/{page}/history/", OWN),
    "history results": Read("/admin/pages/{page}/history/results/", OWN, None),
    "workflow history": Read("/admin/pages/{page}/workflow_history/", OWN),
    "usage": Read("/admin/pages/{page}/usage/", OWN),
    # -- structural actions: city staff only ------------------------------
    "copy form": Read("/admin/pages/{page}/copy/", STAFF_ONLY),
    "move form": Read("/admin/pages/{page}/move/", STAFF_ONLY),
    "move confirm form": Read("/admin/pages/{page}/move/{other_directory}/confirm/", STAFF_ONLY),
    "delete form": Read("/admin/pages/{page}/delete/", STAFF_ONLY),
    "unpublish form": Read("/admin/pages/{page}/unpublish/", STAFF_ONLY),
    "privacy form": Read("/admin/pages/{page}/privacy/", STAFF_ONLY, None),
    "edit the directory": Read("/admin/pages/{directory}/edit/", STAFF_ONLY, None),
    "edit the home page": Read("/admin/pages/{home}/edit/", STAFF_ONLY, None),
    "add a storefront": Read(
        "/admin/pages/add/businesses/businesspage/{directory}/", STAFF_ONLY, None
    ),
    "add subpage": Read("/admin/pages/{directory}/add_subpage/", STAFF_ONLY, None, follow=True),
    # -- page chooser -----------------------------------------------------
    "page chooser, owner1's draft title": Read(
        "/admin/choose-page/{directory}/", LISTING, DRAFT_MARK
    ),
    "page chooser search, owner1's draft title": Read(
        "/admin/choose-page/search/?q=喫茶", LISTING, DRAFT_MARK
    ),
    "page chooser, a never-published storefront": Read(
        "/admin/choose-page/{directory}/", expect(owner1=HIDDEN, owner2=HIDDEN), SECRET
    ),
    "page chooser search, a never-published storefront": Read(
        "/admin/choose-page/search/?q=隠れ家ベーカリー",
        expect(owner1=HIDDEN, owner2=HIDDEN),
        SECRET,
    ),
    # -- images -----------------------------------------------------------
    "image index": Read("/admin/images/", LISTING, IMAGE_TITLE),
    "image index results": Read("/admin/images/results/", LISTING, IMAGE_TITLE),
    "image edit form": Read("/admin/images/{image}/", OWN, IMAGE_TITLE),
    # Wagtail counts "delete" as "change" for media: owners delete their own.
    "image delete form": Read("/admin/images/{image}/delete/", OWN, IMAGE_TITLE),
    "image usage": Read("/admin/images/usage/{image}/", OWN, IMAGE_TITLE),
    # no dynamic image serve view is installed, so there is no URL generator
    "image URL generator": Read(
        "/admin/images/{image}/generate_url/", expect(owner1=DENIED, staff=DENIED), IMAGE_TITLE
    ),
    "image admin preview": Read("/admin/images/{image}/preview/original/", OWN, None),
    "image chooser": Read("/admin/images/chooser/", LISTING, IMAGE_TITLE),
    "image chooser results": Read("/admin/images/chooser/results/", LISTING, IMAGE_TITLE),
    "admin images API listing": Read("/admin/api/main/images/", LISTING, IMAGE_TITLE),
    "admin images API detail": Read("/admin/api/main/images/{image}/", OWN, IMAGE_TITLE),
    # -- documents --------------------------------------------------------
    "document index": Read("/admin/documents/", LISTING, DOCUMENT_TITLE),
    "document index results": Read("/admin/documents/results/", LISTING, DOCUMENT_TITLE),
    "document edit form": Read("/admin/documents/edit/{document}/", OWN, DOCUMENT_TITLE),
    "document delete form": Read("/admin/documents/delete/{document}/", OWN, DOCUMENT_TITLE),
    "document usage": Read("/admin/documents/usage/{document}/", OWN, DOCUMENT_TITLE),
    "document chooser": Read("/admin/documents/chooser/", LISTING, DOCUMENT_TITLE),
    "document chooser results": Read("/admin/documents/chooser/results/", LISTING, DOCUMENT_TITLE),
    "admin documents API listing": Read("/admin/api/main/documents/", LISTING, DOCUMENT_TITLE),
    "admin documents API detail": Read(
        "/admin/api/main/documents/{document}/", OWN, DOCUMENT_TITLE
    ),
    # -- reports ----------------------------------------------------------
    "site history report": Read("/admin/reports/site-history/", LISTING),
}


def check_roles(check):
    """Run ``check(role)`` for every role, each with its own client, and report
    every role that failed rather than only the first."""
    failures = []
    for role in ROLES:
        try:
            check(role)
        except AssertionError as error:
            failures.append(f"{role}: {error}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
@pytest.mark.parametrize("name", READS)
def test_read(world, name):
    read = READS[name]
    url = read.url.format(**url_values(world), slug=world.page.slug)

    def check(role):
        client = sign_in(Client(), world, role)
        response = fetch(client, "get", url, follow=read.follow)
        assert_outcome(response, role, read.roles[role], read.marker)

    check_roles(check)


# -- state-changing requests ----------------------------------------------


def edit_form_data(world, **changes):
    """The storefront's edit form as the admin renders it (read as staff,
    who see every field), with some values changed."""
    reader = Client()
    reader.force_login(world.users[STAFF])
    html = reader.get(f"/admin/pages/{world.page.pk}/edit/").content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    data.setdefault("body-count", "0")
    for key, value in changes.items():
        data[key] = value
    return data


def snapshot(world):
    """Everything a request against owner1's storefront or media could change."""
    page = Page.objects.filter(pk=world.page.pk).values(
        "title", "draft_title", "slug", "path", "live", "locked", "live_revision",
        "latest_revision", "has_unpublished_changes",
    ).first()  # fmt: skip
    summary = BusinessPage.objects.filter(pk=world.page.pk).values_list("summary", flat=True)
    image = get_image_model().objects.filter(pk=world.image.pk).values("title", "collection")
    document = (
        get_document_model().objects.filter(pk=world.document.pk).values("title", "collection")
    )
    return {
        "page": page,
        "summary": list(summary),
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "workflow_states": WorkflowState.objects.count(),
        "view_restrictions": world.page.view_restrictions.count(),
        "image": list(image),
        "document": list(document),
    }


def live_page(world):
    return BusinessPage.objects.get(pk=world.page.pk)


@dataclass
class Change:
    url: str
    roles: dict
    data: object = field(default_factory=dict)  # dict, or a function of the world
    done: object = None  # function(world, before) -> None, asserts the change was made
    fresh: object = None  # function(world): a new target for each allowed role (deletions)


def posted_draft(marker):
    def check(world, before):
        page = live_page(world)
        assert page.get_latest_revision_as_object().summary == marker
        assert page.summary == before["summary"][0], "saving a draft must not publish"

    return check


def published(marker):
    def check(world, before):
        assert live_page(world).summary == marker

    return check


def new_image(world):
    world.image = factories.make_image(IMAGE_TITLE, collection=world.page.business.collection)


def new_document(world):
    world.document = make_document(DOCUMENT_TITLE, world.page.business.collection)


CHANGES = {
    "edit: save draft": Change(
        "/admin/pages/{page}/edit/",
        OWN,
        lambda w: edit_form_data(w, summary="下書きを保存しました"),
        posted_draft("下書きを保存しました"),
    ),
    "edit: publish": Change(
        "/admin/pages/{page}/edit/",
        # owner1's request is accepted but only saves a draft: see
        # test_owner_cannot_publish_directly.
        expect(owner1=DENIED),
        lambda w: edit_form_data(w, summary="公開します", **{"action-publish": "action-publish"}),
        published("公開します"),
    ),
    "revision revert": Change(
        "/admin/pages/{page}/revisions/{live_rev}/revert/",
        OWN,
        lambda w: edit_form_data(w, summary="元に戻しました"),
        posted_draft("元に戻しました"),
    ),
    "delete": Change(
        "/admin/pages/{page}/delete/",
        STAFF_ONLY,
        done=lambda w, before: (
            not BusinessPage.objects.filter(pk=w.page.pk).exists() or pytest.fail("not deleted")
        ),
    ),
    "copy": Change(
        "/admin/pages/{page}/copy/",
        STAFF_ONLY,
        lambda w: {
            "new_title": "喫茶まちかど 2号店",
            "new_slug": "kissa-machikado-2",
            "new_parent_page": w.directory.pk,
        },  # fmt: skip
        lambda w, before: BusinessPage.objects.get(slug="kissa-machikado-2"),
    ),
    "move": Change(
        "/admin/pages/{page}/move/{other_directory}/confirm/",
        STAFF_ONLY,
        done=lambda w, before: (
            live_page(w).get_parent().pk == w.other_directory.pk or pytest.fail("not moved")
        ),
    ),
    "unpublish": Change(
        "/admin/pages/{page}/unpublish/",
        STAFF_ONLY,
        done=lambda w, before: not live_page(w).live or pytest.fail("still live"),
    ),
    "lock": Change(
        "/admin/pages/{page}/lock/",
        STAFF_ONLY,
        done=lambda w, before: live_page(w).locked or pytest.fail("not locked"),
    ),
    "privacy": Change(
        "/admin/pages/{page}/privacy/",
        STAFF_ONLY,
        {"restriction_type": "login"},
        lambda w, before: w.page.view_restrictions.get(),
    ),
    "edit the directory": Change(
        "/admin/pages/{directory}/edit/",
        STAFF_ONLY,
        {"title": "乗っ取り", "slug": "shops"},
        lambda w, before: None,  # staff may; the form data here is incomplete
    ),
    "admin API: publish": Change(
        "/admin/api/main/pages/{page}/action/publish/",
        STAFF_ONLY,
        done=lambda w, before: (
            live_page(w).summary == DRAFT_SUMMARY or pytest.fail("not published")
        ),
    ),
    "admin API: unpublish": Change(
        "/admin/api/main/pages/{page}/action/unpublish/",
        STAFF_ONLY,
        done=lambda w, before: not live_page(w).live or pytest.fail("still live"),
    ),
    "admin API: delete": Change(
        "/admin/api/main/pages/{page}/action/delete/",
        STAFF_ONLY,
        done=lambda w, before: (
            not BusinessPage.objects.filter(pk=w.page.pk).exists() or pytest.fail("not deleted")
        ),
    ),
    "admin API: copy": Change(
        "/admin/api/main/pages/{page}/action/copy/",
        STAFF_ONLY,
        lambda w: {"destination_page_id": w.directory.pk, "slug": "kissa-machikado-3"},
        lambda w, before: BusinessPage.objects.get(slug="kissa-machikado-3"),
    ),
    "admin API: move": Change(
        "/admin/api/main/pages/{page}/action/move/",
        STAFF_ONLY,
        lambda w: {"destination_page_id": w.other_directory.pk, "position": "last-child"},
        lambda w, before: (
            live_page(w).get_parent().pk == w.other_directory.pk or pytest.fail("not moved")
        ),
    ),
    "admin API: revert": Change(
        "/admin/api/main/pages/{page}/action/revert_to_page_revision/",
        OWN,
        lambda w: {"revision_id": w.live_revision.pk},
        posted_draft("駅前の小さな喫茶店。"),  # the live summary, as a new draft
    ),
    "image edit": Change(
        "/admin/images/{image}/",
        OWN,
        lambda w: {"title": "renamed-photo", "collection": w.image.collection_id, "tags": ""},
        lambda w, before: get_image_model().objects.get(pk=w.image.pk, title="renamed-photo"),
    ),
    "image delete": Change(
        "/admin/images/{image}/delete/",
        OWN,  # Wagtail counts "delete" as "change" for media
        done=lambda w, before: (
            not get_image_model().objects.filter(pk=w.image.pk).exists()
            or pytest.fail("not deleted")
        ),
        fresh=new_image,
    ),
    "image delete (multiple uploader)": Change(
        "/admin/images/multiple/{image}/delete/",
        OWN,
        done=lambda w, before: (
            not get_image_model().objects.filter(pk=w.image.pk).exists()
            or pytest.fail("not deleted")
        ),
        fresh=new_image,
    ),
    "document edit": Change(
        "/admin/documents/edit/{document}/",
        OWN,
        lambda w: {"title": "renamed-menu", "collection": w.document.collection_id, "tags": ""},
        lambda w, before: get_document_model().objects.get(pk=w.document.pk, title="renamed-menu"),
    ),
    "document delete": Change(
        "/admin/documents/delete/{document}/",
        OWN,
        done=lambda w, before: (
            not get_document_model().objects.filter(pk=w.document.pk).exists()
            or pytest.fail("not deleted")
        ),
        fresh=new_document,
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", CHANGES)
def test_change(world, name):
    change = CHANGES[name]
    data = change.data(world) if callable(change.data) else change.data
    failures = []
    # denied roles first, so each allowed role still finds the thing to change
    for role in sorted(ROLES, key=lambda role: change.roles[role] == OK):
        if change.roles[role] == OK and change.fresh:
            change.fresh(world)
        url = change.url.format(**url_values(world))
        client = sign_in(Client(), world, role)
        before = snapshot(world)
        response = client.post(url, data)
        try:
            if change.roles[role] == OK:
                assert response.status_code in (200, 201, 204, 302), response.status_code
                if change.done:
                    change.done(world, before)
            elif role == OWNER1 and name == "edit: publish":
                after = snapshot(world)["page"]
                assert after["live_revision"] == before["page"]["live_revision"], "published"
            else:
                assert_denied(response, role)
                assert snapshot(world) == before, "a denied request changed the database"
        except AssertionError as error:
            failures.append(f"{role}: {error}")
    assert not failures, "\n".join(failures)


# -- previews ----------------------------------------------------------------


@pytest.mark.django_db
def test_preview_of_the_storefront(world):
    """POST the editor's content to the preview, then GET the rendered preview."""
    data = edit_form_data(world, summary="プレビューだけの文章")
    url = f"/admin/pages/{world.page.pk}/edit/preview/"
    revisions = Revision.objects.count()

    def check(role):
        client = sign_in(Client(), world, role)
        posted = client.post(url, data)
        if OWN[role] == OK:
            assert posted.status_code == 200
            assert json.loads(posted.content) == {"is_valid": True, "is_available": True}
        else:
            assert_denied(posted, role)
        assert_outcome(client.get(url), role, OWN[role], "プレビューだけの文章")

    check_roles(check)
    assert Revision.objects.count() == revisions, "previewing saved a revision"


# -- Classes of recent Wagtail advisories, one explicit test each -------------


@pytest.mark.django_db
def test_advisory_preview_of_another_owners_page(client, world):
    """Another owner can neither push content into, nor read, owner1's preview."""
    data = edit_form_data(world, summary="他人のプレビュー")
    client.force_login(world.users[OWNER2])
    url = f"/admin/pages/{world.page.pk}/edit/preview/"
    assert_denied(client.post(url, data), OWNER2)
    for preview_url in (url, f"{url}?mode=", f"/admin/pages/{world.page.pk}/view_draft/"):
        response = client.get(preview_url)
        assert_denied(response, OWNER2)
    # owner1's own preview session is theirs alone
    owner1 = Client()
    owner1.force_login(world.users[OWNER1])
    assert owner1.post(url, edit_form_data(world, summary="本人のプレビュー")).status_code == 200
    assert "本人のプレビュー" in owner1.get(url).content.decode()
    response = client.get(url)
    assert_denied(response, OWNER2)
    assert "本人のプレビュー" not in text_of(response)


@pytest.mark.django_db
def test_advisory_revision_compare(client, world):
    client.force_login(world.users[OWNER2])
    revisions = [world.live_revision.pk, world.draft_revision.pk]
    for a, b in [(revisions[0], revisions[1]), ("earliest", "latest"), ("live", "latest")]:
        response = client.get(f"/admin/pages/{world.page.pk}/revisions/compare/{a}...{b}/")
        assert_denied(response, OWNER2)
    # a revision of owner2's own page cannot be used to read owner1's either
    own = world.other_page.pk
    for url in (
        f"/admin/pages/{own}/revisions/compare/{revisions[0]}...{revisions[1]}/",
        f"/admin/pages/{own}/revisions/{world.draft_revision.pk}/view/",
        f"/admin/pages/{own}/revisions/{world.draft_revision.pk}/revert/",
    ):
        response = client.get(url, follow=True)
        assert response.status_code == 404, url
        assert DRAFT_SUMMARY not in text_of(response)


@pytest.mark.django_db
def test_advisory_page_history(client, world):
    client.force_login(world.users[OWNER2])
    for url in (
        f"/admin/pages/{world.page.pk}/history/",
        f"/admin/pages/{world.page.pk}/history/results/",
        f"/admin/pages/{world.page.pk}/workflow_history/",
    ):
        assert_denied(client.get(url), OWNER2)
    response = client.get("/admin/reports/site-history/")
    assert response.status_code == 200
    assert TITLE not in text_of(response)


@pytest.mark.django_db
def test_advisory_copy(client, world):
    """Copying is for city staff: owner1 gets no copy form for their own shop,
    and an owner cannot use the copy form to learn other pages' titles."""
    client.force_login(world.users[OWNER1])
    pages_before = Page.objects.count()
    assert_denied(client.get(f"/admin/pages/{world.page.pk}/copy/"), OWNER1)
    response = client.post(
        f"/admin/pages/{world.page.pk}/copy/",
        {"new_title": "x", "new_slug": "x-copy", "new_parent_page": world.secret.get_parent().pk},
    )
    assert_denied(response, OWNER1)
    assert SECRET not in text_of(response)
    assert Page.objects.count() == pages_before


@pytest.mark.django_db
def test_advisory_choosers(client, world):
    """Choosers list only what the user may choose: owner2 sees neither
    owner1's media nor anyone's unpublished storefront or draft title."""
    client.force_login(world.users[OWNER2])
    for url in (
        f"/admin/choose-page/{world.directory.pk}/",
        "/admin/choose-page/search/?q=まちかど",
        "/admin/choose-page/search/?q=ベーカリー",
        "/admin/images/chooser/",
        "/admin/images/chooser/results/?q=owner1",
        "/admin/documents/chooser/",
        "/admin/documents/chooser/results/?q=owner1",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        body = text_of(response)
        for secret in (DRAFT_MARK, SECRET, IMAGE_TITLE, DOCUMENT_TITLE):
            assert secret not in body, f"{url} shows {secret}"
    # the chosen endpoints do not hand over another business's media either
    response = client.get(f"/admin/documents/chooser/chosen/{world.document.pk}/")
    assert response.status_code in (302, 403, 404)


@pytest.mark.django_db
def test_advisory_images_api(client, world):
    """The admin images API is reachable by every signed-in user: it lists
    only media they may use."""
    client.force_login(world.users[OWNER2])
    assert IMAGE_TITLE not in text_of(client.get("/admin/api/main/images/"))
    assert DOCUMENT_TITLE not in text_of(client.get("/admin/api/main/documents/"))
    # (a 404 outside i18n_patterns is first redirected to the /ja/ path)
    for url in (
        f"/admin/api/main/images/{world.image.pk}/",
        f"/admin/api/main/documents/{world.document.pk}/",
    ):
        response = client.get(url, follow=True)
        assert response.status_code == 404, url
        assert IMAGE_TITLE not in text_of(response) and DOCUMENT_TITLE not in text_of(response)
    # owner1 still has their own media there
    client.force_login(world.users[OWNER1])
    assert IMAGE_TITLE in text_of(client.get("/admin/api/main/images/"))
    assert DOCUMENT_TITLE in text_of(client.get("/admin/api/main/documents/"))


# -- the owners' workflow ----------------------------------------------------


@pytest.mark.django_db
def test_owner_cannot_publish_directly(client, world):
    """owner1's "publish" only saves a draft: the city approves publication."""
    client.force_login(world.users[OWNER1])
    before = live_page(world)
    data = edit_form_data(world, summary="勝手に公開", **{"action-publish": "action-publish"})
    response = client.post(f"/admin/pages/{world.page.pk}/edit/", data)
    assert response.status_code == 302
    after = live_page(world)
    assert (after.summary, after.live_revision_id) == (before.summary, before.live_revision_id)
    assert after.get_latest_revision_as_object().summary == "勝手に公開"
    public = client.get(after.url)
    assert "勝手に公開" not in public.content.decode()


@pytest.mark.django_db
def test_owner_submits_for_city_approval(client, world):
    client.force_login(world.users[OWNER1])
    data = edit_form_data(world, summary="審査をお願いします", **{"action-submit": "action-submit"})
    response = client.post(f"/admin/pages/{world.page.pk}/edit/", data)
    assert response.status_code == 302
    page = live_page(world)
    state = page.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.summary != "審査をお願いします"
    # owner2 cannot see or act on that workflow
    task_state = state.current_task_state
    owner2 = Client()
    owner2.force_login(world.users[OWNER2])
    for url in (
        f"/admin/pages/{page.pk}/workflow_history/detail/{state.pk}/",
        f"/admin/pages/workflow/preview/{page.pk}/{task_state.task_id}/",
    ):
        response = owner2.get(url)
        assert_denied(response, OWNER2)
        assert "審査をお願いします" not in text_of(response)
    approve = f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/"
    for user in (OWNER2, OWNER1):
        other = Client()
        other.force_login(world.users[user])
        other.post(approve, {})
        assert live_page(world).summary != "審査をお願いします"
    # the city approves: now it is live
    staff = Client()
    staff.force_login(world.users[STAFF])
    staff.post(approve, {})
    assert live_page(world).summary == "審査をお願いします"


@pytest.mark.django_db
def test_owner_cannot_delete_or_move_an_unpublished_storefront(client, owner1, area):
    """Right after approval a storefront is a draft: Wagtail alone would let a
    page's editor delete a page that is not live."""
    draft = factories.make_storefront(
        "新しいお店", owner=owner1, area=area, name_kana="あたらしいおみせ", publish=False
    )
    client.force_login(owner1)
    for url in (f"/admin/pages/{draft.pk}/delete/", f"/admin/pages/{draft.pk}/move/"):
        assert_denied(client.get(url), OWNER1)
        assert_denied(client.post(url, {}), OWNER1)
    client.post(f"/admin/api/main/pages/{draft.pk}/action/delete/", {})
    assert BusinessPage.objects.filter(pk=draft.pk).exists()


@pytest.mark.django_db
def test_owner_who_may_publish_still_cannot_delete(client, world):
    """When the city lets owners publish their edits, owners get Wagtail's
    publish permission, which alone would also let them delete the page."""
    settings = ApprovalSettings.load()
    settings.owner_edits_need_approval = False
    settings.save()
    client.force_login(world.users[OWNER1])
    assert world.page.permissions_for_user(world.users[OWNER1]).can_publish()
    before = snapshot(world)
    for url in (f"/admin/pages/{world.page.pk}/delete/", f"/admin/pages/{world.page.pk}/copy/"):
        assert_denied(client.post(url, {}), OWNER1)
    client.post(f"/admin/api/main/pages/{world.page.pk}/action/delete/", {})
    assert snapshot(world) == before


# -- the owners' admin -------------------------------------------------------


def sidebar_menu(html):
    """Names and URLs of the menu items (and sub-items) in Wagtail's sidebar props."""
    start = html.index('id="wagtail-sidebar-props"')
    start = html.index(">", start) + 1
    props = json.loads(html[start : html.index("</script>", start)])
    names = set()

    def walk(node):
        if isinstance(node, dict):
            if node.get("_type", "").startswith("wagtail.sidebar.") and node.get("_args"):
                first = node["_args"][0]
                if isinstance(first, dict) and isinstance(first.get("name"), str):
                    names.add(first["name"])
                if isinstance(first, dict) and isinstance(first.get("url"), str):
                    names.add(first["url"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(props)
    return names


@pytest.mark.django_db
def test_owner_admin_menu_is_simple(client, world):
    client.force_login(world.users[OWNER1])
    menu = sidebar_menu(client.get("/admin/").content.decode())
    assert {"explorer", "/admin/images/", "/admin/documents/"} <= menu
    assert not {"settings", "snippets", "users", "groups", "locked-pages"} & menu, sorted(menu)
    for prefix in ("/admin/settings/", "/admin/snippets/", "/admin/users/", "/admin/groups/",
                   "/admin/sites/", "/admin/collections/", "/admin/locales/", "/admin/redirects/",
                   "/admin/workflows/", "/admin/business_applications/",
                   "/admin/business_members/", "/admin/forms/"):  # fmt: skip
        assert not [item for item in menu if item.startswith(prefix)], f"{prefix} in {menu}"
    client.force_login(world.users[STAFF])
    staff_menu = sidebar_menu(client.get("/admin/").content.decode())
    assert {"explorer", "snippets", "settings", "/admin/business_applications/"} <= staff_menu


@pytest.mark.django_db
def test_owner_explorer_starts_at_their_storefront(client, world):
    client.force_login(world.users[OWNER1])
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{world.page.pk}/"
    assert DRAFT_TITLE in client.get(response["Location"]).content.decode()
    html = client.get("/admin/").content.decode()
    start = html.index('id="wagtail-sidebar-props"')
    assert f'"url": "/admin/pages/"}}, {world.page.pk}]' in html[start:]
    # staff still start at the root of the tree
    client.force_login(world.users[STAFF])
    assert client.get("/admin/pages/").status_code == 200


# -- files ---------------------------------------------------------------------


def test_no_dynamic_image_serve_view():
    """Images reach the public only as rendition files; there is no
    /images/<signature>/ view that would render any image on request."""
    with pytest.raises(NoReverseMatch):
        reverse("wagtailimages_serve", args=("sig", 1, "original"))


@pytest.mark.django_db
def test_documents_of_a_live_storefront_download_for_everyone(client, world):
    url = reverse("wagtaildocs_serve", args=(world.document.pk, world.document.filename))
    for role in ROLES:
        sign_in(client, world, role)
        response = client.get(url)
        assert response.status_code == 200, role
        assert text_of(response) == "autumn menu\n"


@pytest.mark.django_db
def test_documents_of_an_unpublished_business_stay_private(client, world):
    """Like its images in the API, a business's documents are public only once
    its storefront is live; its members and city staff can still open them."""
    draft = world.secret
    member = factories.make_user("secret-owner")
    from businesses.services.owner_access import add_member

    add_member(draft.business, member)
    document = make_document("secret-price-list", draft.business.collection)
    url = reverse("wagtaildocs_serve", args=(document.pk, document.filename))
    # (a 404 outside i18n_patterns is first redirected to /ja/documents/...)
    for user in (None, world.users[OWNER1], world.users[OWNER2]):
        client.logout()
        if user:
            client.force_login(user)
        response = client.get(url, follow=True)
        assert response.status_code == 404
        assert "price" not in text_of(response)
    for user in (member, world.users[STAFF]):
        client.force_login(user)
        assert client.get(url).status_code == 200
    # a wrong filename never serves
    assert client.get(f"/documents/{document.pk}/other.txt", follow=True).status_code == 404


@pytest.mark.django_db
def test_home_and_directory_unchanged_by_owner_posts(client, world):
    client.force_login(world.users[OWNER1])
    home_before = HomePage.objects.values().get(pk=world.home.pk)
    directory_before = BusinessDirectoryPage.objects.values().get(pk=world.directory.pk)
    for page in (world.home, world.directory):
        response = client.post(f"/admin/pages/{page.pk}/edit/", {"title": "乗っ取り", "slug": "x"})
        assert_denied(response, OWNER1)
    assert HomePage.objects.values().get(pk=world.home.pk) == home_before
    assert BusinessDirectoryPage.objects.values().get(pk=world.directory.pk) == directory_before
