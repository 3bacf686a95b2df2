"""Media and news: the index (order, filters, pagination, bad input, empty states), article pages
(related articles, media contacts, Open Graph, JSON-LD), the latest news on the home and work area
pages, the sitemap, site search and the tree rules."""

import datetime
import json
import re

import pytest
import wagtail_factories
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from news.models import ArticleKind, ArticlePage, NewsIndexPage
from pages.models import HomePage
from tests.factories import ArticlePageFactory, PeopleIndexPageFactory, PersonPageFactory

from .helpers import INDEX, add_article, structured_data, titles

# The index: order, filters, pagination


def test_index_lists_featured_first_then_newest_first(articles, client):
    response = client.get(INDEX)
    assert response.status_code == 200
    assert titles(response) == ["Echo story", "Charlie release", "Alpha news", "Bravo story", "Delta news"]
    html = response.content.decode()
    assert html.count('class="featured-label"') == 1
    assert '<time datetime="2024-06-01">1 June 2024</time>' in html


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"kind": "news"}, ["Alpha news", "Delta news"]),
        ({"kind": "story"}, ["Echo story", "Bravo story"]),
        ({"kind": "press-release"}, ["Charlie release"]),
        ({"year": "2024"}, ["Charlie release", "Alpha news"]),
        ({"year": "2023"}, ["Bravo story", "Delta news"]),
        ({"area": "internal-migration"}, ["Echo story", "Charlie release", "Alpha news"]),
        ({"area": "counter-trafficking"}, ["Bravo story"]),
        ({"tag": "dzud"}, ["Alpha news", "Delta news"]),
        ({"tag": "data"}, ["Charlie release", "Delta news"]),
        ({"kind": "news", "year": "2024"}, ["Alpha news"]),
        ({"area": "internal-migration", "tag": "data"}, ["Charlie release"]),
        ({"kind": "news", "year": "2024", "area": "internal-migration", "tag": "dzud"}, ["Alpha news"]),
    ],
)
def test_filters_alone_and_combined(articles, client, params, expected):
    response = client.get(INDEX, params)
    assert response.status_code == 200
    assert titles(response) == expected
    html = response.content.decode()
    assert 'class="active-filters"' in html
    assert '<meta name="robots" content="noindex, follow">' in html
    for name, value in params.items():
        # The chosen option is marked, and its link keeps the other filters.
        others = [(key, val) for key, val in params.items() if key != name]
        assert re.search(rf'href="\?[^"]*{name}={re.escape(value)}[^"]*" aria-current="true"', html), name
        if others:
            key, val = others[0]
            assert re.search(rf'href="\?[^"]*{key}={re.escape(val)}[^"]*{name}=|href="\?[^"]*{name}=[^"]*{key}=', html)


def test_filter_links_work_without_javascript_and_keep_the_other_filters(articles, client):
    html = client.get(INDEX, {"kind": "news"}).content.decode()
    assert '<a href="?kind=news&amp;year=2024">2024</a>' in html
    assert '<a href="?kind=news&amp;area=internal-migration">Internal migration</a>' in html
    assert '<a href="?kind=news&amp;tag=dzud">dzud</a>' in html
    assert '<a href="?" aria-current="true">All</a>' not in html  # "All" kinds is not the current choice
    assert '<a href="?">All</a>' in html
    assert "<form" not in html.split('news-filters"', 1)[1].split("</nav>", 1)[0]


@pytest.mark.parametrize("params", [{"year": "2019"}, {"kind": "story", "tag": "data"}])
def test_a_filter_that_matches_nothing_says_so(articles, client, params):
    response = client.get(INDEX, params)
    assert response.status_code == 200
    assert titles(response) == []
    html = response.content.decode()
    assert "No articles match these filters." in html
    assert f'<a href="{INDEX}">Show all articles</a>' in html


