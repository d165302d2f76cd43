from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from tourism.models import Area

from .japan import normalise_phone, normalise_postal_code
from .models import BusinessApplication, BusinessCategory


class BusinessApplicationForm(forms.ModelForm):
    """The public sign-up form. Field errors come back in the visitor's language."""

    accepted_terms = forms.BooleanField(
        label=_("I accept the terms of use and confirm the details are true."),
        required=True,
        error_messages={"required": _("You must accept the terms of use to apply.")},
    )

    class Meta:
        model = BusinessApplication
        fields = [
            "business_name",
            "business_name_kana",
            "category",
            "area",
            "licence_number",
            "postal_code",
            "prefecture",
            "city",
            "street",
            "building",
            "phone",
            "website",
            "description",
            "contact_name",
            "contact_name_kana",
            "contact_email",
            "accepted_terms",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "postal_code": forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "street": forms.TextInput(attrs={"autocomplete": "address-line1"}),
            "building": forms.TextInput(attrs={"autocomplete": "address-line2"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Applicants choose among the categories and areas of the source
        # language; their labels follow the visitor's language.
        default = Locale.get_default()
        self.fields["category"].queryset = BusinessCategory.objects.filter(locale=default)
        self.fields["area"].queryset = Area.objects.filter(locale=default)
        self.fields["category"].label_from_instance = lambda c: c.localized.name
        self.fields["area"].label_from_instance = lambda a: a.localized.name
        self.fields["prefecture"].initial = "群馬県"

    def clean_postal_code(self):
        return normalise_postal_code(self.cleaned_data["postal_code"])

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        category = cleaned.get("category")
        if category and category.needs_licence and not cleaned.get("licence_number", "").strip():
            self.add_error(
                "licence_number",
                _("This trade needs a licence: enter the number of your %(licence)s.")
                % {"licence": category.licence_label},
            )
        return cleaned


class RejectApplicationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, sent to the applicant"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
    )
