"""Admin for the contact app: the mailboxes (administrators only) and who may read messages."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import ContactMailbox, ContactPage

READ_MESSAGES = "contact.view_contactsubmission"


class ContactMailboxViewSet(ModelViewSet):
    """Settings → Contact mailboxes: no group is granted these permissions, so only
    administrators (superusers) see the menu item and the addresses."""

    model = ContactMailbox
    icon = "mail"
    menu_label = _("Contact mailboxes")
    add_to_settings_menu = True
    list_display = ["name", "addresses"]
    form_fields = ["name", "addresses"]


@hooks.register("register_admin_viewset")
def register_contact_mailboxes():
    return ContactMailboxViewSet("contact_mailboxes")


@hooks.register("filter_form_submissions_for_user")
def messages_only_for_those_allowed(user, form_pages):
    """Wagtail shows a form's submissions to whoever may edit the page; contact messages hold
    personal data, so they also need the “view contact message” permission (moderators have it)."""
    if user.has_perm(READ_MESSAGES):
        return form_pages
    return form_pages.not_type(ContactPage)


@hooks.register("register_permissions")
def contact_message_permissions():
    """Lets administrators grant reading contact messages to a group (Settings → Groups)."""
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="contact", codename="view_contactsubmission")
