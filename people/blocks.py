"""Blocks with which other pages show people (part of the block library in pages/blocks.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class PeopleBlock(blocks.StructBlock):
    """A few people, chosen among the person pages only, shown as cards."""

    heading = blocks.CharBlock(required=False, max_length=120, help_text=_("E.g. “Contacts”. Optional."))
    people = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="people.PersonPage", label=_("Person")),
        min_num=1,
        help_text=_("Choose person pages; their photo, name, role and short biography are shown."),
    )

    class Meta:
        icon = "group"
        label = _("People")
        template = "people/blocks/people_block.html"
