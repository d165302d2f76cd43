from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="tasks")
class ApprovalSettings(BaseGenericSetting):
    """The city's publishing policy for owners' storefronts."""

    owner_edits_need_approval = models.BooleanField(
        _("edits to published storefronts need approval"),
        default=True,
        help_text=_(
            "A storefront's first publication always needs city approval. When this is off, "
            "owners publish later edits themselves."
        ),
    )

    panels = [FieldPanel("owner_edits_need_approval")]

    class Meta:
        verbose_name = _("approval policy")
