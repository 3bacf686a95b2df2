"""Every label an editor reads in the page editor and the snippet forms can be translated: the
verbose names of the project's models and of their fields, and the labels of the StreamField
blocks. Django and Wagtail derive a missing one from the attribute's name ("lead image credit",
"Call to action") as a plain string, which the Mongolian admin would show in English."""

from django.apps import apps
from django.utils.functional import Promise
from wagtail.blocks import ListBlock, StreamBlock, StructBlock
from wagtail.fields import StreamField

from tests.project import project_app_labels

# Fields of the project's models that no editor sees in a form, so their names need no translation.
NOT_SHOWN_TO_EDITORS = {
    # The tags' through model: editors fill in the article's "tags" field, never these.
    "news.ArticlePageTag.tag",
    "news.ArticlePageTag.content_object",
    # The parent key of the contact page's inline panel of topics.
    "contact.ContactTopic.page",
    # Filled in by the contact form (Wagtail's fields); the admin lists messages by get_data_fields().
    "contact.ContactSubmission.form_data",
    "contact.ContactSubmission.page",
    # The parent link of the Language versions panel, never shown as a field.
    "pages.PublicationLanguageVersion.page",
}


def project_models():
    labels = project_app_labels()
    return [model for model in apps.get_models() if model._meta.app_label in labels]


def name_of(model, field):
    return f"{model._meta.label}.{field.name}"


def editable_fields():
    """The fields of the project's models an editor may meet in a form: concrete, editable and
    not made by Django itself (ids, parent links). Non-editable fields (translation keys, locales,
    sort orders, file hashes) never reach a form."""
    for model in project_models():
        for field in model._meta.get_fields():
            if getattr(field, "model", None) is model and field.concrete and not field.auto_created and field.editable:
                yield model, field


def is_translatable(text):
    return isinstance(text, Promise)


def stream_fields():
    for model in project_models():
        for field in model._meta.get_fields():
            if getattr(field, "model", None) is model and isinstance(field, StreamField):
                yield model, field


def child_blocks(block):
    if isinstance(block, (StructBlock, StreamBlock)):
        return list(block.child_blocks.items())
    if isinstance(block, ListBlock):
        return [("item", block.child_block)]
    return []


def walk_blocks(block, path):
    """(path, block) for every block below `block`, depth first."""
    for name, child in child_blocks(block):
        child_path = f"{path} › {name}"
        yield child_path, child
        yield from walk_blocks(child, child_path)


def project_blocks():
    """{path: block} for every block of every StreamField of the project's models, once per block
    definition: a path starts with the field's stream block class (e.g. "BodyBlock", which many
    page types share), or with "app.Model.field" for a field that lists its blocks itself."""
    found = {}
    for model, field in stream_fields():
        root = type(field.stream_block)
        start = root.__name__ if root is not StreamBlock else name_of(model, field)
        for path, block in walk_blocks(field.stream_block, start):
            found.setdefault(path, block)
    return found


def test_the_checks_see_the_fields_and_blocks_editors_use():
    fields = {name_of(model, field) for model, field in editable_fields()}
    assert {
        "news.ArticlePage.lead_image_credit",
        "pages.WorkAreaPage.sdgs",
        "core.SiteSettings.phone",
        "pages.KeyFigure.source_url",
        "contact.ContactPage.to_address",
        "pages.ResourceDocument.publication_date",
    } <= fields
    assert NOT_SHOWN_TO_EDITORS <= fields, "a field of the skip set no longer exists: remove it from the set"
    assert {
        "BodyBlock › chart › series › item › value",
        "BodyBlock › people › people › item",
        "pages.TakeActionPage.actions › call_to_action › link_text",
        "opportunities.OpportunityPage.attachments › document",
    } <= set(project_blocks())


def test_every_model_has_translatable_names():
    missing = [
        f"{model._meta.label}.Meta.{option}"
        for model in project_models()
        for option in ("verbose_name", "verbose_name_plural")
        # An option not set in Meta is derived from the class name (the plural by adding "s").
        if option not in model._meta.original_attrs or not is_translatable(getattr(model._meta, option))
    ]
    assert not missing, f"give these models a verbose name in gettext_lazy: {missing}"


def test_every_field_editors_see_has_a_translatable_verbose_name():
    missing = [
        name_of(model, field)
        for model, field in editable_fields()
        if name_of(model, field) not in NOT_SHOWN_TO_EDITORS and not is_translatable(field.verbose_name)
    ]
    assert not missing, f"{len(missing)} fields need verbose_name=_(...): {missing}"


def test_every_block_has_a_translatable_label():
    missing = sorted(path for path, block in project_blocks().items() if not is_translatable(block.label))
    assert not missing, f"{len(missing)} blocks need label=_(...): {missing}"
