from .applications import BusinessApplication
from .business import Business
from .hours import OpeningPeriod, SpecialOpeningDay
from .pages import BusinessDirectoryPage, BusinessGalleryImage, BusinessPage
from .settings import ApprovalSettings
from .taxonomy import BusinessCategory, PaymentMethod, SpokenLanguage

__all__ = [
    "ApprovalSettings",
    "Business",
    "BusinessApplication",
    "BusinessCategory",
    "BusinessDirectoryPage",
    "BusinessGalleryImage",
    "BusinessPage",
    "OpeningPeriod",
    "PaymentMethod",
    "SpecialOpeningDay",
    "SpokenLanguage",
]
