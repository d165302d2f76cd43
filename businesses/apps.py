from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BusinessesConfig(AppConfig):
    name = "businesses"
    verbose_name = _("Businesses")

    def ready(self):
        from . import permissions, signals  # noqa: F401  (signals: framework events only)

        permissions.register()
