"""wagtail-localize's translation editor (of a page or a snippet): buttons in its header, and
"Convert to alias page" out of its footer.

Upstream gap (wagtail-localize 1.14, Wagtail 7.4): the translation editor
(`wagtail_localize/admin/edit_translation.html`) includes Wagtail's page header without the
`buttons` that Wagtail's own edit view passes (from `register_page_header_buttons`), and offers no
hook or block for actions of its own; its footer is a React component whose main button is the
last action it has, which for an editor who may not publish is "Convert to alias page" (it throws
the translation away). wagtail/wagtail-localize#676: the translation editor and Wagtail's
workflows are not integrated.

What this does, from `compat/templates/wagtail_localize/admin/edit_translation.html` (which extends
wagtail-localize's template of the same name and changes two of its context variables) and
`compat/templates/wagtail_localize/admin/includes/generic_header.html` (a snippet's header, which
extends wagtail-localize's and shows those buttons):
- the header shows the buttons of the project's `translation_editor_header_buttons` hook
  (editorial registers "Submit translation for review" there);
- "Convert to alias page" leaves the footer (the `convertToAliasUrl` of the editor's props) and is
  a secondary button in the header, to wagtail-localize's own confirmation page.
The guard tests are in tests/test_compat.py."""

import json

from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import HeaderButton

HOOK = "translation_editor_header_buttons"


def convert_to_alias_button(props, next_url):
    """The footer's "Convert to alias page", as a secondary header button (None: not offered)."""
    url = props.get("links", {}).get("convertToAliasUrl")
    if not url:
        return None
    return HeaderButton(
        _("Convert to alias page"),
        f"{url}?{urlencode({'next': next_url})}",
        icon_name="undo",
        classname="button-secondary",
        priority=900,
    )


def header(instance, request, props_json):
    """(buttons, props) for the translation editor of `instance`."""
    props = json.loads(props_json)
    next_url = request.get_full_path()
    buttons = []
    for hook in hooks.get_hooks(HOOK):
        buttons.extend(hook(instance, request.user, next_url))
    convert = convert_to_alias_button(props, next_url)
    if convert is not None:
        buttons.append(convert)
        props["links"]["convertToAliasUrl"] = None
    buttons.sort(key=lambda button: getattr(button, "priority", 0))
    return buttons, json.dumps(props)
