from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from tourism.geo import JAPAN_LATITUDE, JAPAN_LONGITUDE, point_in_japan

from .video import parse_video_url

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=200)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "businesses/blocks/figure.html"


class GalleryBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=100)
    images = blocks.ListBlock(
        ImageBlock(label=_("image")), label=_("images"), min_num=1, max_num=30
    )

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "businesses/blocks/gallery.html"


class PriceItemBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("item"), max_length=100)
    description = blocks.CharBlock(label=_("description"), required=False, max_length=200)
    price = blocks.IntegerBlock(label=_("price (yen, tax included)"), min_value=0, required=False)
    note = blocks.CharBlock(label=_("note"), required=False, max_length=60)


class PriceListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=100)
    items = blocks.ListBlock(PriceItemBlock(), label=_("items"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Menu or price list")
        template = "businesses/blocks/price_list.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("answer"), features=["bold", "italic", "link", "ul"])


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=100)
    questions = blocks.ListBlock(QuestionBlock(), label=_("questions"), min_num=1)

    class Meta:
        icon = "help"
        label = _("Questions and answers")
        template = "businesses/blocks/faq.html"


class MapBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("place name"), max_length=100)
    latitude = blocks.DecimalBlock(label=_("latitude"), max_digits=9, decimal_places=6)
    longitude = blocks.DecimalBlock(label=_("longitude"), max_digits=9, decimal_places=6)
    zoom = blocks.IntegerBlock(label=_("zoom"), min_value=5, max_value=19, default=16)

    class Meta:
        icon = "site"
        label = _("Map")
        template = "businesses/blocks/map.html"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if not JAPAN_LATITUDE[0] <= value["latitude"] <= JAPAN_LATITUDE[1]:
            errors["latitude"] = ErrorList([_("This point is not in Japan.")])
        if not JAPAN_LONGITUDE[0] <= value["longitude"] <= JAPAN_LONGITUDE[1]:
            errors["longitude"] = ErrorList([_("This point is not in Japan.")])
        if not errors and not point_in_japan(value["latitude"], value["longitude"]):
            # Inside the box around Japan but abroad (Seoul, Busan, Vladivostok ...).
            errors["latitude"] = ErrorList([_("This point is not in Japan.")])
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value


class VideoBlock(blocks.StructBlock):
    url = blocks.URLBlock(label=_("video URL"), help_text=_("A YouTube or Vimeo address."))
    title = blocks.CharBlock(
        label=_("title"), max_length=120, help_text=_("Read out by screen readers.")
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "businesses/blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        if parse_video_url(value["url"]) is None:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ErrorList(
                        [ValidationError(_("Only YouTube and Vimeo videos can be embedded."))]
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["video"] = parse_video_url(value["url"])
        return context


class StorefrontBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="businesses/blocks/paragraph.html"
    )
    image = FigureBlock()
    gallery = GalleryBlock()
    price_list = PriceListBlock()
    faq = FAQBlock()
    map = MapBlock()
    video = VideoBlock()
