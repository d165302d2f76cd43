from django import template

from ..ruby import ruby_html

register = template.Library()


@register.filter
def ruby(text):
    """{{ page.title_ruby|ruby }}: readings in 《》 as furigana, the rest escaped."""
    return ruby_html(text)


@register.simple_tag
def page_heading(page):
    """The page title, with furigana when the editor gave readings."""
    return ruby_html(getattr(page, "title_ruby", "") or page.title)
