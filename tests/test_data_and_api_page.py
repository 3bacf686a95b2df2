"""The "Data and API" page of Data and Resources (issue 22): in the seed, in both languages, listed
on Data and Resources, and every download and address it names answers; the key figures link to
their downloads wherever they are shown."""

import re

import pytest


def links(html):
    return re.findall(r'href="([^"]+)"', html.split("<main", 1)[1].split("</main>", 1)[0])


@pytest.mark.parametrize("language", ["en", "mn"])
def test_data_and_resources_lists_the_data_and_api_page(seeded_site, client, language):
    index = client.get(f"/{language}/data-and-resources/")
    assert index.status_code == 200
    assert f"/{language}/data-and-resources/data-and-api/" in links(index.content.decode())
    page = client.get(f"/{language}/data-and-resources/data-and-api/")
    assert page.status_code == 200
    assert "Data and API" in page.content.decode()  # English until the Mongolian text is written


def test_every_download_and_address_the_page_names_answers(seeded_site, client):
    html = client.get("/en/data-and-resources/data-and-api/").content.decode()
    named = [url for url in links(html) if url.startswith(("/api/", "/en/media-and-news/", "/en/opportunities/"))]
    for expected in ("/api/v2/key-figures.csv", "/api/v2/key-figures.json", "/api/v2/openapi.json", "/api/v2/pages/"):
        assert expected in named
    for url in named:
        response = client.get(url)
        assert response.status_code == 200, url
    assert client.get("/api/v2/key-figures.csv")["Content-Type"].startswith("text/csv")


def test_the_key_figures_link_to_their_downloads(seeded_site, client):
    html = client.get("/en/key-migration-trends/").content.decode()
    section = html.split('<section class="key-figures">', 1)[1].split("</section>", 1)[0]
    assert 'href="/api/v2/key-figures.csv"' in section and 'href="/api/v2/key-figures.json"' in section
    mongolian = client.get("/mn/key-migration-trends/").content.decode()
    assert "Гол тоон үзүүлэлтүүдийг эх сурвалжийн хамт татаж авах:" in mongolian
