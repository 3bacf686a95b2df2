"""The site's own editor guide, served inside the admin (docs/editor-guide.md, rendered)."""

from functools import lru_cache

import markdown
from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

GUIDE = settings.BASE_DIR / "docs" / "editor-guide.md"


@lru_cache(maxsize=1)
def _guide_html(modified):
    text = GUIDE.read_text(encoding="utf-8")
    # The guide is the project's own file, written by the team: its HTML is trusted.
    return mark_safe(markdown.markdown(text, extensions=["tables", "toc"], output_format="html"))  # noqa: S308


def editor_guide(request):
    return TemplateResponse(
        request,
        "editorial/editor_guide.html",
        {"page_title": _("Editor guide"), "guide": _guide_html(GUIDE.stat().st_mtime)},
    )
