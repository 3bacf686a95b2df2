"""The contact form: topic, name, e-mail, message and consent, with its defences against spam.

- a honeypot: a field people never see (hidden by the stylesheet, skipped by the keyboard and by
  screen readers) that only robots fill in;
- length limits on every field;
- plain text only: anything that looks like an HTML tag is refused.
The per-address rate limit is applied by the page (contact.models.ContactPage.serve).
"""

import re

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

NAME_MAX_LENGTH = 100
EMAIL_MAX_LENGTH = 254
MESSAGE_MAX_LENGTH = 3000
HONEYPOT_FIELD = "website"
# An opening or closing tag, a comment or a doctype: "<b>", "</p>", "<a href=...>", "<!-- -->".
# "a < b" or "<3" are plain text and pass.
HTML_TAG = re.compile(r"<\s*[a-zA-Z!/?][^<>]*>")

PLAIN_TEXT_ERROR = _("Please write plain text: HTML and other markup are not accepted.")
HONEYPOT_ERROR = _(
    "Your message looks as if it was sent automatically, so it was not sent. "
    "If you are a person, leave the last field empty and send it again."
)


def refuse_markup(value):
    if HTML_TAG.search(value or ""):
        raise forms.ValidationError(PLAIN_TEXT_ERROR, code="markup")


class ContactForm(forms.Form):
    """Built by ContactPage.get_form() with the page's topics; `submission_data()` is what is stored."""

    topic = forms.TypedChoiceField(
        label=_("Topic"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the topic of your message.")},
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=NAME_MAX_LENGTH,
        validators=[refuse_markup],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name.")},
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=EMAIL_MAX_LENGTH,
        help_text=_("We reply to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address like name@example.com."),
        },
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        help_text=format_lazy(_("Plain text, at most {count} characters."), count=MESSAGE_MAX_LENGTH),
        validators=[refuse_markup],
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write your message.")},
    )
    consent = forms.BooleanField(
        label=_("I agree that IOM Mongolia stores my message and contact details as the privacy notice says."),
        error_messages={"required": _("Tick the box to agree, or we cannot receive your message.")},
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, topics=(), **kwargs):
        kwargs.setdefault("auto_id", "contact-%s")
        super().__init__(*args, **kwargs)
        self.topics = {topic.pk: topic for topic in topics}
        if self.topics:
            self.fields["topic"].choices = [(pk, topic.label) for pk, topic in self.topics.items()]
        else:
            del self.fields["topic"]
        # The length limit is checked on the server too; the counter is in the help text.
        self.fields["message"].widget.attrs["maxlength"] = MESSAGE_MAX_LENGTH

    def clean(self):
        cleaned_data = super().clean()
        if self.data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(HONEYPOT_ERROR, code="honeypot")
        return cleaned_data

    @property
    def chosen_topic(self):
        return self.topics.get(self.cleaned_data.get("topic"))

    def submission_data(self):
        """What is stored: the topic by its label (as the visitor saw it), never the honeypot."""
        topic = self.chosen_topic
        return {
            "topic": topic.label if topic else "",
            "name": self.cleaned_data["name"],
            "email": self.cleaned_data["email"],
            "message": self.cleaned_data["message"],
            "consent": self.cleaned_data["consent"],
        }
