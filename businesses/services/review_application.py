"""City staff approve or reject an application.

Approval creates the business (members group and media collection), the
owner's account, and a draft storefront in every content language; the
owner is invited by e-mail after the transaction commits.
"""

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Locale

from .. import notifications
from ..models import BusinessApplication, BusinessDirectoryPage, BusinessPage
from .errors import AlreadyReviewed, BusinessServiceError, NoDirectory, NotAllowed
from .membership import account_for_email
from .owner_access import add_member, create_business, sync_storefront_permissions

REVIEW_PERMISSION = "businesses.change_businessapplication"


class ReasonRequired(BusinessServiceError):
    code = "reason_required"
    message = _("Give the applicant a reason for the rejection.")


def _lock_pending(application: BusinessApplication, reviewer) -> BusinessApplication:
    if not reviewer.has_perm(REVIEW_PERMISSION):
        raise NotAllowed()
    locked = BusinessApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status != BusinessApplication.Status.PENDING:
        raise AlreadyReviewed()
    return locked


def _owner_account(application: BusinessApplication):
    """The applicant's account: an existing one with that e-mail, or a new one
    without a password (the invitation lets them set it), whose admin speaks
    the applicant's language."""
    return account_for_email(
        application.contact_email, application.contact_name, language=application.language
    )


STOREFRONT_LANGUAGES = ("ja", "en")


def _draft_storefront(application: BusinessApplication, business) -> BusinessPage:
    source_locale = Locale.get_default()
    directory = BusinessDirectoryPage.objects.filter(locale=source_locale).order_by("path").first()
    if directory is None:
        raise NoDirectory()
    page = BusinessPage(
        title=application.business_name,
        name_kana=application.business_name_kana,
        business=business,
        category=application.category,
        area=application.area,
        summary=application.description[:200],
        postal_code=application.postal_code,
        prefecture=application.prefecture,
        city=application.city,
        street=application.street,
        building=application.building,
        phone=application.phone,
        website=application.website,
        live=False,
        locale=source_locale,
    )
    with translation.override(source_locale.language_code):
        directory.add_child(instance=page)
    page.save_revision()
    # Owners write their storefront in Japanese and English; the other content
    # languages are translated with wagtail-localize (which offers only
    # languages the page has no version in yet), and until then visitors get
    # the Japanese page with a notice.
    for locale in Locale.objects.filter(language_code__in=STOREFRONT_LANGUAGES).exclude(
        pk=source_locale.pk
    ):
        if BusinessDirectoryPage.objects.filter(
            locale=locale, translation_key=directory.translation_key
        ).exists():
            page.copy_for_translation(locale).save_revision()
    return page


def approve_application(application: BusinessApplication, reviewer):
    with transaction.atomic():
        application = _lock_pending(application, reviewer)
        business = create_business(application.business_name, application.business_name_kana)
        user, invited = _owner_account(application)
        add_member(business, user)
        page = _draft_storefront(application, business)
        sync_storefront_permissions(business)
        application.status = BusinessApplication.Status.APPROVED
        application.reviewed_at = timezone.now()
        application.reviewed_by = reviewer
        application.business = business
        application.save()
        log(application, "machikado.application.approve", user=reviewer,
            data={"business": business.pk, "page": page.pk, "owner": user.pk})  # fmt: skip
        transaction.on_commit(
            lambda: notifications.application_approved(application, user, invited)
        )
    return business


def reject_application(application: BusinessApplication, reviewer, reason: str):
    reason = (reason or "").strip()
    with transaction.atomic():
        application = _lock_pending(application, reviewer)
        if not reason:
            raise ReasonRequired()
        application.status = BusinessApplication.Status.REJECTED
        application.reviewed_at = timezone.now()
        application.reviewed_by = reviewer
        application.rejection_reason = reason
        application.save()
        log(application, "machikado.application.reject", user=reviewer, data={"reason": reason})
        transaction.on_commit(lambda: notifications.application_rejected(application))
    return application
