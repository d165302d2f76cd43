"""The tourism editors' group edits the tourism section in every language and
nothing of the businesses; owners cannot touch tourism pages."""

import pytest
from django.contrib.auth.models import Group
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.permissions import policy_registry

from tests.factories import make_user
from tests.tourism.factories import listing, make_attraction
from tourism.setup import TOURISM_COLLECTION, TOURISM_EDITORS_GROUP


@pytest.fixture
def editor(db):
    user = make_user("tourism-editor")
    user.groups.add(Group.objects.get(name=TOURISM_EDITORS_GROUP))
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ja", "en", "ko"])
def test_editor_adds_and_publishes_attractions_in_every_language(client, editor, language):
    client.force_login(editor)
    parent = listing("attractions", language)

    response = client.get(f"/admin/pages/add/tourism/attractionpage/{parent.pk}/")

    assert response.status_code == 200
    assert parent.permissions_for_user(editor).can_publish_subpage()


@pytest.mark.django_db
def test_editor_edits_attractions_but_not_storefronts(client, editor, storefront1):
    attraction = make_attraction("桜山寺")
    client.force_login(editor)

    assert client.get(f"/admin/pages/{attraction.pk}/edit/").status_code == 200
    assert attraction.permissions_for_user(editor).can_publish()
    refused = client.get(f"/admin/pages/{storefront1.pk}/edit/")
    assert refused.status_code == 302  # Wagtail's "no permission" redirect
    assert not storefront1.permissions_for_user(editor).can_edit()


@pytest.mark.django_db
def test_owner_cannot_edit_tourism_pages(client, owner1, storefront1):
    attraction = make_attraction("桜山寺")
    client.force_login(owner1)

    assert client.get(f"/admin/pages/{attraction.pk}/edit/").status_code == 302
    assert not attraction.permissions_for_user(owner1).can_edit()
    assert not listing("attractions").permissions_for_user(owner1).can_add_subpage()


@pytest.mark.django_db
def test_editor_uploads_to_the_tourism_collection_only(editor):
    permission_policy = policy_registry.get_by_type(get_image_model())
    tourism = Collection.objects.get(name=TOURISM_COLLECTION)
    collections = permission_policy.collections_user_has_permission_for(editor, "add")

    assert list(collections) == [tourism]
