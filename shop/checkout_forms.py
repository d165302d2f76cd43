"""Forms a tourist fills in: add to cart, change a cart line, check out.

Errors come back in the visitor's language. Inputs get Django's
``aria-invalid`` and ``aria-describedby`` (``<id>_helptext <id>_error``);
the templates give those ids to the texts. Radio groups are rendered as a
fieldset that carries the ``aria-describedby`` itself.
"""

import unicodedata

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from businesses.japan import PREFECTURES, PREFECTURES_EN, normalise_phone, normalise_postal_code

from . import stripe_api
from .models import Order, OrderGroup
from .services.cart import MAX_QUANTITY

ADDRESS_FIELDS = ("postal_code", "prefecture", "city", "street")


def _quantity_field(**kwargs):
    return forms.IntegerField(
        label=_("Quantity"),
        min_value=1,
        max_value=MAX_QUANTITY,
        error_messages={
            "required": _("Enter a quantity."),
            "invalid": _("Enter the quantity as a whole number."),
            "min_value": _("Choose a quantity from 1 to %(max)d.") % {"max": MAX_QUANTITY},
            "max_value": _("Choose a quantity from 1 to %(max)d.") % {"max": MAX_QUANTITY},
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": MAX_QUANTITY}),
        **kwargs,
    )


class AddToCartForm(forms.Form):
    variant = forms.IntegerField(
        min_value=1,
        error_messages={
            "required": _("Choose an option."),
            "invalid": _("This option does not exist."),
            "min_value": _("This option does not exist."),
        },
    )
    quantity = _quantity_field(initial=1)


class CartLineForm(forms.Form):
    """Change the quantity of a line (0 removes it)."""

    quantity = forms.IntegerField(
        min_value=0,
        max_value=MAX_QUANTITY,
        error_messages={
            "required": _("Enter a quantity."),
            "invalid": _("Enter the quantity as a whole number."),
            "min_value": _("Choose a quantity from 1 to %(max)d.") % {"max": MAX_QUANTITY},
            "max_value": _("Choose a quantity from 1 to %(max)d.") % {"max": MAX_QUANTITY},
        },
    )


def _fold(value: str) -> str:
    """Full-width letters, digits and hyphens and half-width kana as people type them, in one form."""
    return " ".join(unicodedata.normalize("NFKC", value or "").split())


def prefecture_choices(language: str):
    if language == "ja":
        named = [(name, name) for name in PREFECTURES]
    else:
        named = [
            (name, f"{en} ({name})") for name, en in zip(PREFECTURES, PREFECTURES_EN, strict=True)
        ]
    return [("", _("Choose a prefecture"))] + named


def fulfilment_field_name(business_id: int) -> str:
    return f"fulfilment_{business_id}"


class CheckoutForm(forms.Form):
    """Contact, address (when something is shipped), delivery per shop, payment.

    ``cart_view`` is the priced cart (``services.cart.view``); its shops give
    the delivery choices, and the payment methods every shop accepts.
    """

    checkout_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    name = forms.CharField(
        label=_("Full name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name.")},
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send the order confirmation here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address like name@example.com."),
        },
    )
    phone = forms.CharField(
        label=_("Phone number"),
        help_text=_(
            "A Japanese number, for example 090-1234-5678. The shop calls only about your order."
        ),
        max_length=24,
        validators=[MaxLengthValidator(24)],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"required": _("Enter your phone number.")},
    )
    postal_code = forms.CharField(
        label=_("Postal code"),
        help_text=_("For example 375-0024"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    prefecture = forms.ChoiceField(
        label=_("Prefecture"),
        required=False,
        choices=[],
        widget=forms.Select(attrs={"autocomplete": "address-level1"}),
    )
    city = forms.CharField(
        label=_("City, ward, town or village"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    street = forms.CharField(
        label=_("Street address"),
        help_text=_("District and block number, for example 藤岡1-2-3"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    building = forms.CharField(
        label=_("Building and room (optional)"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-line2"}),
    )
    payment_method = forms.ChoiceField(
        label=_("Payment method"),
        widget=forms.RadioSelect,
        choices=[],
        error_messages={
            "required": _("Choose a payment method."),
            "invalid_choice": _("Choose one of the payment methods shown."),
        },
    )

    def __init__(self, *args, cart_view, language="ja", **kwargs):
        super().__init__(*args, **kwargs)
        self.cart_view = cart_view
        self.fields["prefecture"].choices = prefecture_choices(language)
        self.fields["payment_method"].choices = payment_choices(cart_view)
        self.shop_fields = []
        for shop in cart_view.shops:
            name = fulfilment_field_name(shop.business.pk)
            options = shop.fulfilment_options()
            self.fields[name] = forms.ChoiceField(
                label=_("Delivery from %(shop)s") % {"shop": shop.business.name},
                widget=forms.RadioSelect,
                choices=[(method, delivery_label(shop, method)) for method in options],
                initial=shop.fulfilment or None,
                error_messages={
                    "required": _("Choose how you receive the items of this shop."),
                    "invalid_choice": _("Choose one of the delivery methods shown."),
                },
            )
            self.shop_fields.append((shop, name))
        methods = [value for value, _label in self.fields["payment_method"].choices]
        if len(methods) == 1:
            self.fields["payment_method"].initial = methods[0]

    # -- cleaning ---------------------------------------------------------------

    def clean_name(self):
        return _fold(self.cleaned_data["name"])

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])

    def clean_postal_code(self):
        value = self.cleaned_data["postal_code"]
        return normalise_postal_code(value) if value.strip() else ""

    def clean_city(self):
        return _fold(self.cleaned_data["city"])

    def clean_street(self):
        return _fold(self.cleaned_data["street"])

    def clean_building(self):
        return _fold(self.cleaned_data["building"])

    def fulfilment(self) -> dict[int, str]:
        """Business id → chosen delivery method (valid ones only)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return {shop.business.pk: data[name] for shop, name in self.shop_fields if data.get(name)}

    def needs_address(self) -> bool:
        return Order.SHIPPING in self.fulfilment().values()

    def clean(self):
        cleaned = super().clean()
        if self.needs_address():
            messages = {
                "postal_code": _("Enter the postal code of the delivery address."),
                "prefecture": _("Choose the prefecture of the delivery address."),
                "city": _("Enter the city of the delivery address."),
                "street": _("Enter the street address of the delivery address."),
            }
            for name in ADDRESS_FIELDS:
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, forms.ValidationError(messages[name], code="required"))
        method = cleaned.get("payment_method")
        chosen = self.fulfilment()
        if method == OrderGroup.PAY_AT_STORE and any(
            value != Order.PICKUP for value in chosen.values()
        ):
            self.add_error(
                "payment_method",
                forms.ValidationError(
                    _("Paying at the store is only possible when you pick up every order."),
                    code="pay_at_store_needs_pickup",
                ),
            )
        return cleaned

    # -- for the template ---------------------------------------------------------

    def contact_fields(self):
        return [self["name"], self["email"], self["phone"]]

    def address_fields(self):
        return [self[name] for name in (*ADDRESS_FIELDS, "building")]

    def delivery_fields(self):
        return [(shop, self[name]) for shop, name in self.shop_fields]


def delivery_label(shop, method: str) -> str:
    """ "Shipping (¥800)", "Shipping (free)", "Store pickup"."""
    label = dict(Order.FULFILMENT_CHOICES)[method]
    if method != Order.SHIPPING:
        return str(label)
    fee = shop.profile.shipping_fee_for(shop.subtotal) if shop.profile else 0
    if fee:
        return _("%(method)s (%(fee)s)") % {"method": label, "fee": f"¥{fee:,}"}
    return _("%(method)s (free)") % {"method": label}


def payment_choices(cart_view):
    """Methods every shop in the cart accepts; card only while Stripe is configured."""
    labels = dict(OrderGroup.PAYMENT_CHOICES)
    methods = cart_view.payment_methods()
    if not stripe_api.card_payments_enabled():
        methods = [m for m in methods if m != OrderGroup.CARD]
    return [(method, labels[method]) for method in methods]
