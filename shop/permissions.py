"""Who may manage a shop's products and settings.

Owners hold no Django model permission on shop models: membership of a
business decides, and only for that business's rows. City staff act through
the model permissions of their group (``machikado.setup``) on every row.
Registered for the shop models in ``shop/wagtail_hooks.py``, so Wagtail's
admin views, menus and choosers all ask the same policy.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from businesses.models.business import businesses_of

ALL_ACTIONS = frozenset({"add", "change", "delete", "view"})
_CACHE = "_shop_business_ids"


def member_business_ids(user) -> frozenset[int]:
    """Ids of the businesses the user belongs to, cached on the user object
    (one query per request)."""
    if not (user.is_authenticated and user.is_active):
        return frozenset()
    ids = getattr(user, _CACHE, None)
    if ids is None:
        ids = frozenset(businesses_of(user).values_list("pk", flat=True))
        setattr(user, _CACHE, ids)
    return ids


class BusinessMemberPermissionPolicy(ModelPermissionPolicy):
    """Model permissions for city staff (every instance); for a member of a
    business, ``member_actions`` on the instances of their own businesses.

    ``business_field`` names the model's foreign key to ``Business``.
    """

    def __init__(self, model, *, member_actions=ALL_ACTIONS, business_field="business"):
        super().__init__(model)
        self.member_actions = frozenset(member_actions)
        self.business_field = business_field

    # -- helpers ---------------------------------------------------------------

    def _member_actions_among(self, actions) -> bool:
        return bool(self.member_actions.intersection(actions))

    def _is_member(self, user, actions) -> bool:
        return self._member_actions_among(actions) and bool(member_business_ids(user))

    def _business_id(self, instance):
        return getattr(instance, f"{self.business_field}_id")

    def _staff_may(self, user, actions) -> bool:
        return any(user.has_perm(self._get_permission_name(action)) for action in actions)

    def business_ids_for(self, user, actions=("change",)):
        """The businesses whose instances the user may act on: None means all."""
        if self._staff_may(user, actions):
            return None
        if self._member_actions_among(actions):
            return member_business_ids(user)
        return frozenset()

    # -- model-wide ------------------------------------------------------------

    def user_has_permission(self, user, action):
        return self.user_has_any_permission(user, [action])

    def user_has_any_permission(self, user, actions):
        return self._staff_may(user, actions) or self._is_member(user, actions)

    def users_with_any_permission(self, actions):
        staff = super().users_with_any_permission(actions)
        if not self._member_actions_among(actions):
            return staff
        return (
            get_user_model()
            .objects.filter(
                Q(pk__in=staff.values("pk")) | Q(is_active=True, groups__business__isnull=False)
            )
            .distinct()
        )

    # -- per instance ----------------------------------------------------------

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if self._staff_may(user, actions):
            return True
        return self._member_actions_among(actions) and self._business_id(
            instance
        ) in member_business_ids(user)

    def instances_user_has_any_permission_for(self, user, actions):
        ids = self.business_ids_for(user, actions)
        manager = self.model._default_manager
        if ids is None:
            return manager.all()
        return manager.filter(**{f"{self.business_field}_id__in": ids})

    def users_with_any_permission_for_instance(self, actions, instance):
        staff = super().users_with_any_permission(actions)
        if not self._member_actions_among(actions):
            return staff
        return (
            get_user_model()
            .objects.filter(
                Q(pk__in=staff.values("pk"))
                | Q(is_active=True, groups__business__pk=self._business_id(instance))
            )
            .distinct()
        )


def product_policy():
    from wagtail.permissions import policy_registry

    from .models import Product

    return policy_registry.get_by_type(Product)


def shop_settings_policy():
    from wagtail.permissions import policy_registry

    from .models import ShopProfile

    return policy_registry.get_by_type(ShopProfile)


def may_manage_shop(user, business) -> bool:
    """Whether the user may edit this business's shop settings (its members
    and city staff); the profile may not exist yet."""
    ids = shop_settings_policy().business_ids_for(user, ["change"])
    return ids is None or business.pk in ids
