"""Framework events the businesses app follows."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from .models import ApprovalSettings, BusinessPage


@receiver(page_published, sender=BusinessPage)
def storefront_published(sender, instance, **kwargs):
    # After a first publication the city's policy may let owners publish edits.
    from .services.owner_access import sync_storefront_permissions

    sync_storefront_permissions(instance.business)


@receiver(post_save, sender=BusinessPage)
def storefront_created(sender, instance, created, raw=False, **kwargs):
    # A new language version (e.g. a translation staff start in
    # wagtail-localize) is editable by the business's members at once.
    if created and not raw and instance.business_id:
        from .services.owner_access import sync_storefront_permissions

        sync_storefront_permissions(instance.business)


@receiver(post_save, sender=ApprovalSettings)
def approval_policy_changed(sender, instance, **kwargs):
    from .services.owner_access import sync_all_publish_permissions

    sync_all_publish_permissions(instance)
