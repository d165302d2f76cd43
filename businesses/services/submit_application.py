"""A business applies to join the platform."""

from django.db import transaction
from django.db.models import Q

from .. import notifications
from ..japan import phone_digits
from ..models import BusinessApplication, BusinessPage


def duplicate_reasons(application: BusinessApplication) -> list[str]:
    """Why this application may repeat an earlier one or an existing business:
    the same phone number, or the same name at the same address."""
    reasons = []
    digits = phone_digits(application.phone)
    others = BusinessApplication.objects.exclude(pk=application.pk).exclude(
        status=BusinessApplication.Status.REJECTED
    )
    for other in others.only("pk", "phone", "business_name"):
        if phone_digits(other.phone) == digits:
            reasons.append(f"Same phone as application #{other.pk} ({other.business_name})")
    same_place = Q(city=application.city, street=application.street)
    for other in others.filter(same_place, business_name__iexact=application.business_name):
        reasons.append(f"Same name and address as application #{other.pk}")
    for page in BusinessPage.objects.only("pk", "title", "phone", "city", "street"):
        same_name_and_place = (page.title.casefold(), page.city, page.street) == (
            application.business_name.casefold(), application.city, application.street
        )
        if phone_digits(page.phone) == digits or same_name_and_place:
            reasons.append(f"Matches the storefront “{page.title}” (page #{page.pk})")
    return list(dict.fromkeys(reasons))


@transaction.atomic
def submit_application(application: BusinessApplication) -> BusinessApplication:
    """Save a validated, unsaved application, flag likely duplicates and
    acknowledge it to the applicant."""
    application.status = BusinessApplication.Status.PENDING
    application.save()
    reasons = duplicate_reasons(application)
    if reasons:
        application.possible_duplicate = True
        application.duplicate_note = "\n".join(reasons)
        application.save(update_fields=["possible_duplicate", "duplicate_note"])
    transaction.on_commit(lambda: notifications.application_received(application))
    return application
