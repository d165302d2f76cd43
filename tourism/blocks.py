from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from businesses.blocks import FigureBlock, GalleryBlock

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class HeadingBlock(blocks.CharBlock):
    """A section heading; readings in 《》 after a word become furigana (ruby)."""

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "tourism/blocks/heading.html"


class TourismBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock(
        max_length=120,
        help_text=_("Optional readings: 桜山《さくらやま》 shows さくらやま above 桜山."),
    )
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))
    figure = FigureBlock()
    gallery = GalleryBlock()
