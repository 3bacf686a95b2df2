import pytest


@pytest.mark.django_db
def test_root_redirects_to_the_visitors_language(site_tree, client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="mn,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/mn/"


@pytest.mark.django_db
def test_mongolian_url_serves_the_site(site_tree, client):
    response = client.get("/mn/")
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/en/no-such-page/", "/en/about-us/nothing/here/", "/en/%FF%FE/", "/xx/"])
def test_unknown_urls_get_the_404_page(site_tree, client, url):
    response = client.get(url, follow=True)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.django_db
def test_admin_shows_the_wagtail_login(client):
    response = client.get("/admin/", follow=True)
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
