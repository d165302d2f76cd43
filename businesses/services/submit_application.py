"""A business applies to join the platform."""

import unicodedata

from django.db import transaction

from .. import notifications
from ..japan import phone_digits
from ..models import Business, BusinessApplication, BusinessPage


def _key(text: str) -> str:
    """Names and addresses compared regardless of width, case and spaces
    (「藤岡１００」 and 「藤岡 100」 are the same street)."""
    return "".join(unicodedata.normalize("NFKC", text or "").casefold().split())


def duplicate_reasons(application: BusinessApplication) -> list[str]:
    """Why this application may repeat an earlier one or an existing business:
    the same phone number (in whatever format it was typed), or the same name
    at the same address. Rejected applications do not count: their
    applicants are invited to apply again."""
    reasons = []
    digits = phone_digits(application.phone)
    name, place = (
        _key(application.business_name),
        (_key(application.city), _key(application.street)),
    )

    others = (
        BusinessApplication.objects.exclude(pk=application.pk)
        .exclude(status=BusinessApplication.Status.REJECTED)
        .values_list("pk", "business_name", "phone", "city", "street")
    )
    for pk, other_name, phone, city, street in others:
        if digits and phone_digits(phone) == digits:
            reasons.append(f"Same phone as application #{pk} ({other_name})")
        if _key(other_name) == name and (_key(city), _key(street)) == place:
            reasons.append(f"Same name and address as application #{pk} ({other_name})")

    # Every language version of a storefront, and drafts too: a business
    # whose page is not yet published is already on the platform.
    matched = {}
    for business_id, title, phone, city, street in BusinessPage.objects.values_list(
        "business_id", "title", "phone", "city", "street"
    ):
        same_phone = bool(digits) and phone_digits(phone) == digits
        same_name_and_place = _key(title) == name and (_key(city), _key(street)) == place
        if same_phone or same_name_and_place:
            matched.setdefault(business_id, set()).update(
                ["phone"] * same_phone + ["name and address"] * same_name_and_place
            )
    names = dict(Business.objects.filter(pk__in=matched).values_list("pk", "name"))
    for business_id, what in sorted(matched.items()):
        reasons.append(
            f"Same {' and '.join(sorted(what, reverse=True))} as the storefront of "
            f"business #{business_id} ({names.get(business_id, '')})"
        )
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
