"""Images go out as <picture> with modern formats and sizes; embeds go out as links."""

import re

import pytest
import wagtail_factories
from django.core.cache import cache
from django.utils import translation
from wagtail.embeds.models import Embed

from core.blocks import BodyBlock


@pytest.mark.django_db
def test_image_block_renders_avif_webp_and_jpeg_with_size_and_lazy_loading():
    # Wagtail caches renditions by image id: an earlier test's image may have had the same id.
    cache.clear()
    image = wagtail_factories.ImageFactory(file__width=1600, file__height=900)
    body = BodyBlock().to_python(
        [{"type": "image", "value": {"image": image.pk, "alt_text": "Staff at a border post"}}]
    )
    html = body.render_as_block()
    sources = re.findall(r"<source [^>]+>", html)
    assert [re.search(r'type="([^"]+)"', source).group(1) for source in sources] == ["image/avif", "image/webp"]
    img = re.search(r"<img [^>]+>", html).group(0)
    assert 'alt="Staff at a border post"' in img
    assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
    assert 'loading="lazy"' in img
    assert re.search(r"srcset=\"[^\"]+ 400w, [^\"]+ 800w", html)


@pytest.mark.django_db
def test_decorative_image_gets_an_empty_alt():
    image = wagtail_factories.ImageFactory()
    body = BodyBlock().to_python([{"type": "image", "value": {"image": image.pk, "alt_text": ""}}])
    assert 'alt=""' in body.render_as_block()


@pytest.mark.django_db
def test_embed_renders_as_a_link_without_asking_the_provider():
    url = "https://www.youtube.com/watch?v=abc123"
    body = BodyBlock().to_python([{"type": "embed", "value": url}])
    with translation.override("en"):
        html = body.render_as_block()
    assert "<iframe" not in html and "<script" not in html
    assert f'<a href="{url}">Watch or read this on youtube.com</a>' in html
    embed = Embed.objects.get(url=url)
    assert embed.html == "" and embed.type == "link"
