"""wagtail-localize's translation views with the review rule.

"Sync translated pages": only someone who may publish the content (a moderator) is offered
"Publish immediately"; for an editor the sync updates the translations as drafts, which then go
through review like any change.

"Translate page": wagtail-localize publishes the new translation at once (converting the
Mongolian alias into a page of its own, showing the English text as if it were Mongolian). Here
the translation is started as a draft and the public page does not change: it is published when
a moderator approves the translation (or publishes it from the translation editor).

"Translate" on a snippet is wagtail-localize's own view: with WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE
off (settings) it starts the Mongolian key figure, partner... as a draft, which an editor submits
for review (editorial.translation_review)."""

from django.contrib import messages
from django.contrib.auth import get_permission_codename
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import HiddenInput
from django.shortcuts import redirect
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.views.submit_translations import SubmitPageTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView

from .translation_review import edit_url, save_translation_as_draft


def can_publish(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    options = instance._meta
    return user.is_superuser or user.has_perm(f"{options.app_label}.{get_permission_codename('publish', options)}")


class ReviewedUpdateTranslationsView(UpdateTranslationsView):
    def may_publish(self):
        return can_publish(self.request.user, self.object.get_source_instance())

    def get_form(self):
        form = super().get_form()
        if not self.may_publish():
            form.fields.pop("publish_translations", None)
        return form

    def form_valid(self, form):
        if not self.may_publish():
            form.cleaned_data["publish_translations"] = False
        return super().form_valid(form)

    def get_success_url(self):
        """After the sync, the translation editor of what was synced (with one translation
        enabled), where the new English text waits; wagtail-localize goes back to the English
        page list."""
        enabled = list(self.object.translations.filter(enabled=True).select_related("target_locale"))
        if len(enabled) == 1:
            target = self.object.get_source_instance().get_translation_or_none(enabled[0].target_locale)
            if target is not None:
                return edit_url(target)
        return super().get_success_url()


class DraftSubmitPageTranslationView(SubmitPageTranslationView):
    """ "Translate page" that starts each translation as a draft of the page in that language.
    The pages below are translated one by one (wagtail-localize's "include subtree" would
    publish them)."""

    def get_form(self):
        form = super().get_form()
        form.fields["include_subtree"].widget = HiddenInput()
        return form

    @transaction.atomic
    def form_valid(self, form):
        page = self.object
        locales = form.cleaned_data["locales"]
        source, _created = TranslationSource.get_or_create_from_instance(page)
        creator = TranslationCreator(self.request.user, locales)
        # The page's related snippets (key figures, partners...) as wagtail-localize does, new
        # translations as drafts (WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE); one that exists
        # is left alone (wagtail-localize would save it again: published, or, as a draft, unpublished).
        for segment in source.relatedobjectsegment_set.all():
            related = segment.object.get_instance(page.locale)
            existing = set(related.get_translations().values_list("locale_id", flat=True))
            missing = [locale for locale in locales if locale.pk not in existing]
            if missing:
                related_creator = TranslationCreator(self.request.user, missing)
                related_creator.create_translations(related, include_related_objects=False)
                for related_source, translations in related_creator.mappings.items():
                    creator.mappings[related_source] += translations
        creator.seen_objects.add(page.translation_key)
        for locale in locales:
            if locale.pk == source.locale_id:
                continue
            translation, _created = Translation.objects.update_or_create(
                source=source, target_locale=locale, defaults={"enabled": True}
            )
            creator.mappings[source].append(translation)
            target = Page.objects.filter(translation_key=page.translation_key, locale=locale).first()
            try:
                if target is None:
                    translation.save_target(user=self.request.user, publish=False)
                else:
                    save_translation_as_draft(target.specific, translation, self.request.user)
            except ValidationError:
                pass  # as wagtail-localize: the translation editor shows what is missing
        self.components.save(creator, sources_and_translations=creator.mappings)
        single = self.object.get_translation_or_none(locales[0]) if len(locales) == 1 else None
        label = locales[0].get_display_name() if len(locales) == 1 else str(len(locales))
        messages.success(self.request, self.get_success_message(label))
        return redirect(self.get_success_url() or self.get_default_success_url(single))
