"""The demo shops: settings, products with pictures, and orders in every state.

Orders are placed through the real checkout service (stock is reserved the
same way); their later states are set directly, as a record of what happened
(no e-mails, no Stripe: the demo's card payments are marked paid as if the
webhook had arrived; two shops have finished Connect onboarding with demo
account ids, so their payouts show as sent and the others' as held).
"""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.images import get_image_model

from shop.models import Cart, Order, OrderGroup, Product, ProductImage, Refund, ShopProfile, Variant
from shop.services import cart as carts
from shop.services import catalogue, checkout

from .content import BusinessSpec
from .pictures import picture
from .shop_content import SHOPS

CUSTOMERS = [
    checkout.Customer("観光 花子", "hanako.kanko@example.com", "090-0000-1111", "150-0001",
                      "東京都", "渋谷区", "神宮前1-2-3"),
    checkout.Customer("Emma Walker", "emma.walker@example.com", "080-0000-2222", "231-0023",
                      "神奈川県", "横浜市中区", "山下町1-1", "Harbour View 402"),
    checkout.Customer("高橋 健一", "kenichi.takahashi@example.com", "070-0000-3333", "370-0801",
                      "群馬県", "高崎市", "上並榎町10"),
]  # fmt: skip

# (customer index, language, payment, [(shop slug, product index, option index, qty)],
#  fulfilment per shop slug, final state, days ago)
ORDERS = [
    (0, "ja", OrderGroup.CARD, [("kannagawa-shuzo", 0, 0, 2), ("fuyuzakura-do", 0, 1, 1)],
     {}, Order.PAID, 1),
    (1, "en", OrderGroup.CARD, [("patisserie-la-glycine", 0, 0, 1)], {}, Order.PREPARING, 3),
    (2, "ja", OrderGroup.CARD, [("mikuri-blueberry-farm", 0, 0, 3)], {}, Order.SHIPPED, 6),
    (1, "en", OrderGroup.CARD, [("kinu-kobo-mayu", 0, 1, 1)], {}, Order.COMPLETED, 40),
    (0, "ja", OrderGroup.BANK_TRANSFER, [("kannagawa-shuzo", 1, 0, 1)], {}, Order.PENDING, 2),
    (2, "ja", OrderGroup.PAY_AT_STORE, [("yakimanju-maruya", 0, 0, 2)],
     {"yakimanju-maruya": Order.PICKUP}, Order.READY, 0),
    (0, "ja", OrderGroup.CARD, [("sanbagawa-yuzu-farm", 1, 0, 2)], {}, Order.CANCELLED, 12),
    (1, "en", OrderGroup.CARD, [("kannako-canoe-club", 0, 0, 2)], {}, Order.REFUNDED, 20),
    (2, "ja", OrderGroup.CARD, [("kissa-hidamari", 0, 1, 2), ("ito-shoten", 0, 0, 1)],
     {"kissa-hidamari": Order.SHIPPING}, Order.COMPLETED, 70),
]  # fmt: skip


def load_shops(specs: dict[str, BusinessSpec], pages: dict) -> None:
    for slug, shop in SHOPS.items():
        spec, business = specs[slug], pages[slug].business
        owner = business.members.first()
        _profile(spec, shop, business)
        for n, product in enumerate(shop.products):
            _product(spec, product, business, owner, n)
    for order in ORDERS:
        _order(pages, *order)


def remove_shops(businesses) -> None:
    """Orders, products and shop settings of the demo businesses (before the businesses)."""
    orders = Order.objects.filter(business__in=businesses)
    groups = list(
        OrderGroup.objects.filter(orders__in=orders).distinct().values_list("pk", flat=True)
    )
    Refund.objects.filter(order__in=orders).delete()
    orders.delete()
    OrderGroup.objects.filter(pk__in=groups, orders__isnull=True).delete()
    Product.objects.filter(business__in=businesses).delete()
    ShopProfile.objects.filter(business__in=businesses).delete()


