"""schema.org NewsArticle data for an article page (rendered by core's `json_ld` tag)."""

from django.templatetags.static import static

from core import navigation, site_address
from core.models import SiteSettings

from .models import SHARE_IMAGE_SPEC


def organisation(request):
    name = SiteSettings.for_request(request).organisation_name if request else "IOM Mongolia"
    home = navigation.site_root(request)
    data = {"@type": "Organization", "name": name}
    if request is not None:
        if home is not None:
            data["url"] = site_address.absolute(navigation.ui_url(home, request))
        data["logo"] = {"@type": "ImageObject", "url": site_address.absolute(static("img/favicon.svg"))}
    return data


def article_structured_data(article, request, tags=None):
    absolute = site_address.absolute
    url = absolute(navigation.ui_url(article, request) or (request.path if request else ""))
    published = article.published_at
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "datePublished": published.isoformat(),
        "dateModified": (article.last_published_at or published).isoformat(),
        "inLanguage": navigation.language_of(article, request) or article.locale.language_code,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "articleSection": str(article.kind_label),
        "author": organisation(request),
        "publisher": organisation(request),
    }
    if article.lead_image is not None:
        rendition = article.lead_image.get_rendition(SHARE_IMAGE_SPEC)
        data["image"] = {
            "@type": "ImageObject",
            "url": absolute(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
        }
        if article.lead_image_credit:
            data["image"]["creditText"] = article.lead_image_credit
    keywords = [tag.name for tag in (article.tags.all() if tags is None else tags)]
    if keywords:
        data["keywords"] = keywords
    return data
