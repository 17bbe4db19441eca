"""Headless Chromium over a freshly built site: shared, expensive fixtures.

The site is built once per session into a temporary folder, served over
HTTP on 127.0.0.1 (as a reader would get it), and every page is audited in
one Chromium run by `audit.js` (playwright-core + axe-core from npm,
installed by `npm ci --prefix tests/browser`).
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from build_tools.revisions import Project

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CHROMIUM = Path("/usr/bin/chromium")
NODE_PACKAGES = ("axe-core", "playwright-core")


@pytest.fixture(scope="session")
def node_modules() -> Path:
    """The npm packages the driver needs; installed from the lockfile if missing."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.fail("node と npm が必要です（apt-get install nodejs npm）")
    if not CHROMIUM.exists():
        pytest.fail("Chromium がありません（apt-get install chromium）")
    modules = HERE / "node_modules"
    if not all((modules / name / "package.json").exists() for name in NODE_PACKAGES):
        done = subprocess.run(["npm", "ci", "--prefix", str(HERE), "--no-audit", "--no-fund"],
                              capture_output=True, text=True)
        if done.returncode:
            pytest.fail("npm ci --prefix tests/browser に失敗しました:\n" + done.stderr[-2000:])
    return modules


def run_driver(mode: str, job: dict, tmp: Path, timeout: int = 600) -> dict:
    """Run `audit.js MODE` on `job`; its JSON answer."""
    job_file = tmp / f"{mode}-job.json"
    job_file.write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(["node", str(HERE / "audit.js"), mode, str(job_file)],
                          capture_output=True, text=True, timeout=timeout, cwd=HERE)
    if done.returncode:
        raise AssertionError(f"audit.js {mode} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


@pytest.fixture(scope="session")
def project() -> Project:
    return Project.find(REPO)


@pytest.fixture(scope="session")
def built_site(bundled_site) -> Path:
    """The whole site as `make` builds it (every revision in every format,
    the 新旧対照表 and public-comment pages), built once for the run."""
    return bundled_site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_url(built_site):
    server, url = serve(built_site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site_pages(built_site) -> list[str]:
    """Every HTML page of the built site, as paths relative to its root."""
    return sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))


# Pages photographed at 390 px (a phone) and 1280 px while they are audited:
# one of each kind a citizen reads.
SCREENSHOT_PAGES = {"index.html": "index", "R5/background.html": "edition",
                    "history.html": "history", "diff/H24-H29/index.html": "comparison",
                    "H24/comments/index.html": "comments"}


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory) -> Path:
    """Where the screenshots go: POLICY_SCREENSHOTS to keep them, else a
    temporary folder."""
    keep = os.environ.get("POLICY_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        return Path(keep).resolve()
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="session")
def audit_results(node_modules, site_url, site_pages, screenshot_dir, tmp_path_factory) -> dict:
    """page path → {"axe": [violations], "review": {...}} for every page."""
    urls = {site_url + page: page for page in site_pages}
    shots = {"dir": str(screenshot_dir),
             "names": {site_url + page: name for page, name in SCREENSHOT_PAGES.items()}}
    raw = run_driver("audit", {"urls": list(urls), "parallel": 2, "screenshots": shots},
                     tmp_path_factory.mktemp("audit"))
    return {urls[url]: result for url, result in raw.items()}
