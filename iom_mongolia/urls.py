from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from core import private_media
from editorial.translation_views import DraftSubmitPageTranslationView, ReviewedUpdateTranslationsView
from operations import health
from search import views as public_views

handler500 = "operations.views.server_error"

urlpatterns = [
    # Before the admin's own: "Sync translated pages" offers "Publish immediately" to moderators only.
    path(
        "admin/localize/update/<int:translation_source_id>/",
        require_admin_access(ReviewedUpdateTranslationsView.as_view()),
    ),
    # "Translate page" starts the translation as a draft: the public page changes after review.
    path(
        "admin/localize/submit/page/<int:page_id>/",
        require_admin_access(DraftSubmitPageTranslationView.as_view()),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Files of images in restricted collections, to those who may view them (core/private_media.py).
    path("private-media/<path:name>", private_media.serve, name="private_media"),
    # The read-only open data API, versioned in its path (docs/api.md).
    path("api/v2/", include("api.urls")),
    path("sitemap.xml", public_views.sitemap, name="sitemap"),
    path("robots.txt", public_views.robots_txt, name="robots_txt"),
    # Readiness (database, cache, storage within 2 s) and liveness (touches nothing).
    path("healthz/", health.readiness, name="healthz"),
    path("livez/", health.liveness, name="livez"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Public images only, as nginx serves them: documents and the images of restricted collections
    # go through the app's checks (/documents/, /private-media/).
    for folder in ("images", "original_images"):
        urlpatterns += static(f"{settings.MEDIA_URL}{folder}/", document_root=settings.MEDIA_ROOT / folder)

# Public pages carry their language: /en/..., /mn/...; "/" redirects to the visitor's language.
urlpatterns += i18n_patterns(
    path("search/", public_views.search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
