"""Where Wagtail's own permissions are not enough for storefronts and their media.

Owners hold Wagtail's "change" permission on their storefront (and "publish"
when the city allows it). Two consequences of Wagtail's rules do not fit:
a page's editor may delete (and so move) it while it is not live, or whenever
they may publish it, and may open the copy form; and an owner's explorer would
start at the tree root, because the language versions of a storefront meet
only there (each language has its own home page).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.http import Http404
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Locale, Page, PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry


class StorefrontPermissionTester(PagePermissionTester):
    """Storefronts are created by the city when it approves an application, so
    only those who may create one (city staff) delete, move or copy one."""

    def _may_create_storefronts(self):
        return self.user.is_active and (self.user.is_superuser or "add" in self.permissions)

    def can_delete(self, ignore_bulk=False):
        # can_move() is can_delete(ignore_bulk=True)
        return self._may_create_storefronts() and super().can_delete(ignore_bulk)

    def can_copy(self):
        return self._may_create_storefronts() and super().can_copy()


class MachikadoPagePermissionPolicy(PagePermissionPolicy):
    def explorable_root_instance(self, user):
        """Wagtail's closest common ancestor of the pages the user may edit,
        taken within the default language's tree when those pages span the
        language trees: an owner's explorer then starts at their storefront."""
        cache_name = self._explorable_root_instance_cache_name
        if hasattr(user, cache_name):
            return getattr(user, cache_name)
        root = super().explorable_root_instance(user)
        if root is not None and root.is_root():
            pages = list(self.instances_with_direct_explore_permission(user))
            default_locale = Locale.get_default()
            in_default = [page for page in pages if page.locale_id == default_locale.pk]
            if in_default and all(page.depth > 1 for page in pages):
                root = Page.objects.first_common_ancestor_of(
                    in_default, include_self=True, strict=True
                )
            setattr(user, cache_name, root)
        return root


# -- admin hooks (registered from BusinessesConfig.ready) ----------------------


def register():
    """Install the page permission policy and the hooks below."""
    from wagtail.models import AbstractPage
    from wagtail.permissions import register_permission_policy

    register_permission_policy(AbstractPage, MachikadoPagePermissionPolicy("wagtailcore.Page"))
    hooks.register("before_move_page", check_move_permission)
    hooks.register("construct_page_chooser_queryset", chooser_hides_unpublished_titles)
    hooks.register("construct_admin_api", admin_api_lists_permitted_media, order=100)
    hooks.register("before_serve_document", unpublished_business_documents_stay_private)


def check_move_permission(request, page, destination):
    """Wagtail's move confirmation page checks nothing before it shows the
    page's latest (draft) title; only the move itself is checked."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


def chooser_hides_unpublished_titles(pages, request):
    """The page chooser lists every page to every editor, with its latest
    draft title. Besides the pages they may edit, editors see only live pages
    whose title has no unpublished change."""
    explorable = policy_registry.get_by_type(Page).explorable_instances(request.user)
    shown = Page.objects.filter(
        Q(pk__in=explorable.values("pk")) | Q(live=True, draft_title=F("title"))
    )
    # the chooser's search can filter only on indexed fields, such as path
    return pages.filter(path__in=shown.values("path"))


def _permitted(model, view):
    allowed = policy_registry.get_by_type(model).instances_user_has_any_permission_for(
        view.request.user, ["choose", "change"]
    )
    return view.get_unfiltered_queryset().filter(pk__in=allowed.values("pk"))


class PermittedImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    """The admin API's images endpoint lists every image to anyone with admin
    access; only those the user may choose or edit are listed here."""

    def get_unfiltered_queryset(self):
        return super().get_queryset()

    def get_queryset(self):
        return _permitted(get_image_model(), self)


class PermittedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    def get_unfiltered_queryset(self):
        return super().get_queryset()

    def get_queryset(self):
        return _permitted(get_document_model(), self)


def admin_api_lists_permitted_media(router):
    router.register_endpoint("images", PermittedImagesAdminAPIViewSet)
    router.register_endpoint("documents", PermittedDocumentsAdminAPIViewSet)


def unpublished_business_documents_stay_private(document, request):
    """Like its images in the public API, a business's documents are public
    once its storefront is live; before that only its members and the city
    (whoever may choose or edit the document) can download them."""
    from .models import Business

    business = Business.objects.filter(collection_id=document.collection_id).first()
    if business is None or business.pages.filter(live=True).exists():
        return None
    if policy_registry.get_by_type(get_document_model()).user_has_any_permission_for_instance(
        request.user, ["choose", "change"], document
    ):
        return None
    raise Http404