@pytest.mark.parametrize(
    "params,message",
    [
        ({"kind": "opinion"}, "There is no such kind of article."),
        ({"kind": "<script>alert(1)</script>"}, "There is no such kind of article."),
        ({"year": "24"}, "A year is written with four digits"),
        ({"year": "2024abc"}, "A year is written with four digits"),
        ({"year": "٢٠٢٤"}, "A year is written with four digits"),
        ({"area": "no-such-area"}, "There is no such work area."),
        ({"area": "x" * 5000}, "There is no such work area."),
        ({"tag": "never-used"}, "No article has this tag."),
        ({"tag": "dzud'--"}, "No article has this tag."),
        ({"page": "abc"}, "Page numbers are whole numbers from 1."),
        ({"page": "0"}, "Page numbers are whole numbers from 1."),
        ({"page": "-1"}, "Page numbers are whole numbers from 1."),
        ({"page": "1.5"}, "Page numbers are whole numbers from 1."),
        ({"page": "9" * 40}, "Page numbers are whole numbers from 1."),
        ({"page": "2"}, "There is no page 2: this list has 1."),
    ],
)
def test_bad_filter_values_and_page_numbers_give_a_clear_404(articles, client, params, message):
    response = client.get(INDEX, params)
    assert response.status_code == 404
    html = response.content.decode()
    assert message in html
    assert f'<a href="{INDEX}">Show all articles</a>' in html
    assert "<script>alert" not in html
    assert titles(response) == []


def test_pagination_edges(articles, client):
    NewsIndexPage.objects.filter(pk=articles.index.pk).update(per_page=2)
    first = client.get(INDEX)
    assert titles(first) == ["Echo story", "Charlie release"]
    html = first.content.decode()
    assert "Page 1 of 3" in html and 'rel="prev"' not in html
    assert '<a rel="next" href="?page=2">' in html

    second = client.get(INDEX, {"page": "2"})
    assert titles(second) == ["Alpha news", "Bravo story"]
    html = second.content.decode()
    assert '<a rel="prev" href="?">' in html and '<a rel="next" href="?page=3">' in html

    last = client.get(INDEX, {"page": "3"})
    assert titles(last) == ["Delta news"]
    html = last.content.decode()
    assert "Page 3 of 3" in html and 'rel="next"' not in html

    assert client.get(INDEX, {"page": "4"}).status_code == 404

    # Page links keep the filters; a filter's own list starts again at page 1.
    filtered = client.get(INDEX, {"area": "internal-migration"})
    assert titles(filtered) == ["Echo story", "Charlie release"]
    assert '<a rel="next" href="?area=internal-migration&amp;page=2">' in filtered.content.decode()
    assert titles(client.get(INDEX, {"area": "internal-migration", "page": "2"})) == ["Alpha news"]
    assert 'href="?kind=news&amp;area=internal-migration"' in filtered.content.decode()


def test_an_empty_index_and_an_empty_home_block_are_friendly(seeded_site, client):
    response = client.get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There are no articles yet. News, stories and press releases will appear here." in html
    assert "news-filters" not in html
    home = client.get("/en/").content.decode()
    assert "Latest news" in home
    assert "No news yet: news, stories and press releases will appear here." in home
    assert f'<a href="{INDEX}">Media and news</a>' in home


def test_the_index_and_its_mongolian_address_speak_mongolian(seeded_site, client):
    html = client.get("/mn/media-and-news/").content.decode()
    assert "Одоогоор нийтлэл алга." in html
    assert "Хэвлэл мэдээллийн холбоо барих" in html
    assert "Мэдээг дагах" in html


# Articles


