"""The image renditions the public site uses, made ahead of time.

`USES` is the one list of filter specs the public templates and presenters
ask for (tests/storage/test_renditions.py fails when a template or a
``*_RENDITION`` constant uses a spec missing here). Every image gets all of
them: when it is uploaded an image's future use is unknown (a photo becomes a
hero, a card, a gallery item or a product picture), and the set is small.

When they are made, in a background task after the transaction commits
(django-tasks, like search indexing), so a visitor's first page view finds
them instead of resizing a photo inside the request:

- an image is saved (uploaded, edited, focal point moved) or its renditions
  are deleted (Wagtail deletes them all when an image's file is replaced);
- a page is published: the images it uses (foreign keys, inline panels,
  StreamField blocks), which covers images uploaded before a spec was added;
- a product picture is added.

`manage.py generate_renditions` makes whatever is missing for every image
(after a restore, a spec change or a failed task); it is idempotent.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from django.db import models
from django_tasks import task

from .after_commit import AfterCommit

logger = logging.getLogger("machikado.renditions")


class Responsive:
    """A picture at several widths: WebP `<source>` renditions the browser
    chooses from (``sizes`` says how wide the page draws it), and one
    ``fallback`` rendition in the original format (JPEG/PNG) for the
    `<img>`, whose width and height reserve its space. Rendered by
    ``{% responsive_image image "<use>" %}`` (templatetags/responsive_images.py)."""

    def __init__(self, fallback: str, widths: tuple[str, ...], sizes: str):
        self.fallback = fallback
        self.widths = widths
        self.sizes = sizes

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(f"{spec}|format-webp" for spec in self.widths)

    @property
    def specs(self) -> tuple[str, ...]:
        return (self.fallback, *self.sources)


# The public pictures. `sizes` follows the CSS: .container is min(72rem,
# 100% - 2rem); storefront and attraction bodies take 2/3 of it from 56rem,
# the product photo 3/5; card cells are at least 16rem, gallery cells 12rem.
# No AVIF: Pillow here can write it, but at several times WebP's encoding
# time (measured ~1 s against ~0.45 s per rendition of a 6 MP photo), for
# every rendition of every upload.
RESPONSIVE: dict[str, Responsive] = {
    # page heroes: storefront, attraction, event, area, course (in the
    # container); the home and tourism home draw theirs full width (sizes="100vw")
    "hero": Responsive(
        "fill-1200x500",
        ("fill-600x250", "fill-1200x500", "fill-1800x750"),
        "(min-width: 74rem) 72rem, calc(100vw - 2rem)",
    ),
    # cards: storefronts, attractions, courses, places, features, products
    "card": Responsive(
        "fill-480x320",
        ("fill-360x240", "fill-720x480", "fill-1080x720"),
        "(min-width: 74rem) 17rem, (min-width: 36rem) 50vw, calc(100vw - 2rem)",
    ),
    # storefront and attraction galleries, the StreamField gallery block
    "gallery": Responsive(
        "fill-480x360",
        ("fill-240x180", "fill-480x360", "fill-960x720"),
        "(min-width: 30rem) 18rem, calc(100vw - 2rem)",
    ),
    # the StreamField figure block
    "figure": Responsive(
        "width-800",
        ("width-400", "width-800", "width-1600"),
        "(min-width: 56rem) 47rem, calc(100vw - 2rem)",
    ),
    # the product page: main picture and thumbnails
    "product": Responsive(
        "fill-800x600",
        ("fill-400x300", "fill-800x600", "fill-1200x900"),
        "(min-width: 56rem) 42rem, calc(100vw - 2rem)",
    ),
    "thumbnail": Responsive(
        "fill-200x150",
        ("fill-100x75", "fill-200x150", "fill-400x300"),
        "6.25rem",
    ),
}

# Where each spec is used. Keep templates, presenters and this list in step.
USES: dict[str, tuple[str, ...]] = {
    # og:image of storefronts, attractions, events, courses and products: JPEG/PNG,
    # which every link preview reads (the tourism home uses the hero fallback)
    "social": ("fill-1200x630",),
    # the search index's image_url is the card fallback
    **{name: responsive.specs for name, responsive in RESPONSIVE.items()},
}
SPECS: tuple[str, ...] = tuple(sorted({spec for specs in USES.values() for spec in specs}))
_VARIANTS = {responsive.fallback: responsive.specs for responsive in RESPONSIVE.values()}


def with_variants(*specs: str) -> tuple[str, ...]:
    """These specs plus the WebP widths drawn with them (a responsive
    picture's fallback brings its sources): what to prefetch."""
    out: list[str] = []
    for spec in specs:
        for variant in _VARIANTS.get(spec, (spec,)):
            if variant not in out:
                out.append(variant)
    return tuple(out)


# -- making them ------------------------------------------------------------------------


def missing_specs(image, specs: Iterable[str] = SPECS) -> list[str]:
    """The specs this image has no rendition of yet (for its focal point)."""
    from wagtail.images.models import Filter

    filters = [Filter(spec=spec) for spec in specs]
    found = image.find_existing_renditions(*filters)
    return [f.spec for f in filters if f not in found]


def generate(image, specs: Iterable[str] = SPECS) -> int:
    """Make the missing renditions of one image; returns how many were made."""
    missing = missing_specs(image, specs)
    if missing:
        image.get_renditions(*missing)
    return len(missing)


def generate_for(image_ids: Iterable[int], specs: Iterable[str] = SPECS) -> dict:
    """Make the missing renditions of these images. A broken or missing file
    is logged and skipped: it never stops the others."""
    from wagtail.images import get_image_model

    specs = tuple(specs)
    made = failed = 0
    images = get_image_model().objects.filter(pk__in=set(image_ids)).prefetch_renditions(*specs)
    for image in images:
        try:
            made += generate(image, specs)
        except Exception:
            failed += 1
            logger.exception("Could not make the renditions of image %s", image.pk)
    return {"made": made, "failed": failed}


@task()
def generate_renditions(references: list) -> dict:
    """The background task: ["image", pk] and ["page", pk] references."""
    return generate_for(expand(references))


def expand(references) -> set[int]:
    """Image ids named by the references (a page's: the images it uses)."""
    from wagtail.models import Page

    image_ids: set[int] = set()
    page_ids = set()
    for kind, value in references:
        if kind == "image":
            image_ids.add(int(value))
        elif kind == "page":
            page_ids.add(int(value))
        else:
            logger.warning("Unknown rendition reference %r", [kind, value])
    for page in Page.objects.filter(pk__in=page_ids).specific():
        image_ids.update(images_used_by(page))
    return image_ids


def images_used_by(obj) -> set[int]:
    """Ids of the images a page (or any model instance) uses: its image
    foreign keys, those of its inline children, and image blocks in its
    StreamFields."""
    ids: set[int] = set()
    for instance in _self_and_children(obj):
        ids.update(_direct_image_ids(instance))
        ids.update(_stream_image_ids(instance))
    return ids


def _image_model():
    from wagtail.images import get_image_model

    return get_image_model()


def _self_and_children(obj) -> Iterator[models.Model]:
    from modelcluster.models import get_all_child_relations

    yield obj
    for relation in get_all_child_relations(obj):
        yield from getattr(obj, relation.get_accessor_name()).all()


def _direct_image_ids(instance) -> Iterator[int]:
    image_model = _image_model()
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and issubclass(field.related_model, image_model):
            value = getattr(instance, field.attname)
            if value is not None:
                yield value


def _stream_image_ids(instance) -> Iterator[int]:
    from wagtail.fields import StreamField

    image_model = _image_model()
    for field in instance._meta.concrete_fields:
        if not isinstance(field, StreamField):
            continue
        value = getattr(instance, field.attname)
        for model, object_id, _path, _content_path in field.stream_block.extract_references(value):
            if issubclass(model, image_model) and object_id not in (None, ""):
                yield int(object_id)


# -- when: after commit, once per transaction ------------------------------------------


#: This thread's pending references, made by one task after commit.
after_commit = AfterCommit("renditions", generate_renditions.enqueue, logger)
#: No rendition tasks from this thread's changes inside the block (bulk
#: loads; run `manage.py generate_renditions` afterwards).
paused = after_commit.paused
#: Make these references' renditions once the transaction commits (at once
#: outside a transaction).
schedule = after_commit.schedule


# -- signal handlers ---------------------------------------------------------------------


def image_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule(["image", instance.pk])


def rendition_deleted(sender, instance, **kwargs):
    # The image itself may be going too: the task then finds nothing to do.
    schedule(["image", instance.image_id])


def page_published(sender, instance, **kwargs):
    schedule(["page", instance.pk])


def product_image_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.image_id is not None:
        schedule(["image", instance.image_id])


def connect() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published as published

    image_model = _image_model()
    uid = "machikado.renditions"
    post_save.connect(image_saved, sender=image_model, dispatch_uid=f"{uid}-image")
    post_delete.connect(
        rendition_deleted,
        sender=image_model.get_rendition_model(),
        dispatch_uid=f"{uid}-rendition-deleted",
    )
    published.connect(page_published, dispatch_uid=f"{uid}-page")
    try:
        from shop.models import ProductImage
    except ImportError:  # the shop app is optional
        return
    post_save.connect(product_image_saved, sender=ProductImage, dispatch_uid=f"{uid}-product")
