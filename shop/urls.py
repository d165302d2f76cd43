from django.urls import path

from .views import cart, catalogue, checkout, legal, receipts

app_name = "shop"
urlpatterns = [
    path("products/<int:pk>/", catalogue.product_detail, name="product"),
    path("shop/<int:business_id>/legal/", legal.legal_notice, name="legal"),
    path("cart/", cart.cart_detail, name="cart"),
    path("cart/add/", cart.add_to_cart, name="cart_add"),
    path("cart/lines/<int:line_id>/", cart.update_line, name="cart_line"),
    path("checkout/", checkout.checkout, name="checkout"),
    path("checkout/<uuid:uuid>/pay/", checkout.pay, name="pay"),
    path("checkout/<uuid:uuid>/confirm-card/", checkout.confirm_card, name="confirm_card"),
    path("checkout/<uuid:uuid>/", checkout.complete, name="complete"),
    path("orders/<uuid:uuid>/receipt/<int:order_id>/", receipts.receipt, name="receipt"),
]
