"""Admin forms of the project's pages and snippets.

A page offered as a choice in a many-to-many field (say, the work areas of an article, an event or a
partner) exists once per language: the English page and its Mongolian translation or alias, under
the same title until a translator changes it. The forms here offer only the pages of the language of
what is being edited, so that an editor sees each work area once.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.models import Locale, Page


class SameLanguageChoicesMixin:
    def limit_page_choices_to_locale(self, locale_id):
        for field in self.fields.values():
            if not isinstance(field, forms.ModelMultipleChoiceField):
                continue
            if issubclass(field.queryset.model, Page):
                field.queryset = field.queryset.filter(locale_id=locale_id)

    def form_locale_id(self, fallback_parent=None):
        locale_id = getattr(self.instance, "locale_id", None)
        if locale_id is None and fallback_parent is not None:
            locale_id = fallback_parent.locale_id
        return locale_id or Locale.get_default().pk


class PageForm(SameLanguageChoicesMixin, WagtailAdminPageForm):
    """The base form of every page type (core.models.BasePage.base_form_class)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_page_choices_to_locale(self.form_locale_id(self.parent_page))


class SnippetForm(SameLanguageChoicesMixin, WagtailAdminModelForm):
    """The base form of the project's translatable snippets that choose pages (e.g. partners)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_page_choices_to_locale(self.form_locale_id())


class PasswordForm(forms.Form):
    """The signed-in user's password again, before a change that weakens their sign-in."""

    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."), code="wrong_password")
        return password