def test_article_page_shows_its_parts_and_links_its_topics(articles, client):
    article = ArticlePage.objects.get(title="Alpha news")
    image = wagtail_factories.ImageFactory(file__width=1600, file__height=900)
    article.lead_image = image
    article.lead_image_alt = "People gathered outside a ger."
    article.lead_image_caption = "A meeting in Dundgovi."
    article.lead_image_credit = "Photo: IOM/2023"
    article.save()
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Alpha news</h1>" in html
    assert '<time datetime="2024-03-10">10 March 2024</time>' in html
    assert 'alt="People gathered outside a ger."' in html
    assert '<span class="credit">Photo: IOM/2023</span>' in html
    assert "<figcaption>A meeting in Dundgovi." in html
    assert f'<a href="{INDEX}?kind=news">News</a>' in html
    assert f'<a href="{INDEX}?tag=dzud">dzud</a>' in html
    assert '<a href="/en/our-work/internal-migration/">Internal migration</a>' in html


def test_related_articles_share_a_work_area_or_a_tag(articles, client):
    article = ArticlePage.objects.get(title="Alpha news")  # internal migration; dzud
    related = [page.title for page in article.get_related_articles()]
    # Charlie and Echo share the work area, Delta the tag; Bravo shares nothing. Newest first, three at most.
    assert related == ["Charlie release", "Delta news", "Echo story"]
    html = client.get(article.url).content.decode()
    section = html.split('id="related-heading"', 1)[1]
    assert re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', section) == related
    lonely = add_article(articles.index, "Foxtrot alone")
    assert lonely.get_related_articles() == []
    assert 'id="related-heading"' not in client.get(lonely.url).content.decode()


def test_media_contacts_name_the_press_contact_and_the_office(articles, client):
    from core.models import SiteSettings

    SiteSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults={"phone": "+976 701 43100", "email": "info@example.org"}
    )
    people = PeopleIndexPageFactory(parent=articles.home)
    officer = PersonPageFactory(
        parent=people, title="Press Officer", role="Communications officer", email="p@example.org"
    )
    article = ArticlePage.objects.get(title="Alpha news")
    html = client.get(article.url).content.decode()
    contacts = html.split('id="media-contacts-heading"', 1)[1].split("</section>", 1)[0]
    assert "Press contact" not in contacts  # none chosen yet
    assert '<a href="tel:+97670143100">+976 701 43100</a>' in contacts
    assert "info@example.org" in contacts

    # The index's press contact stands in for articles without their own.
    NewsIndexPage.objects.filter(pk=articles.index.pk).update(press_contact=officer)
    contacts = client.get(article.url).content.decode().split('id="media-contacts-heading"', 1)[1]
    assert "Press contact" in contacts and "Ms. Press Officer" in contacts and "p@example.org" in contacts
    other = PersonPageFactory(parent=people, title="Second Officer", role="Spokesperson")
    article.press_contact = other
    article.save()
    contacts = client.get(article.url).content.decode().split('id="media-contacts-heading"', 1)[1]
    assert "Second Officer" in contacts and "Press Officer" not in contacts.split("</section>", 1)[0]


def test_a_lead_image_needs_alternative_text(news_site):
    article = ArticlePageFactory.build(lead_image=wagtail_factories.ImageFactory(), lead_image_alt="")
    with pytest.raises(ValidationError) as error:
        article.clean()
    assert "lead_image_alt" in error.value.message_dict


def test_open_graph_and_twitter_use_a_1200x630_rendition_of_the_lead_image(news_site, client):
    image = wagtail_factories.ImageFactory(file__width=2400, file__height=1600)
    article = add_article(news_site.index, "Golf news", lead_image=image, lead_image_alt="A view of the steppe.")
    html = client.get(article.url).content.decode()
    assert '<meta property="og:type" content="article">' in html
    image_url = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert image_url.startswith("http://testserver/media/images/") and "fill-1200x630" in image_url
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="630">' in html
    assert f'<meta name="twitter:image" content="{image_url}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta property="og:image:alt" content="A view of the steppe.">' in html
    assert '<meta property="article:published_time" content="2024-05-01T00:00:00+08:00">' in html


