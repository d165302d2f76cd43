"""Who may edit a business: its group, collection and page permissions.

Everything goes through Wagtail's permission system, so the explorer, the
editor, previews, revisions, choosers and the API all apply the same rules.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from machikado.setup import businesses_collection, page_permission

from ..models import ApprovalSettings, Business, BusinessPage

OWNER_MODEL_PERMISSIONS = [("wagtailadmin", "access_admin")]
OWNER_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def create_business(name: str, name_kana: str = "") -> Business:
    """A business with its own members group and its own media collection."""
    group = Group.objects.create(name=_unique_group_name(name))
    group.permissions.add(*(_permission(app, code) for app, code in OWNER_MODEL_PERMISSIONS))
    collection = businesses_collection().add_child(instance=Collection(name=name[:255]))
    for app, code in OWNER_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.create(
            group=group, collection=collection, permission=_permission(app, code)
        )
    return Business.objects.create(
        name=name, name_kana=name_kana, group=group, collection=collection
    )


def _unique_group_name(name: str) -> str:
    base = f"Business: {name}"[:140]
    candidate, n = base, 2
    while Group.objects.filter(name=candidate).exists():
        candidate, n = f"{base} ({n})", n + 1
    return candidate


def sync_storefront_permissions(business: Business, policy: ApprovalSettings | None = None) -> None:
    """Members edit every language version of their storefront and submit it for
    approval; they publish it themselves only where the city's policy allows
    it, and never a page's first publication."""
    policy = policy or ApprovalSettings.load()
    change, publish = page_permission("change"), page_permission("publish")
    for page in BusinessPage.objects.filter(business=business):
        GroupPagePermission.objects.get_or_create(
            group=business.group, page=page, permission=change
        )
        may_publish = not policy.owner_edits_need_approval and page.first_published_at is not None
        if may_publish:
            GroupPagePermission.objects.get_or_create(
                group=business.group, page=page, permission=publish
            )
        else:
            GroupPagePermission.objects.filter(
                group=business.group, page=page, permission=publish
            ).delete()


def sync_all_publish_permissions(policy: ApprovalSettings | None = None) -> None:
    policy = policy or ApprovalSettings.load()
    for business in Business.objects.all():
        sync_storefront_permissions(business, policy)


def add_member(business: Business, user) -> None:
    user.groups.add(business.group)


def remove_member(business: Business, user) -> None:
    user.groups.remove(business.group)
