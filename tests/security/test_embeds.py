"""Embeds: only YouTube and Vimeo, and no server-side fetch of a URL an editor
typed. Each test runs under a boundary guard (network_guard) that records and
refuses any name lookup or connection beyond this machine, so a fetch the
code attempts fails the test even when the code swallows the error."""

import pytest
from django.urls import reverse
from wagtail import blocks
from wagtail.embeds import embeds
from wagtail.embeds.exceptions import EmbedException
from wagtail.embeds.finders import get_finders
from wagtail.embeds.oembed_providers import vimeo, youtube

from businesses.blocks import StorefrontBodyBlock, VideoBlock

from .network_guard import no_outbound_network

NOT_ALLOWED = [
    "https://evil.example/watch?v=dQw4w9WgXcQ",
    "http://169.254.169.254/latest/meta-data/",
    "http://127.0.0.1:8000/admin/",
    "https://www.flickr.com/photos/someone/12345678/",  # a known oEmbed provider, not ours
    "https://soundcloud.com/someone/a-track",
    "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
    "javascript:alert(1)//https://youtu.be/dQw4w9WgXcQ",
]
# Refused by the video block; Wagtail's oEmbed finder would hand it to Vimeo's
# own endpoint (an allowlisted provider), never fetch it.
VIDEO_BLOCK_ONLY = ["https://vimeo.com/../../169.254.169.254", "https://youtu.be/short"]


@pytest.fixture
def guard(monkeypatch):
    with no_outbound_network(monkeypatch) as attempts:
        yield attempts


@pytest.mark.parametrize("url", NOT_ALLOWED + VIDEO_BLOCK_ONLY)
def test_video_block_refuses_other_hosts_with_a_field_error(url, guard):
    with pytest.raises(blocks.StructBlockValidationError) as caught:
        VideoBlock().clean({"url": url, "title": "動画"})
    errors = caught.value.block_errors
    assert "url" in errors
    assert guard == []


def test_video_block_error_is_translated(guard):
    from django.utils import translation

    for language, text in [
        ("en", "Only YouTube and Vimeo videos can be embedded."),
        ("ja", "埋め込みできるのは YouTube と Vimeo の動画のみです。"),
    ]:
        with translation.override(language):
            with pytest.raises(blocks.StructBlockValidationError) as caught:
                VideoBlock().clean({"url": NOT_ALLOWED[0], "title": "x"})
            messages = [str(m) for m in caught.value.block_errors["url"]]
            assert messages == [text]
    assert guard == []


@pytest.mark.django_db
def test_allowed_video_renders_without_any_fetch(guard):
    stream = StorefrontBodyBlock()
    value = stream.to_python(
        [{"type": "video", "value": {"url": "https://youtu.be/dQw4w9WgXcQ", "title": "店内"}}]
    )
    html = str(stream.render(value))
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert guard == []


def test_oembed_is_configured_for_youtube_and_vimeo_only():
    endpoints = set()
    for finder in get_finders():
        endpoints.update(finder._endpoints)
    assert endpoints == {youtube["endpoint"], vimeo["endpoint"].replace("{format}", "json")}


@pytest.mark.django_db
@pytest.mark.parametrize("url", NOT_ALLOWED)
def test_wagtail_embed_lookup_never_fetches_other_hosts(url, guard):
    with pytest.raises(EmbedException):
        embeds.get_embed(url)
    assert guard == []


@pytest.mark.django_db
def test_admin_embed_chooser_refuses_other_hosts_without_fetching(
    client, owner1, storefront1, guard
):
    """The admin's embed chooser (registered by wagtail.embeds) is the one
    place a logged-in user can hand the server a URL to look up."""
    client.force_login(owner1)
    for url in NOT_ALLOWED[:5]:
        response = client.post(reverse("wagtailembeds:chooser_upload"), {"embed-chooser-url": url})
        assert response.status_code == 200
        assert response.json()["step"] == "chooser"  # the form again, with its error
        assert "embed_html" not in response.json()
    assert guard == []
