from .cart import Cart, CartLine
from .catalogue import Product, ProductImage, Variant
from .orders import Order, OrderGroup, OrderLine, Refund, StripeEvent
from .profile import ShopProfile

__all__ = [
    "Cart",
    "CartLine",
    "Order",
    "OrderGroup",
    "OrderLine",
    "Product",
    "ProductImage",
    "Refund",
    "ShopProfile",
    "StripeEvent",
    "Variant",
]
