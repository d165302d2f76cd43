class ShopError(Exception):
    """A problem the customer or owner can fix; `str()` is a translated message."""


class OutOfStock(ShopError):
    pass


class NotForSale(ShopError):
    pass


class PricesChanged(ShopError):
    """Prices changed since the customer saw them; the cart now shows the new ones."""


class InvalidTransition(ShopError):
    pass
