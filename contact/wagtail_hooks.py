"""Admin for the contact app: the mailboxes (administrators only), who may read messages, and the
dashboard's warning about topics without a mailbox."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from .models import ContactMailbox, ContactPage, ContactTopic

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


class TopicsWithoutMailboxDashboardPanel(Component):
    """On the dashboard, when a contact topic has no mailbox: its messages go to the page's default
    address, or, without one, to nobody (they are only kept in the admin). One query."""

    name = "contact-topics-without-mailbox"
    order = 60
    template_name = "contact/admin/dashboard_panel.html"

    def __init__(self, topics):
        self.topics = topics

    def get_context_data(self, parent_context=None):
        return {"topics": self.topics}


@hooks.register("construct_homepage_panels")
def add_topics_without_mailbox_panel(request, panels):
    topics = list(
        ContactTopic.objects.filter(mailbox__isnull=True)
        .select_related("page", "locale")
        .order_by("page__path", "sort_order")
    )
    if topics:
        panels.append(TopicsWithoutMailboxDashboardPanel(topics))
