from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection


class Business(models.Model):
    """A verified business and the people who may edit it.

    Access runs through Wagtail's own permission system: the business has a
    group (its members) that holds page permissions on its storefront and
    collection permissions on its own image and document collection.
    """

    name = models.CharField(_("business name"), max_length=150)
    name_kana = models.CharField(_("business name (kana)"), max_length=150, blank=True)
    group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="business", verbose_name=_("members group")
    )
    collection = models.OneToOneField(
        Collection, on_delete=models.PROTECT, related_name="business", verbose_name=_("collection")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("business")
        verbose_name_plural = _("businesses")
        ordering = ["name_kana", "name"]

    def __str__(self):
        return self.name

    @property
    def members(self):
        return self.group.user_set.all()

    def has_member(self, user) -> bool:
        return user.is_authenticated and self.group.user_set.filter(pk=user.pk).exists()


def businesses_of(user: settings.AUTH_USER_MODEL):
    """The businesses a user belongs to."""
    return Business.objects.filter(group__user=user)
