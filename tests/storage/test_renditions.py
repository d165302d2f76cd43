"""Renditions made ahead of time (machikado.renditions), on the local file
storage: the spec list matches what templates and presenters ask for, a
publish makes what its images lack, and `generate_renditions` fills every
gap once."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.template import Context, engines
from django.template.library import SimpleNode
from wagtail.images.templatetags.wagtailimages_tags import ImageNode, SrcsetImageNode
from wagtail.models import Page

from machikado import renditions
from machikado.renditions import SPECS
from machikado.templatetags.responsive_images import responsive_image
from tests import factories

ROOT = Path(settings.BASE_DIR)
PUBLIC_APPS = ("businesses", "tourism", "shop", "search", "site")


def public_templates():
    for app in PUBLIC_APPS:
        for path in sorted((ROOT / app).glob("**/templates/**/*.html")):
            relative = path.relative_to(ROOT / app)
            parts = relative.parts[relative.parts.index("templates") + 1 :]
            if parts and parts[0] in {"wagtailadmin", "admin"}:
                continue
            yield path, "/".join(parts)


def specs_in_template(name) -> set[str]:
    template = engines["django"].get_template(name).template
    specs = set()
    for node in template.nodelist.get_nodes_by_type(SimpleNode):
        if node.func is responsive_image:
            use = node.args[1].resolve(Context())
            specs.update(renditions.RESPONSIVE[use].specs)
    for node in template.nodelist.get_nodes_by_type(ImageNode):
        if isinstance(node, SrcsetImageNode):
            specs.update(f.spec for f in node.get_filters())
        else:
            specs.add(node.get_filter().spec)
    return specs


SPEC_IN_PYTHON = re.compile(
    r"""(?:^[A-Z_]*RENDITION[A-Z_]*\s*=\s*|get_rendition\(\s*|prefetch_renditions\(\s*)"([a-z0-9|-]+)\"""",
    re.MULTILINE,
)


def test_every_spec_the_public_pages_use_is_made_ahead_of_time():
    """A template or presenter asking for a spec missing from USES would
    resize photos during page views again: add the spec to USES."""
    used = {}
    for _path, name in public_templates():
        for spec in specs_in_template(name):
            used.setdefault(spec, set()).add(name)
    for app in PUBLIC_APPS:
        for path in sorted((ROOT / app).glob("**/*.py")):
            if "migrations" in path.parts or "management" in path.parts:
                continue
            for spec in SPEC_IN_PYTHON.findall(path.read_text(encoding="utf-8")):
                used.setdefault(spec, set()).add(str(path.relative_to(ROOT)))
    assert "fill-1200x500" in used and "fill-480x320" in used  # the scan sees the tags
    missing = {spec: sorted(where) for spec, where in used.items() if spec not in SPECS}
    assert missing == {}
    # ...and nothing is made that no page uses.
    assert sorted(set(SPECS) - set(used)) == []


@pytest.fixture
def images(db):
    return {
        name: factories.make_image(name, size=(300, 200))
        for name in "hero gallery figure block other".split()
    }


def rendition_specs(image):
    return {r.filter_spec for r in image.renditions.all()}


def test_images_used_by_a_page(images, storefront1):
    from businesses.models import BusinessGalleryImage

    page = storefront1
    page.hero_image = images["hero"]
    page.gallery_images = [BusinessGalleryImage(image=images["gallery"], caption="")]
    page.body = [
        ("image", {"image": images["figure"], "caption": ""}),
        ("gallery", {"heading": "", "images": [images["block"]]}),
    ]
    page.save_revision().publish()
    page = Page.objects.get(pk=page.pk).specific
    expected = {images[name].pk for name in ("hero", "gallery", "figure", "block")}
    assert renditions.images_used_by(page) == expected


def test_publishing_a_page_makes_the_renditions_its_images_lack(
    client, images, storefront1, committed
):
    from businesses.models import BusinessGalleryImage

    # Images made outside any commit hook have no renditions yet (as after an upgrade).
    assert all(not rendition_specs(image) for image in images.values())
    page = storefront1
    page.hero_image = images["hero"]
    page.gallery_images = [BusinessGalleryImage(image=images["gallery"], caption="")]
    page.body = [("image", {"image": images["figure"], "caption": ""})]
    with committed():
        page.save_revision().publish()
    for name in ("hero", "gallery", "figure"):
        assert rendition_specs(images[name]) == set(SPECS), name
    assert rendition_specs(images["other"]) == set()

    # The storefront then renders without making any rendition.
    count = images["hero"].get_rendition_model().objects.count()
    response = client.get(page.url)
    assert response.status_code == 200
    assert images["hero"].get_rendition_model().objects.count() == count


def test_a_saved_image_gets_its_renditions_after_commit(db, committed):
    with committed():
        image = factories.make_image("fresh", size=(300, 200))
        # Not before the transaction commits.
        assert rendition_specs(image) == set()
    assert rendition_specs(image) == set(SPECS)


def test_paused_makes_nothing(db, committed):
    with committed(), renditions.paused():
        image = factories.make_image("bulk")
    assert rendition_specs(image) == set()


def test_generate_renditions_command_fills_every_gap_once(images):
    images["hero"].get_rendition("fill-480x320")  # one already there
    out = StringIO()
    call_command("generate_renditions", "--batch", "2", stdout=out)
    text = out.getvalue()
    assert "2/5 images" in text and "4/5 images" in text and "5/5 images" in text
    assert f"5 images, {len(SPECS)} specs: {5 * len(SPECS) - 1} renditions made, 0 failed" in text
    for image in images.values():
        assert rendition_specs(image) == set(SPECS)

    again = StringIO()
    call_command("generate_renditions", stdout=again)
    assert "0 renditions made" in again.getvalue()
    assert images["hero"].renditions.count() == len(SPECS)


def test_generate_renditions_command_one_spec_and_bad_input(images):
    call_command("generate_renditions", "--spec", "width-800", stdout=StringIO())
    assert rendition_specs(images["other"]) == {"width-800"}
    with pytest.raises(CommandError, match="Invalid filter spec"):
        call_command("generate_renditions", "--spec", "nonsense-12", stdout=StringIO())


def test_a_missing_file_is_reported_and_the_others_are_made(images):
    broken = images["other"]
    broken.file.storage.delete(broken.file.name)
    err = StringIO()
    with pytest.raises(CommandError, match="1 images failed"):
        call_command("generate_renditions", stdout=StringIO(), stderr=err)
    assert f"image {broken.pk}" in err.getvalue()
    assert rendition_specs(images["hero"]) == set(SPECS)
    assert rendition_specs(broken) == set()
