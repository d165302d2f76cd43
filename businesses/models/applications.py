from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..japan import PREFECTURE_CHOICES, validate_kana, validate_phone, validate_postal_code


class BusinessApplication(models.Model):
    """A request to join the platform, reviewed by city staff."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    business_name = models.CharField(_("business name"), max_length=150)
    business_name_kana = models.CharField(
        _("business name (kana)"), max_length=150, validators=[validate_kana]
    )
    category = models.ForeignKey(
        "businesses.BusinessCategory",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("category"),
    )
    area = models.ForeignKey(
        "tourism.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    postal_code = models.CharField(
        _("postal code"), max_length=8, validators=[validate_postal_code]
    )
    prefecture = models.CharField(_("prefecture"), max_length=4, choices=PREFECTURE_CHOICES)
    city = models.CharField(_("city"), max_length=60)
    street = models.CharField(_("street address"), max_length=120)
    building = models.CharField(_("building"), max_length=120, blank=True)
    phone = models.CharField(_("business phone"), max_length=20, validators=[validate_phone])
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("what the business does"), max_length=2000)
    licence_number = models.CharField(
        _("licence or registration number"), max_length=60, blank=True
    )

    contact_name = models.CharField(_("contact person"), max_length=100)
    contact_name_kana = models.CharField(
        _("contact person (kana)"), max_length=100, blank=True, validators=[validate_kana]
    )
    contact_email = models.EmailField(_("contact e-mail"))
    language = models.CharField(
        _("language for messages"), max_length=12, choices=settings.LANGUAGES, default="ja"
    )
    accepted_terms = models.BooleanField(_("accepted the terms of use"), default=False)

    possible_duplicate = models.BooleanField(_("possible duplicate"), default=False, db_index=True)
    duplicate_note = models.TextField(_("why it may be a duplicate"), blank=True)

    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    business = models.OneToOneField(
        "businesses.Business",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
        verbose_name=_("business"),
    )

    class Meta:
        verbose_name = _("business application")
        verbose_name_plural = _("business applications")
        ordering = ["submitted_at"]

    def __str__(self):
        return self.business_name

    @property
    def address(self):
        return f"〒{self.postal_code} {self.prefecture}{self.city}{self.street} {self.building}".strip()
