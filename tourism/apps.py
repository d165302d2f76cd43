from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TourismConfig(AppConfig):
    name = "tourism"
    verbose_name = _("Tourism")

    def ready(self):
        from .opendata import checks  # noqa: F401  (registers the settings check)
