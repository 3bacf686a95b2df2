"""The shape of the code: which app may import which, and rules every template and file keeps.

Dependencies flow one way: `core` imports no other app of the project; a feature app (pages,
people, partners and every new one) imports `core` and itself only, and names another app's
models by their string ("people.PersonPage"); `search` and `editorial` may use the feature apps.
`compat`, the fenced layer over other packages' internals, imports `core` only and any app but
`core` may use it.
Every import counts, also one inside a function, so a lazy import cannot hide a dependency."""

import ast
import re
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings

from tests.project import FOUNDATION, TOP_LEVEL_APPS, feature_app_labels, project_apps


def app_modules(app_config):
    """(module name, source file) of every Python module of the app, migrations and commands included."""
    root = Path(app_config.path)
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        yield ".".join([app_config.name, *parts]), path


def imported_modules(module_name, path):
    """The absolute names of the modules a source file imports, wherever the import statement is."""
    is_package = path.name == "__init__.py"
    package = module_name if is_package else module_name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolved against the importing module's package
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            found.add(target)
            # `from . import models` and `from pages import seed` import submodules too.
            found.update(f"{target}.{alias.name}" for alias in node.names if alias.name != "*")
    return found


COMPAT = "compat"


def allowed_apps(label, features):
    """The project apps `label` may import."""
    if label == FOUNDATION:
        return {FOUNDATION}
    if label in features:
        return {FOUNDATION, label} | ({COMPAT} if label != COMPAT else set())
    return {FOUNDATION, label} | features  # search, editorial: the top of the dependency chain


def import_violations():
    apps = {app_config.name: app_config.label for app_config in project_apps()}
    features = feature_app_labels()
    violations = []
    for app_config in project_apps():
        allowed = allowed_apps(app_config.label, features)
        for module_name, path in app_modules(app_config):
            forbidden = {}
            for target in sorted(imported_modules(module_name, path), key=len):
                target_app = apps.get(target.split(".")[0])
                if target_app is not None and target_app not in allowed:
                    forbidden.setdefault(target_app, target)
            violations += [f"{module_name} imports {target} ({app} app)" for app, target in sorted(forbidden.items())]
    return violations


def test_the_project_apps_are_found_from_installed_apps():
    labels = {app_config.label for app_config in project_apps()}
    assert {"core", "pages", "people", "partners", "search", "editorial"} <= labels
    assert not labels & {"wagtail", "wagtailcore", "wagtail_localize", "auth", "axes"}
    assert feature_app_labels() >= {"pages", "people", "partners"}
    assert not feature_app_labels() & ({FOUNDATION} | TOP_LEVEL_APPS)


@pytest.mark.parametrize("app_config", project_apps(), ids=lambda app_config: app_config.label)
def test_every_module_of_the_app_imports(app_config):
    modules = list(app_modules(app_config))
    assert modules
    for module_name, _path in modules:
        import_module(module_name)


def test_dependencies_flow_from_the_feature_apps_to_core_only():
    violations = import_violations()
    assert not violations, "\n".join(violations)


def test_the_import_check_sees_lazy_and_relative_imports(tmp_path):
    source = tmp_path / "models.py"
    source.write_text(
        "from . import seed\nfrom .blocks import Block\nimport core.models\n\n"
        "def later():\n    from people.models import PersonPage\n    from ..search import views\n"
    )
    assert imported_modules("pages.models", source) == {
        "pages",
        "pages.seed",
        "pages.blocks",
        "pages.blocks.Block",
        "core.models",
        "people.models",
        "people.models.PersonPage",
        "search",
        "search.views",
    }
    features = {"pages", "people", "partners"}
    assert "people" not in allowed_apps("pages", features)
    assert allowed_apps("core", features) == {"core"}
    assert {"pages", "people", "partners"} <= allowed_apps("search", features)


def template_files():
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine.get("DIRS", [])]
    folders += [Path(app_config.path) / "templates" for app_config in project_apps()]
    return sorted(path for folder in folders if folder.is_dir() for path in folder.rglob("*.html"))


def test_templates_link_pages_with_ui_url_not_pageurl():
    """`{% pageurl %}` gives a page's own address; `{% ui_url page %}` (navigation_tags) keeps
    Mongolian visitors on /mn/ addresses while Mongolian has no tree of its own."""
    templates = template_files()
    assert len(templates) > 20
    offenders = [
        f"{path.relative_to(settings.BASE_DIR)}:{number}"
        for path in templates
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if re.search(r"\{%-?\s*pageurl\b", line)
    ]
    assert not offenders, "use {% ui_url page %} instead of {% pageurl page %}: " + ", ".join(offenders)


SKIPPED_FOLDERS = {"__pycache__", "node_modules", "media", "media-test", "staticfiles", "audit-results"}


def repo_text_files():
    """Every text file of the repo, without hidden folders (.git, .venv) and generated ones."""
    base = Path(settings.BASE_DIR)
    for path in base.rglob("*"):
        relative = path.relative_to(base)
        if any(part.startswith(".") or part in SKIPPED_FOLDERS for part in relative.parts[:-1]):
            continue
        if path.is_file() and path.stat().st_size < 1_000_000:
            try:
                yield relative, path.read_text()
            except UnicodeDecodeError:
                continue


def test_nothing_refers_to_the_old_factories_module():
    """The factories are a package, tests/factories/, one module per app."""
    old_module = "tests/" + "factories.py"  # written in two parts so that this file does not match
    assert (Path(settings.BASE_DIR) / "tests" / "factories" / "__init__.py").exists()
    stale = [str(relative) for relative, text in repo_text_files() if old_module in text]
    assert not stale, f"these files still refer to {old_module}: {', '.join(stale)}"
