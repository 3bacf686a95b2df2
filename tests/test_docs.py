"""The docs name files that exist: a path in backticks in README.md or docs/ that starts at one of
the repository's top-level folders (or is a top-level file) must be in the repository."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
TOP_LEVEL = {path.name for path in ROOT.iterdir() if not path.name.startswith(".") or path.name == ".ci"}
# Created by the commands the docs describe, not committed.
GENERATED = {"media", "media-test", "staticfiles", "audit-results", ".stack", "upload-staging", ".venv", "db.sqlite3"}
CODE_SPAN = re.compile(r"`([^`\s]+)`")
PATH_LIKE = re.compile(r"^\.?[A-Za-z0-9_-]+(/[A-Za-z0-9_.<>*{},-]*)*(\.[a-z]+)?$")


def named_paths(text):
    for token in CODE_SPAN.findall(text):
        token = token.split("::")[0].rstrip(".,:;)")
        if "/" not in token and "." not in token:
            continue
        first = token.split("/")[0]
        if first in GENERATED or not PATH_LIKE.match(token):
            continue
        if first in TOP_LEVEL and first != token or (token in TOP_LEVEL):
            yield token
        elif "/" in token and (ROOT / first).is_dir():
            yield token


def exists(token):
    if any(char in token for char in "<>*{}"):
        # A pattern: its fixed part (up to the first wildcard) exists.
        fixed = re.split(r"[<>*{}]", token)[0].rsplit("/", 1)[0]
        return (ROOT / fixed).exists()
    return (ROOT / token).exists()


@pytest.mark.parametrize("doc", DOCS, ids=lambda path: path.name)
def test_every_path_the_docs_name_exists(doc):
    missing = sorted({token for token in named_paths(doc.read_text()) if not exists(token)})
    assert not missing, f"{doc.name} names files that are not in the repository: {missing}"


def test_the_check_finds_paths():
    """The check reads what it should: a doc naming a missing file fails it."""
    assert list(named_paths("see `core/models.py` and `core/no_such_module.py`")) == [
        "core/models.py",
        "core/no_such_module.py",
    ]
    assert not exists("core/no_such_module.py")
