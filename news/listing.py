"""The filters and pages of "Media and news": ?kind=, ?year=, ?area= (a work area's slug),
?tag= (a tag's slug) and ?page=, alone or together (core.listing says how such a list behaves)."""

from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.models import Tag

from core.listing import FilteredListing

from .models import KIND_PLURALS, ArticlePage


class ArticleListing(FilteredListing):
    model = ArticlePage
    choice_param = choice_field = "kind"
    choice_label = gettext_lazy("Kind")
    choices = KIND_PLURALS
    choice_error = gettext_lazy("There is no such kind of article.")
    extra_params = ("tag",)

    selected_tag = None

    def get_items(self):
        return self.index.get_articles(self.request)

    def order(self, items):
        return items.with_card_images().featured_first()

    @cached_property
    def tags(self):
        """The tags of this index's articles, by name."""
        return list(
            Tag.objects.filter(news_articlepagetag_items__content_object__in=self.items.values("pk"))
            .distinct()
            .order_by("name")
        )

    def select_extra(self, params):
        tag = params["tag"]
        if tag:
            self.selected_tag = next((item for item in self.tags if item.slug == tag), None)
            if self.selected_tag is not None:
                self.selected["tag"] = tag
            else:
                self.errors.append(_("No article has this tag."))

    def filter_extra(self, items):
        return items.filter(tags=self.selected_tag) if self.selected_tag is not None else items

    def extra_filter_groups(self):
        if not self.tags:
            return []
        tags = [(tag.slug, tag.name) for tag in self.tags]
        return [{"name": "tag", "label": _("Tag"), "options": self.options("tag", tags)}]

    def extra_active_filters(self):
        return [(_("Tag"), self.selected_tag.name)] if self.selected_tag is not None else []