def test_the_share_image_is_cropped_around_the_focal_point(news_site):
    """A wide image, red on its left third and blue elsewhere, focal point on the red: the 1200x630
    crop keeps the red."""
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    picture = PILImage.new("RGB", (3600, 630), (0, 0, 255))
    picture.paste((255, 0, 0), (0, 0, 1200, 630))
    buffer = BytesIO()
    picture.save(buffer, "PNG")
    image = Image.objects.create(title="Wide", file=ImageFile(buffer, name="wide.png"))
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = 300, 315, 200, 200
    image.save()
    article = add_article(news_site.index, "Hotel news", lead_image=image, lead_image_alt="Red and blue.")
    rendition = article.get_share_image().get_rendition("fill-1200x630|format-jpeg")
    with rendition.file.open() as handle:
        cropped = PILImage.open(handle).convert("RGB")
        assert cropped.size == (1200, 630)
        red, _green, blue = cropped.getpixel((600, 315))
    assert red > 200 and blue < 60


def test_news_article_json_ld(news_site, client):
    from core.models import SiteSettings

    SiteSettings.objects.update_or_create(site=Site.objects.get(is_default_site=True))
    image = wagtail_factories.ImageFactory(file__width=2400, file__height=1600)
    article = add_article(
        news_site.index,
        "India story",
        kind=ArticleKind.STORY,
        lead_image=image,
        lead_image_alt="A family at home.",
        lead_image_credit="Photo: IOM/2023",
        tags=["return"],
    )
    article.save_revision().publish()
    data = structured_data(client.get(article.url).content.decode(), "NewsArticle")
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "India story"
    assert data["description"] == article.summary
    assert data["datePublished"] == "2024-05-01T00:00:00+08:00"
    assert datetime.datetime.fromisoformat(data["dateModified"]) >= datetime.datetime.fromisoformat(
        data["datePublished"]
    )
    assert data["inLanguage"] == "en"
    assert data["url"] == "http://testserver/en/media-and-news/india-story/"
    assert data["mainEntityOfPage"]["@id"] == data["url"]
    assert data["author"]["@type"] == "Organization"
    assert data["author"]["name"] == "International Organization for Migration (IOM) Mongolia"
    assert data["publisher"]["logo"]["url"].startswith("http://testserver/")
    assert data["image"]["url"].startswith("http://testserver/media/images/")
    assert (data["image"]["width"], data["image"]["height"]) == (1200, 630)
    assert data["image"]["creditText"] == "Photo: IOM/2023"
    assert data["articleSection"] == "Story"
    assert data["keywords"] == ["return"]


