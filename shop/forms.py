"""Admin forms of the shop: products (with the publish rule) and shop settings."""

import re
import unicodedata

from django import forms
from django.core.validators import MaxLengthValidator
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from businesses.japan import normalise_phone, normalise_postal_code
from businesses.models import Business

from .models import Product, ShopProfile, Variant
from .permissions import product_policy
from .services.catalogue import LEGAL_FIELDS, publish_problems

SHOP_SETTINGS_URL = "shop_settings:edit"


def normalise_registration_number(value: str) -> str:
    """What people type for the invoice number, in one form: full-width
    characters folded (Ｔ１２３… → T123…), spaces and hyphens dropped,
    a lower-case t raised. The format itself is the model's validator."""
    folded = unicodedata.normalize("NFKC", value or "")
    folded = re.sub(r"[\s\-‐‑‒–—―−ー]", "", folded)
    if folded[:1] == "t":
        folded = "T" + folded[1:]
    return folded


def _allow_longer_input(field, length):
    """The raw input ("T 1234-5678-9012-3") may be longer than what is stored."""
    field.max_length = length
    field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
    field.validators.append(MaxLengthValidator(length))
    field.widget.attrs["maxlength"] = str(length)


class ProductForm(WagtailAdminModelForm):
    """The product editor.

    The business is one of the user's own (hidden when they have only one);
    images are only those the user may choose; publishing asks the publish
    rule (``services.catalogue``).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._name_rich_text_editors()
        user = self.for_user
        if user is None:
            return
        self._limit_business(user)
        self._limit_images(user)

    def _name_rich_text_editors(self):
        """Draftail's editable area (role=textbox) is not the hidden input
        the <label> points at, so it has no accessible name of its own: pass
        the field's label to the editor (Draftail's ariaLabel option, which
        Wagtail's initialiser forwards from the widget's options)."""
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, DraftailRichTextArea):
                # The options dict is shared by every copy of the widget.
                widget.options = {**widget.options, "ariaLabel": field.label}

    def _limit_business(self, user):
        field = self.fields.get("business")
        if field is None:
            return
        ids = product_policy().business_ids_for(user, ["add", "change"])
        if ids is None:  # city staff: every business
            return
        field.queryset = Business.objects.filter(pk__in=ids)
        if len(ids) == 1:
            (only,) = ids
            if self.instance.business_id in (None, only):
                # Nothing to choose: the product belongs to the owner's business.
                del self.fields["business"]
                self.instance.business_id = only

    def _limit_images(self, user):
        formset = self.formsets.get("images")
        if formset is None:
            return
        allowed = policy_registry.get_by_type(
            get_image_model()
        ).instances_user_has_any_permission_for(user, ["choose"])
        for form in [*formset.forms, formset.empty_form]:
            if "image" in form.fields:
                form.fields["image"].queryset = allowed

    def _variants_to_save(self):
        formset = self.formsets.get("variants")
        if formset is None:
            return None
        formset.is_valid()  # cleans each option form once; errors are kept
        variants = []
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            variants.append(Variant(price=data.get("price")))
        return variants

    def _post_clean(self):
        # The instance now holds the submitted values (business, fulfilment).
        super()._post_clean()
        if self.cleaned_data.get("status") != Product.PUBLISHED:
            return
        if not self.instance.business_id:
            return  # the business field has its own error
        problems = publish_problems(self.instance, variants=self._variants_to_save())
        for problem in problems:
            if problem.code == LEGAL_FIELDS:
                url = reverse(SHOP_SETTINGS_URL, args=[self.instance.business_id])
                message = format_html(
                    '{} <a href="{}">{}</a>', problem.message, url, _("Open the shop settings")
                )
            else:
                message = problem.message
            self.add_error("status", forms.ValidationError(message, code=problem.code))


class ShopProfileForm(WagtailAdminModelForm):
    """Shop settings, as owners type them: full-width digits, hyphens in the
    invoice number, postal codes with 〒."""

    RAW_INPUT_LENGTHS = {"registration_number": 24, "legal_postal_code": 12, "legal_phone": 24}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, length in self.RAW_INPUT_LENGTHS.items():
            if name in self.fields:
                _allow_longer_input(self.fields[name], length)

    def clean_registration_number(self):
        value = self.cleaned_data.get("registration_number", "")
        return normalise_registration_number(value) if value else ""

    def clean_legal_postal_code(self):
        value = self.cleaned_data.get("legal_postal_code", "")
        return normalise_postal_code(value) if value.strip() else ""

    def clean_legal_phone(self):
        value = self.cleaned_data.get("legal_phone", "")
        return normalise_phone(value) if value.strip() else ""

    def clean(self):
        cleaned = super().clean()
        methods = ("accepts_card", "accepts_pay_at_store", "accepts_bank_transfer")
        if not any(cleaned.get(name) for name in methods if name in self.fields):
            if all(name in self.fields for name in methods):
                self.add_error(None, _("Accept at least one payment method."))
        if (
            cleaned.get("accepts_bank_transfer")
            and not (cleaned.get("bank_transfer_details") or "").strip()
        ):
            self.add_error(
                "bank_transfer_details",
                _("Give the bank account customers transfer the money to."),
            )
        self._keep_legal_notice_of_published_products(cleaned)
        return cleaned

    def _keep_legal_notice_of_published_products(self, cleaned):
        """The publish rule the other way round: what published products
        need cannot be emptied while they are on sale."""
        business_id = self.instance.business_id
        if not business_id or not Product.objects.published().filter(business_id=business_id):
            return
        for name in ShopProfile.LEGAL_FIELDS:
            if name in self.fields and name not in self.errors and not cleaned.get(name):
                self.add_error(
                    name,
                    forms.ValidationError(
                        _("Required while the shop has published products."),
                        code="required_for_published_products",
                    ),
                )
