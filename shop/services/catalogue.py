"""The publish rule: when a product may be offered for sale.

One place decides it: the admin's product form, the demo data and any other
code that publishes a product ask ``publish_problems`` (or call ``publish``).
A product is not published while its shop's 特定商取引法 disclosure
(``ShopProfile.LEGAL_FIELDS``) is incomplete, while it has no option with a
price, or while it offers no way to receive it.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Product, ShopProfile

LEGAL_FIELDS, NO_PRICE, NO_FULFILMENT = "legal_fields", "no_price", "no_fulfilment"


@dataclass(frozen=True)
class PublishProblem:
    code: str
    message: str  # translated, in the active language
    fields: tuple[str, ...] = field(default=())  # verbose names of missing legal fields


def shop_profile_of(business) -> ShopProfile | None:
    try:
        return business.shop
    except ObjectDoesNotExist:
        return None


def missing_legal_fields(profile: ShopProfile | None) -> list[str]:
    """Verbose names (active language) of the required 特定商取引法 fields still
    empty; all of them when the shop has no settings yet."""
    if profile is None:
        return [
            str(ShopProfile._meta.get_field(name).verbose_name) for name in ShopProfile.LEGAL_FIELDS
        ]
    return profile.missing_legal_fields()


def publish_problems(product: Product, variants=None) -> list[PublishProblem]:
    """Why ``product`` cannot be published; empty when it can.

    ``variants`` are the options as they will be saved (a form's unsaved
    options); by default the product's own (for a ClusterableModel, its
    in-memory options when they have been set).
    """
    problems = []
    missing = missing_legal_fields(shop_profile_of(product.business))
    if missing:
        problems.append(
            PublishProblem(
                LEGAL_FIELDS,
                _("Complete the shop's legal notice (特定商取引法) first. Missing: %(fields)s.")
                % {"fields": _(", ").join(capfirst(name) for name in missing)},
                tuple(missing),
            )
        )
    if variants is None:
        variants = product.variants.all()
    if not any(getattr(variant, "price", None) for variant in variants):
        problems.append(PublishProblem(NO_PRICE, _("Add at least one option with a price.")))
    if not product.fulfilment_methods():
        problems.append(
            PublishProblem(
                NO_FULFILMENT,
                _("Choose how customers receive it: shipping, store pickup or e-ticket."),
            )
        )
    return problems


class CannotPublish(ValidationError):
    def __init__(self, problems: list[PublishProblem]):
        self.problems = problems
        super().__init__([problem.message for problem in problems], code="cannot_publish")


@transaction.atomic
def publish(product: Product) -> Product:
    """Publish ``product``; raises ``CannotPublish`` listing every problem."""
    problems = publish_problems(product)
    if problems:
        raise CannotPublish(problems)
    product.status = Product.PUBLISHED
    product.save(update_fields=["status", "updated_at"])
    return product


PUBLISH_HELP = gettext_lazy(
    "Published products are for sale once the storefront is live. "
    "Publishing needs the shop's legal notice and at least one option with a price."
)
