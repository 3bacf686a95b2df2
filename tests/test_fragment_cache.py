"""No second cache under Wagtail: a view restriction counts from the next request, and the cached
menu, breadcrumb and footer fragments change on publish only, never with a draft or a preview
(core/fragment_cache.py)."""

import ast
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from editorial.roles import MODERATORS
from tests.html_helpers import footer_of

CORE = Path(__file__).resolve().parent.parent / "core"


def menu_html(html):
    start = html.index('<nav class="main-nav"')
    return html[start : html.index("</nav>", start)]


def crumbs_html(html):
    start = html.index('aria-label="Breadcrumb"')
    return html[start : html.index("</nav>", start)]


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["saved", "bulk_created"])
def test_a_view_restriction_counts_from_the_next_request(site_tree, client, how):
    """`bulk_created`: no signal is sent (as from a script or a migration); the restriction must
    still apply at once, which an app-side cache of restrictions invalidated by signals missed."""
    section, child = site_tree.section, site_tree.child
    assert client.get("/en/about-us/history/").status_code == 200
    assert "About us" in menu_html(client.get("/en/").content.decode())
    restriction = PageViewRestriction(page=section, restriction_type=PageViewRestriction.LOGIN)
    if how == "saved":
        restriction.save()
    else:
        PageViewRestriction.objects.bulk_create([restriction])
    for path in ("/en/about-us/", "/en/about-us/history/"):
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response["Location"], (path, response.status_code)
    assert child.title not in client.get("/en/search/", {"q": "history"}).content.decode()
    if how == "saved":  # the menu (a cached fragment) follows a restriction saved through the ORM or admin
        assert "About us" not in menu_html(client.get("/en/").content.decode())


@pytest.mark.django_db
def test_a_published_menu_change_shows_on_the_next_request_a_draft_never(site_tree, client):
    section = site_tree.section
    assert '<a href="/en/about-us/">About us</a>' in menu_html(client.get("/en/").content.decode())

    draft = section.specific
    draft.title = "Draft title"
    revision = draft.save_revision()
    for path in ("/en/", "/en/about-us/history/"):
        html = client.get(path).content.decode()
        assert "Draft title" not in menu_html(html) and "About us" in menu_html(html)
    assert "Draft title" not in crumbs_html(client.get("/en/about-us/history/").content.decode())

    revision.publish()
    html = client.get("/en/").content.decode()
    assert '<a href="/en/about-us/">Draft title</a>' in menu_html(html)
    assert "Draft title" in crumbs_html(client.get("/en/about-us/history/").content.decode())


@pytest.mark.django_db
def test_a_preview_never_reaches_the_cached_fragments(site_tree, client, django_user_model):
    editor = django_user_model.objects.create_user(username="previewer", password="a-long-test-password")
    editor.groups.add(Group.objects.get(name=MODERATORS))
    client.force_login(editor)
    child = site_tree.child
    public_before = client.get("/en/about-us/history/").content.decode()  # fills the fragments
    assert "Our history" in crumbs_html(public_before)

    preview_url = f"/admin/pages/{child.pk}/edit/preview/"
    form = {"title": "Previewed title", "slug": "history", "intro": "", "body-count": "0"}
    assert client.post(preview_url, form).status_code == 200
    preview = client.get(preview_url, {"mode": ""}).content.decode()
    assert "Previewed title" in crumbs_html(preview)  # the preview shows the draft...

    client.logout()
    for path in ("/en/about-us/history/", "/en/about-us/"):
        html = client.get(path).content.decode()
        assert "Previewed title" not in html, path  # ...and the public never does
    assert "Our history" in crumbs_html(client.get("/en/about-us/history/").content.decode())


@pytest.mark.django_db
def test_the_footer_follows_the_published_site_text_not_its_draft(site_tree, client):
    text = site_tree.site_text
    assert footer_of(client.get("/en/").content.decode())
    text.footer_text = "A draft footer line."
    revision = text.save_revision()
    assert "A draft footer line." not in footer_of(client.get("/en/").content.decode())
    revision.publish()
    assert "A draft footer line." in footer_of(client.get("/en/").content.decode())


def test_no_import_cycle_inside_core():
    """core's modules import one another one way only (models, navigation, menus, fragment cache)."""
    graph = {}
    for path in CORE.rglob("*.py"):
        module = ".".join(("core", *path.relative_to(CORE).with_suffix("").parts)).removesuffix(".__init__")
        targets = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    package = module.rsplit(".", node.level)[0] if path.name != "__init__.py" else module
                    base = f"{package}.{base}".rstrip(".")
                names = [f"{base}.{alias.name}" for alias in node.names] + [base]
                targets.update(name for name in names if name.startswith("core."))
            elif isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names if alias.name.startswith("core."))
        graph[module] = targets

    def reaches(start, goal, seen):
        for target in graph.get(start, ()):
            if target == goal:
                return True
            if target not in seen:
                seen.add(target)
                if reaches(target, goal, seen):
                    return True
        return False

    cycles = sorted(module for module in graph if reaches(module, module, set()))
    assert not cycles, f"import cycles inside core through: {cycles}"
