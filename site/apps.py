from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_platform(sender, using, verbosity=1, plan=None, **kwargs):
    from django.db import connections
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[using])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return  # a partial migrate: wait until the schema is complete
    from .setup import ensure_platform

    ensure_platform(using=using, verbosity=verbosity)


class MachikadoConfig(AppConfig):
    name = "machikado"
    label = "machikado"
    verbose_name = _("Machikado site")

    def ready(self):
        from .uploads import configure_pillow

        configure_pillow()  # Pillow's pixel limit = WAGTAILIMAGES_MAX_IMAGE_PIXELS
        post_migrate.connect(
            _ensure_platform, sender=self, dispatch_uid="machikado.ensure_platform"
        )
        from . import translation_sync

        translation_sync.connect()
        from . import renditions

        renditions.connect()
        from . import page_cache

        page_cache.connect_signals()
