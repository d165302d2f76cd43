"""The customer's receipt per shop order: /<lang>/orders/<group uuid>/receipt/<order id>/.

The checkout's uuid is the secret (it is only in the customer's e-mails and
confirmation page); a wrong pair or an order not paid yet is a 404.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .. import receipts
from ..models import Order


def language_links(url_for) -> list[tuple[str, str, str]]:
    """(code, name, url) per site language; `url_for()` is called with each active."""
    links = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            links.append((code, name, url_for()))
    return links


def render_receipt(request, order, **context):
    receipt = receipts.build(order)
    response = TemplateResponse(
        request,
        "shop/receipts/receipt.html",
        {"receipt": receipt, "order": order, **context},
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_safe
@never_cache
def receipt(request, uuid, order_id):
    order = get_object_or_404(
        Order.objects.select_related("group", "business__shop"),
        pk=order_id,
        group__uuid=uuid,
    )
    if not receipts.available(order):
        raise Http404
    return render_receipt(
        request,
        order,
        language_links=language_links(
            lambda: reverse("shop:receipt", kwargs={"uuid": uuid, "order_id": order_id})
        ),
    )
