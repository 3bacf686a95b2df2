"""Images in page bodies need alternative text unless the editor marks them decorative."""

import pytest
from django.core.exceptions import ValidationError
from wagtail_factories import ImageFactory

from core.blocks import CaptionedImageBlock as ImageBlock


@pytest.fixture
def image(db):
    return ImageFactory(title="Winter kits")


def test_a_meaningful_image_without_alt_text_is_refused(image):
    block = ImageBlock()
    with pytest.raises(ValidationError) as refused:
        block.clean(block.to_python({"image": image.pk, "alt_text": "  ", "decorative": False}))
    assert "Describe what the image shows" in str(refused.value.block_errors["alt_text"])


def test_alt_text_is_rendered(image):
    block = ImageBlock()
    value = block.clean(block.to_python({"image": image.pk, "alt_text": "IOM staff hand out winter kits"}))
    assert 'alt="IOM staff hand out winter kits"' in block.render(value)


def test_a_decorative_image_needs_no_alt_text_and_is_skipped_by_screen_readers(image):
    block = ImageBlock()
    value = block.clean(block.to_python({"image": image.pk, "alt_text": "ignored", "decorative": True}))
    html = block.render(value)
    assert 'alt=""' in html and "ignored" not in html
