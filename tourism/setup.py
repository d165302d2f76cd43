"""The tourism editors' group: the tourism section in every language, its
pictures, the area list and translations; nothing of the businesses."""

from django.contrib.auth.models import Group, Permission

TOURISM_EDITORS_GROUP = "Tourism editors"
TOURISM_COLLECTION = "Tourism"
TOURISM_EDITOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("tourism", "add_area"),
    ("tourism", "change_area"),
    ("wagtail_localize", "submit_translation"),
]
TOURISM_PAGE_PERMISSIONS = ["add", "change", "publish", "lock", "unlock"]


def ensure_tourism_editors():
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

    from machikado.setup import page_permission
    from tourism.models import TourismHomePage

    group, _ = Group.objects.get_or_create(name=TOURISM_EDITORS_GROUP)
    for app_label, codename in TOURISM_EDITOR_PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    for section in TourismHomePage.objects.all():  # one per language
        for kind in TOURISM_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group, page=section, permission=page_permission(kind)
            )
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=TOURISM_COLLECTION).first()
    collection = collection or root.add_child(name=TOURISM_COLLECTION)
    for perm in Permission.objects.filter(
        content_type__app_label__in=["wagtailimages", "wagtaildocs"],
        codename__regex=r"^(add|change|delete|choose)_(image|document)$",
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=perm
        )
    return group