def test_json_ld_cannot_be_broken_out_of_by_a_title(news_site, client):
    article = ArticlePageFactory(parent=news_site.index, title="</script><script>alert(1)</script>", slug="juliet")
    html = client.get(article.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert structured_data(html, "NewsArticle")["headline"] == "</script><script>alert(1)</script>"


# Latest news on the home page and on work area pages


def test_home_page_block_shows_featured_first_then_the_newest(articles, client):
    home = HomePage.objects.get(pk=articles.home.pk)
    home.body = json.dumps(
        [{"type": "latest_news", "value": {"heading": "From the newsroom", "count": 3, "featured_first": True}}]
    )
    home.save()
    response = client.get("/en/")
    html = response.content.decode()
    assert "<h2>From the newsroom</h2>" in html
    assert titles(response) == ["Echo story", "Charlie release", "Alpha news"]
    assert f'<a href="{INDEX}">All news, stories and press releases</a>' in html
    home.body = json.dumps([{"type": "latest_news", "value": {"heading": "", "count": 2, "featured_first": False}}])
    home.save()
    response = client.get("/en/")
    assert "<h2>Latest news</h2>" in response.content.decode()
    assert titles(response) == ["Charlie release", "Alpha news"]


def test_work_area_page_shows_its_latest_articles(articles, client):
    response = client.get(articles.internal.url)
    html = response.content.decode()
    assert "<h2>News on this work area</h2>" in html
    assert titles(response) == ["Charlie release", "Alpha news", "Echo story"]
    assert f'<a href="{INDEX}?area=internal-migration">All news on this work area</a>' in html
    trafficking = client.get(articles.trafficking.url)
    assert titles(trafficking) == ["Bravo story"]
    add_article(
        articles.index, "Kilo story", work_areas=[articles.trafficking], publication_date=datetime.date(2025, 1, 1)
    )
    assert titles(client.get(articles.trafficking.url)) == ["Kilo story", "Bravo story"]


def test_work_area_page_without_articles_has_no_news_section(news_site, client):
    html = client.get(news_site.internal.url).content.decode()
    assert "News on this work area" not in html and "No news yet" not in html


def test_drafts_are_not_listed_anywhere(articles, client):
    draft = add_article(articles.index, "Lima draft", work_areas=[articles.internal], live=False)
    assert draft.live is False
    for url in (INDEX, articles.internal.url, "/en/media-and-news/feeds/rss/"):
        assert "Lima draft" not in client.get(url).content.decode(), url


# Sitemap, search, tree rules, admin


def test_sitemap_lists_articles_with_lastmod(news_site, client):
    from wagtail.models import Locale

    from core.locale_sync import ensure_synchronisation

    Locale.objects.get_or_create(language_code="mn")
    ensure_synchronisation()  # the Mongolian site mirrors the English one, as on the real site
    article = add_article(news_site.index, "Mike news")
    article.save_revision().publish()
    xml = client.get("/sitemap.xml").content.decode()
    entry = xml.split("<loc>http://testserver/en/media-and-news/mike-news/</loc>", 1)[1].split("</url>", 1)[0]
    assert re.search(r"<lastmod>\d{4}-\d{2}-\d{2}", entry)
    assert 'hreflang="mn"' in entry


def test_site_search_finds_an_article_by_title_and_by_summary(seeded_site, client):
    index = NewsIndexPage.objects.get(locale__language_code="en")
    article = add_article(index, "Rural service mapping", summary="Mapping services in Dundgovi and Umnugovi.")
    article.save_revision().publish()
    for query in ("service mapping", "Umnugovi"):
        html = client.get("/en/search/", {"q": query}).content.decode()
        assert '<a href="/en/media-and-news/rural-service-mapping/">Rural service mapping</a>' in html, query
        assert '<p class="meta" lang="en">News</p>' in html  # what the result is, as people name it


def test_editors_can_add_an_article_through_the_admin(news_site, admin_client):
    image = wagtail_factories.ImageFactory()
    url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_site.index.pk])
    data = nested_form_data(
        {
            "title": "November news",
            "slug": "november-news",
            "kind": "press-release",
            "publication_date": "2024-11-20",
            "summary": "What happened.",
            "lead_image": image.pk,
            "lead_image_alt": "",
            "body": streamfield([("paragraph", rich_text("<p>Text.</p>"))]),
            "tags": "dzud, winter",
            "comments": inline_formset([]),
        }
    )
    data["work_areas"] = [news_site.internal.pk]  # checkboxes: one value per ticked box
    response = admin_client.post(url, data)
    assert response.status_code == 200, "without alternative text for the lead image the form is refused"
    assert not ArticlePage.objects.filter(slug="november-news").exists()
    data["lead_image_alt"] = "Snow on the steppe."
    response = admin_client.post(url, {**data, "action-publish": "publish"})
    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="november-news")
    assert article.live and article.kind == "press-release"
    assert sorted(tag.name for tag in article.tags.all()) == ["dzud", "winter"]
    assert list(article.work_areas.all()) == [news_site.internal]


class TestTreeRules(WagtailPageTestCase):
    def test_the_index_lives_under_the_home_page_and_holds_articles(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {ArticlePage})

    def test_articles_live_under_the_index_and_hold_nothing(self):
        self.assertAllowedParentPageTypes(ArticlePage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
