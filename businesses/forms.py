import unicodedata

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale

from tourism.models import Area

from .japan import normalise_phone, normalise_postal_code
from .listing import localized_names
from .models import BusinessApplication, BusinessCategory

# What people type before normalisation may be longer than what is stored:
# "〒３７５－００２４", "(0274) 22-1211".
RAW_INPUT_LENGTHS = {"postal_code": 12, "phone": 24}


def _allow_longer_input(field: forms.CharField, length: int) -> None:
    field.max_length = length
    field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
    field.validators.append(MaxLengthValidator(length))
    field.widget.attrs["maxlength"] = str(length)


def _normalise_kana(value: str) -> str:
    """Half-width katakana and full-width spaces as people type them, in one form."""
    return " ".join(unicodedata.normalize("NFKC", value or "").split())


class BusinessApplicationForm(forms.ModelForm):
    """The public sign-up form. Field errors come back in the visitor's language.

    Help texts and errors are tied to their inputs by Django's
    ``aria-describedby`` (``<id>_helptext``, ``<id>_error``) and
    ``aria-invalid``; the template gives those ids to the texts.
    """

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
        help_texts = {
            "business_name_kana": _(
                "The reading in hiragana or katakana, for example まちかどしょうてん."
            ),
            "licence_number": _(
                "Needed for restaurants, food makers, breweries and inns: "
                "the number of the licence or registration your trade requires."
            ),
            "postal_code": _("For example 375-0024"),
            "phone": _("For example 0274-22-1211"),
            "contact_name_kana": _("The reading in hiragana or katakana."),
            "contact_email": _("We send the result of the review and your sign-in link here."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "postal_code": forms.TextInput(
                attrs={"autocomplete": "postal-code", "inputmode": "numeric"}
            ),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "street": forms.TextInput(attrs={"autocomplete": "address-line1"}),
            "building": forms.TextInput(attrs={"autocomplete": "address-line2"}),
            "website": forms.URLInput(attrs={"autocomplete": "url"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Applicants choose among the categories and areas of the source
        # language; their labels follow the visitor's language.
        default = Locale.get_default()
        self.fields["category"].queryset = BusinessCategory.objects.filter(locale=default)
        self.fields["area"].queryset = Area.objects.filter(locale=default)
        category_names = localized_names(BusinessCategory)
        area_names = localized_names(Area)
        self.fields["category"].label_from_instance = lambda c: category_names.get(
            c.translation_key, c.name
        )
        self.fields["area"].label_from_instance = lambda a: area_names.get(
            a.translation_key, a.name
        )
        self.fields["prefecture"].initial = "群馬県"
        for name, length in RAW_INPUT_LENGTHS.items():
            _allow_longer_input(self.fields[name], length)

    def clean_postal_code(self):
        return normalise_postal_code(self.cleaned_data["postal_code"])

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])

    def clean_business_name_kana(self):
        return _normalise_kana(self.cleaned_data["business_name_kana"])

    def clean_contact_name_kana(self):
        return _normalise_kana(self.cleaned_data["contact_name_kana"])

    def clean(self):
        cleaned = super().clean()
        category = cleaned.get("category")
        if category and category.needs_licence and not cleaned.get("licence_number", "").strip():
            self.add_error(
                "licence_number",
                forms.ValidationError(
                    _("This trade needs a licence: enter the number of your %(licence)s."),
                    code="licence_required",
                    params={"licence": category.localized.licence_label or category.licence_label},
                ),
            )
        return cleaned


class RejectApplicationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, sent to the applicant"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
    )


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        name = user.get_full_name() or user.get_username()
        return f"{name} <{user.email}>" if user.email else name


class BusinessForm(WagtailAdminModelForm):
    """City staff edit a business: its name and the people who may edit it.

    Members are listed with a checkbox to remove them, and new ones are
    invited by e-mail address, so staff never scroll through every account
    on the platform. The view hands the membership fields to
    ``services.membership``; the form only validates them.
    """

    remove_members = MemberChoiceField(
        label=_("Current members"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick the people who should no longer edit this business."),
    )
    invite_email = forms.EmailField(
        label=_("Invite a member by e-mail"),
        required=False,
        help_text=_(
            "An account with this address is added; if there is none, one is created "
            "and an invitation to set a password is sent."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        members = get_user_model().objects.none()
        if self.instance.pk and self.instance.group_id:
            members = self.instance.members.order_by("last_name", "first_name", "username")
        self.fields["remove_members"].queryset = members
        if not members.exists():
            self.fields["remove_members"].help_text = _("This business has no members yet.")

    def clean_invite_email(self):
        email = self.cleaned_data["invite_email"].strip()
        if email and self.instance.pk and self.instance.group_id:
            # A member who never set a password may be invited again: a new link.
            member = self.instance.members.filter(email__iexact=email).first()
            if member is not None and member.has_usable_password():
                raise forms.ValidationError(
                    _("Someone with this address is already a member."), code="already_member"
                )
        return email
