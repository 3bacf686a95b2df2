"""wagtail-localize's "Sync translated pages" with the review rule: only someone who may publish
the content (a moderator) is offered "Publish immediately"; for an editor the sync updates the
translations as drafts, which then go through review like any change."""

from django.contrib.auth import get_permission_codename
from wagtail.models import Page
from wagtail_localize.views.update_translations import UpdateTranslationsView


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
