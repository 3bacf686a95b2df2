"""The block picker helps editors: every block of the library has a group and a description,
and the blocks that can show an example render their preview in the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from core.blocks import BodyBlock
from tests.factories import KeyFigureFactory


def test_every_block_has_a_group_and_a_description():
    missing = [
        name for name, block in BodyBlock().child_blocks.items() if not (block.meta.group and block.get_description())
    ]
    assert not missing, f"give these blocks a group and a description in their Meta: {missing}"


@pytest.mark.django_db
def test_block_previews_render_in_the_admin(client):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x" * 12)
    client.force_login(admin)
    KeyFigureFactory(value="536.2", label="Remittances sent home", source_title="A source, 2020")
    previewable = [block for block in BodyBlock().child_blocks.values() if block.is_previewable]
    assert len(previewable) >= 8
    for block in previewable:
        response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
        assert response.status_code == 200, block.name
        assert 'href="/static/css/site.css"' in response.content.decode(), block.name
        if block.name == "key_figures":
            assert "Remittances sent home" in response.content.decode()