def _profile(spec: BusinessSpec, shop, business) -> ShopProfile:
    from .loader import CITY, PREFECTURE

    profile, _created = ShopProfile.objects.update_or_create(
        business=business,
        defaults={
            "accepts_card": True,
            "accepts_pay_at_store": shop.pay_at_store,
            "accepts_bank_transfer": shop.bank_transfer,
            "bank_transfer_details": "群馬みらい銀行 藤岡支店 普通 1234567（デモ）"
            if shop.bank_transfer
            else "",
            "shipping_fee": shop.shipping_fee,
            "free_shipping_from": shop.free_shipping_from,
            "pickup_instructions": "店頭でお名前と注文番号をお伝えください。",
            "registration_number": shop.registration_number,
            "legal_name": spec.name,
            "representative": f"{spec.owner.family} {spec.owner.given}",
            "legal_postal_code": spec.postal_code,
            "legal_address": f"{PREFECTURE}{CITY}{spec.street}",
            "legal_phone": spec.phone,
            "legal_email": f"info@{spec.slug}.example.jp",
            "delivery_time": "ご注文（お支払い確認）から3営業日以内に発送します。",
            "returns_policy": "商品の性質上、お客様都合の返品はお受けできません。"
            "不良品は到着後7日以内にご連絡ください。",
            "extra_costs": "銀行振込の手数料はお客様のご負担です。" if shop.bank_transfer else "",
            "stripe_account_id": f"acct_demo{business.pk:06d}" if shop.connected else "",
            "payouts_enabled": shop.connected,
        },
    )
    return profile


def _product(spec, product_spec, business, owner, n) -> Product:
    product = Product.objects.create(
        business=business,
        title=product_spec.title,
        title_en=product_spec.title_en,
        description=f"<p>{product_spec.description}</p>",
        description_en=f"<p>{product_spec.description_en}</p>",
        tax_class=product_spec.tax,
        ships=product_spec.ships,
        pickup=product_spec.pickup,
        eticket=product_spec.eticket,
        status=Product.DRAFT,
    )
    for position, option in enumerate(product_spec.options):
        Variant.objects.create(
            product=product,
            name=option.name,
            name_en=option.name_en,
            sku=f"{spec.slug[:12]}-{n + 1}-{position + 1}",
            price=option.price,
            track_stock=option.stock is not None,
            stock=option.stock or 0,
            sort_order=position,
        )
    image = get_image_model()(
        title=product_spec.title,
        description=f"{product_spec.title}のイメージ画像（デモ用）",
        collection=business.collection,
        uploaded_by_user=owner,
        file=ContentFile(
            picture(product_spec.title_en, spec.name_en, spec.category, f"{spec.slug}-p{n}"),
            name=f"{spec.slug}-product-{n + 1}.jpg",
        ),
    )
    image.save()
    ProductImage.objects.create(product=product, image=image, sort_order=0)
    if not product_spec.draft:
        catalogue.publish(product)  # through the publish rule, like an owner
    return product


def _order(pages, customer, language, payment, items, fulfilment, state, days_ago):
    cart = Cart.objects.create()
    for slug, product_index, option_index, quantity in items:
        product = Product.objects.filter(business=pages[slug].business).order_by("pk")[
            product_index
        ]
        carts.add(cart, product.variants.order_by("sort_order")[option_index], quantity)
    by_business = {pages[slug].business.pk: method for slug, method in fulfilment.items()}
    group = checkout.place_order(
        cart, checkout.checkout_key(cart), CUSTOMERS[customer], payment, by_business,
        language=language,
    )  # fmt: skip
    cart.delete()
    when = timezone.now() - dt.timedelta(days=days_ago, hours=3)
    OrderGroup.objects.filter(pk=group.pk).update(created_at=when)
    if state == Order.CANCELLED:
        checkout.release(group, OrderGroup.CANCELLED)
        return
    if state == Order.PENDING:
        return
    paid = state != Order.READY  # pay at the store: paid when collected
    if paid:
        OrderGroup.objects.filter(pk=group.pk).update(
            status=OrderGroup.PAID, paid_at=when + dt.timedelta(minutes=5), reserved_until=None
        )
    orders = group.orders.select_related("business__shop")
    for order in orders:
        payout, transfer = Order.PAYOUT_NONE, ""
        if payment == OrderGroup.CARD and order.business.shop.payouts_enabled:
            payout, transfer = Order.PAYOUT_SENT, f"tr_demo{order.pk:06d}"
        elif payment == OrderGroup.CARD:
            payout = Order.PAYOUT_HELD
        tracking = f"4321-0000-{order.pk:04d}" if state in (Order.SHIPPED, Order.COMPLETED) else ""
        Order.objects.filter(pk=order.pk).update(
            status=state,
            tracking_number=tracking,
            created_at=when,
            payout_status=payout,
            stripe_transfer=transfer,
        )
        if state == Order.REFUNDED:
            Refund.objects.create(order=order, amount=order.total, reason="天候不良による中止")
            Order.objects.filter(pk=order.pk).update(
                refunded_amount=order.total, payout_status=Order.PAYOUT_NONE
            )
            checkout.restock(
                order.lines.values_list("variant_id", "quantity", "cancelled_quantity")
            )
