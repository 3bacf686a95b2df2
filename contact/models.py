"""The contact form page and the privacy notice.

A message is stored before any e-mail is sent, then forwarded by a background task
(contact/tasks.py) that retries while the mail server is down: the message is kept, its status
says what became of its e-mail, and the visitor is told it was received.
Topics route messages to mailboxes; only administrators see or set a mailbox's addresses
(editors choose a mailbox by its name). The page is never cached: it carries the visitor's own
CSRF token.
"""

import re

from django.conf import settings
from django.db import models, transaction
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited
from modelcluster.fields import ParentalKey
from wagtail.admin.mail import send_mail
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormSubmission, validate_to_address
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.models import BasePage, IntroBodyPage

from .forms import ContactForm
from .panels import TopicsWithoutMailboxPanel
from .tasks import forward_contact_message

RATE_LIMIT_GROUP = "contact-form"
RATE_LIMIT_MESSAGE = _(
    "You have sent several messages in a short time, so this one was not sent. Please wait ten minutes and "
    "send it again: your text is still in the form below."
)


def rate_limit():
    """settings.CONTACT_FORM_RATE_LIMIT (django-ratelimit's "5/10m") as {count, minutes}, for the notice."""
    match = re.fullmatch(r"(\d+)/(\d*)([smhd])", settings.CONTACT_FORM_RATE_LIMIT)
    count, multiplier, unit = match.groups()
    seconds = int(multiplier or 1) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit]
    return {"count": int(count), "minutes": max(seconds // 60, 1)}


def never_cache(response):
    """The form carries this visitor's CSRF token: no shared cache (nor the browser) may keep it."""
    response["Cache-Control"] = "private, no-store"
    return response


class ContactMailbox(models.Model):
    """A named set of addresses that receives the messages of some topics. Administrators only."""

    name = models.CharField(
        max_length=100,
        unique=True,
        verbose_name=_("name"),
        help_text=_("A name editors recognise when they choose where a topic goes, e.g. “Procurement unit”."),
    )
    addresses = models.CharField(
        max_length=255,
        validators=[validate_to_address],
        verbose_name=_("e-mail addresses"),
        help_text=_("One or more e-mail addresses, separated by commas. Editors never see them."),
    )

    panels = [FieldPanel("name"), FieldPanel("addresses")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact mailbox")
        verbose_name_plural = _("contact mailboxes")

    def __str__(self):
        return self.name

    def recipients(self):
        return [address.strip() for address in self.addresses.split(",") if address.strip()]


class ContactSubmission(AbstractFormSubmission):
    """One message sent through the contact form, and what became of its e-mail."""

    class MailStatus(models.TextChoices):
        PENDING = "pending", _("Not sent yet")
        RETRYING = "retrying", _("Not sent yet: the mail server did not answer, trying again")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed: read the message here")
        NO_ADDRESS = "no-address", _("Not sent: no address set for the topic")

    mail_status = models.CharField(
        max_length=12,
        choices=MailStatus.choices,
        default=MailStatus.PENDING,
        verbose_name=_("e-mail forwarding"),
        help_text=_("Whether the message was forwarded by e-mail. Failed ones are only here: reply from here."),
    )

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")

    def get_data(self):
        return {**super().get_data(), "mail_status": self.get_mail_status_display()}


class ContactPage(AbstractEmailForm, BasePage):
    """“Contact us”: the office's address and phone (from the site settings and site text), and
    the contact form, whose topics route messages to mailboxes."""

    intro = models.TextField(
        blank=True,
        max_length=500,
        verbose_name=_("introduction"),
        help_text=_("One or two sentences above the office's address and the form."),
    )
    privacy_notice = models.ForeignKey(
        "contact.PrivacyNoticePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy notice"),
        help_text=_("The privacy notice that the consent box links to."),
    )
    thank_you_text = models.TextField(
        blank=True,
        max_length=500,
        verbose_name=_("thank-you text"),
        help_text=_("Shown under the confirmation after a message is sent, e.g. when to expect a reply."),
    )
    # EmailFormMixin's fields, with help for editors; the addresses are for administrators only.
    to_address = models.CharField(
        max_length=255,
        blank=True,
        validators=[validate_to_address],
        verbose_name=_("to address"),
        help_text=_(
            "Addresses (separated by commas) that receive messages whose topic has no mailbox. "
            "Only administrators see this field."
        ),
    )
    from_address = models.EmailField(
        max_length=255,
        blank=True,
        verbose_name=_("from address"),
        help_text=_(
            "The sender of the forwarded messages; leave empty for the server's own address. "
            "Only administrators see this field."
        ),
    )
    subject = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("subject"),
        help_text=_("The start of the subject line of forwarded messages; the topic is added after it."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        TopicsWithoutMailboxPanel(heading=_("Topics without a mailbox")),
        InlinePanel(
            "topics",
            heading=_("Topics"),
            label=_("Topic"),
            help_text=_("What visitors choose from. Each topic's messages go to the mailbox chosen for it."),
        ),
        FieldPanel("privacy_notice"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldPanel("subject"),
                FieldPanel("to_address", permission="superuser"),
                FieldPanel("from_address", permission="superuser"),
            ],
            heading=_("Forwarding by e-mail"),
        ),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    # Translators never see the addresses: they are copied to translations as they are.
    override_translatable_fields = [
        SynchronizedField("to_address", overridable=False),
        SynchronizedField("from_address", overridable=False),
    ]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["contact.PrivacyNoticePage"]
    max_count_per_parent = 1
    template = "contact/contact_page.html"
    landing_page_template = "contact/contact_page_landing.html"
    summary_field = "intro"

    class Meta:
        verbose_name = _("contact page")
        verbose_name_plural = _("contact pages")

    # The form ----------------------------------------------------------------------------

    def get_form_class(self):
        return ContactForm

    def get_form(self, *args, **kwargs):
        kwargs.pop("page", None)
        kwargs.pop("user", None)
        return ContactForm(*args, topics=self.topics.all(), **kwargs)

    def get_data_fields(self):
        """The columns of the submissions list and of its CSV export, in the admin."""
        return [
            ("submit_time", _("Submission date")),
            ("topic", _("Topic")),
            ("name", _("Name")),
            ("email", _("E-mail")),
            ("message", _("Message")),
            ("consent", _("Agreed to the privacy notice")),
            ("mail_status", _("E-mail forwarding")),
        ]

    def get_submission_class(self):
        return ContactSubmission

    def get_submissions_list_view_class(self):
        from .views import ContactSubmissionsListView

        return ContactSubmissionsListView

    def is_rate_limited(self, request):
        """Counts every message sent from the visitor's address; True past the limit."""
        return is_ratelimited(
            request,
            group=RATE_LIMIT_GROUP,
            key="ip",
            rate=settings.CONTACT_FORM_RATE_LIMIT,
            method="POST",
            increment=True,
        )

    def serve(self, request, *args, **kwargs):
        status = 200
        if request.method == "POST":
            form = self.get_form(request.POST)
            if self.is_rate_limited(request):
                form.add_error(None, RATE_LIMIT_MESSAGE)
                status = 429
            elif form.is_valid():
                submission = self.process_form_submission(form)
                return never_cache(self.render_landing_page(request, submission, *args, **kwargs))
            else:
                status = 400
        else:
            form = self.get_form()
        context = self.get_context(request)
        context["form"] = form
        return never_cache(TemplateResponse(request, self.get_template(request), context, status=status))

    def serve_preview(self, request, mode_name):
        return never_cache(super().serve_preview(request, mode_name))

    # Storing, then forwarding --------------------------------------------------------------

    def process_form_submission(self, form):
        """Store the message and queue its forwarding (contact/tasks.py) in one transaction: no
        message is stored without its task, and a mail outage only delays it."""
        topic = form.chosen_topic
        recipients = topic.mailbox.recipients() if topic and topic.mailbox else []
        recipients = recipients or [address.strip() for address in self.to_address.split(",") if address.strip()]
        with transaction.atomic():
            submission = ContactSubmission.objects.create(
                form_data=form.submission_data(),
                page=self,
                mail_status=ContactSubmission.MailStatus.PENDING
                if recipients
                else ContactSubmission.MailStatus.NO_ADDRESS,
            )
            if recipients:
                forward_contact_message.enqueue(submission.pk, recipients)
        if recipients:
            submission.refresh_from_db(fields=["mail_status"])  # "Sent" already when the task ran at once
        return submission

    def send_message(self, submission, recipients):
        data = submission.form_data
        # Staff read the forwarded message in the site's default language.
        with translation.override(settings.LANGUAGE_CODE):
            subject = " ".join(f"{self.subject or self.title}: {data['topic'] or data['name']}".split())
            lines = [f"{label}: {data[name]}" for name, label in self.get_data_fields()[1:4]]
            body = "\n".join([*lines, "", data["message"], "", f"({_('Message')} #{submission.pk})"])
        send_mail(subject, body, recipients, self.from_address or None, reply_to=[data["email"]])


class ContactTopic(TranslatableMixin, Orderable):
    """A topic visitors choose on the contact form, and the mailbox its messages go to."""

    page = ParentalKey(
        ContactPage,
        on_delete=models.CASCADE,
        related_name="topics",
        help_text=_("The contact page offering this topic."),
    )
    label = models.CharField(
        max_length=100,
        verbose_name=_("topic"),
        help_text=_("What the visitor chooses, e.g. “General enquiry”."),
    )
    mailbox = models.ForeignKey(
        ContactMailbox,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("mailbox"),
        help_text=_(
            "Where this topic's messages go. Administrators set up mailboxes and their addresses; "
            "leave empty to use the page's default address."
        ),
    )

    panels = [FieldPanel("label"), FieldPanel("mailbox")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("contact topic")
        verbose_name_plural = _("contact topics")

    def __str__(self):
        return self.label


class PrivacyNoticePage(IntroBodyPage):
    """What the site itself collects. The facts the software decides (the form's fields, how long
    messages are kept, the cookies) are written by the template from the settings, so they stay true;
    the body holds what the communications team adds."""

    parent_page_types = ["pages.HomePage", "contact.ContactPage"]
    subpage_types = []
    max_count = 1
    template = "contact/privacy_notice_page.html"

    class Meta:
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            retention_days=settings.CONTACT_SUBMISSION_RETENTION_DAYS,
            rate_limit=rate_limit(),
            csrf_cookie_days=settings.CSRF_COOKIE_AGE // 86400,
            session_cookie_days=settings.SESSION_COOKIE_AGE // 86400,
        )
        return context
