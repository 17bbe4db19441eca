"""Shared fixtures, and how the suite runs on two cores (`make test`:
pytest-xdist, `--dist loadscope`).

Each module runs on one worker, so its module-scoped fixtures are made once.
The modules with the most work are collected first, so that no long module
is left for the end while the other core waits. The bundled policy's whole
site is built once for the run, whichever worker asks first.
"""
from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

# Under pytest-xdist the workers already use every core: a build inside a
# test runs its revisions one after another instead of starting a pool.
if os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ.setdefault("POLICY_BUILD_WORKERS", "1")

ROOT = Path(__file__).resolve().parents[1]

# The longest modules (seconds on a 2-core run), longest first.
FIRST = (
    "tests/browser/test_accessibility.py",    # a Chromium audit of every page (~65)
    "tests/bad_input/",                        # a built site and release, 60+ cases (~55)
    "tests/test_archive.py",                   # releases and verifications (~50)
    "tests/writers/test_pdf.py",               # every edition's PDF (~30)
    "tests/test_build.py",                     # site builds (~20)
    "tests/browser/test_search.py",            # Chromium queries (~10)
    "tests/writers/test_docx.py",              # every edition's .docx in LibreOffice (~13)
)


def _rank(nodeid: str) -> int:
    return next((i for i, prefix in enumerate(FIRST) if nodeid.startswith(prefix)), len(FIRST))


def pytest_collection_modifyitems(config, items):
    items.sort(key=lambda item: _rank(item.nodeid))  # stable: the rest keep their order


@pytest.fixture(scope="session")
def bundled_site() -> Path:
    """`policy build --all --format html,docx,pdf` of this repository, as
    `make` builds it and into the same build/: after `make`, every edition is
    already up to date (its build key holds the commit and the tools digest),
    so the suite tests what `make` made instead of making it again. Made once
    for the whole run (the first worker builds, the others wait for it) and
    only read by the tests that use it."""
    from build_tools.cli import main

    build = ROOT / "build"
    build.mkdir(exist_ok=True)
    with open(build / ".bundled-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        # In a pool of processes, as `make` builds: tests/writers/test_pdf.py
        # compares its R5 PDF with one written directly, byte for byte.
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("POLICY_BUILD_WORKERS", "2")
            assert main(["--repo", str(ROOT), "build", "--all", "--format", "html,docx,pdf",
                         "--build-dir", str(build)]) == 0
    return build / "site"


@pytest.fixture(scope="module")
def edition_builds(tmp_path_factory):
    """Every edition build of a module is kept; `with edition_builds.reused():`
    copies a kept one of the same inputs instead of building again — for tests
    of what release and verify do around a build, not of the build itself
    (tests/archive_repo.py: EditionBuilds)."""
    from tests.archive_repo import EditionBuilds
    builds = EditionBuilds(tmp_path_factory.mktemp("edition-builds"))
    with pytest.MonkeyPatch.context() as mp:
        builds.install(mp)
        yield builds
