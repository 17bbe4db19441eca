"""The publication site `build/site/`, written all at once or not at all.

A build writes a complete new site into a staging folder beside the old one
and swaps it in only when everything succeeded, so a failed or interrupted
build leaves the previous site intact and usable. A lock keeps two builds
from writing at the same time.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import tempfile
from pathlib import Path

from .errors import PolicyError
from .templates import SITE_ASSETS, environment


@contextlib.contextmanager
def build_lock(build_dir: Path):
    """Hold `build/.lock` for the whole build; a second build is told to wait."""
    build_dir.mkdir(parents=True, exist_ok=True)
    handle = open(build_dir / ".lock", "w")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise PolicyError("別のビルドが実行中です", file=str(build_dir / ".lock"),
                          hint="そのビルドが終わってから、もう一度実行してください") from None
    try:
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


@contextlib.contextmanager
def staged(target: Path, *, keep_existing: bool = True):
    """Yield a staging folder that replaces `target` when the block succeeds.

    With `keep_existing`, the staging folder starts as a copy of `target`
    (hard links, so it is cheap), for builds that renew only part of it.
    Files in it are shared with the live site until replaced: write them
    only through `fresh()`, which breaks the link first."""
    target.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        if keep_existing and target.is_dir():
            shutil.rmtree(stage)
            shutil.copytree(target, stage, copy_function=os.link)
        yield stage
        old = target.parent / f".{target.name}.old-{os.getpid()}"
        # Ctrl-C between the two renames would leave no site at all.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            if target.exists():
                os.rename(target, old)
            os.rename(stage, target)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def fresh(path: Path) -> Path:
    """`path`, unlinked if it exists, so that writing it cannot change a
    hard-linked file of the live site."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    return path


def replace_tree(source: Path, dest: Path) -> None:
    """Make `dest` a copy of `source` (dest is inside a staging folder)."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(source, dest)


def write_site_pages(stage: Path, *, policy: dict, revisions: list[dict],
                     current: dict, comparisons: list[dict]) -> None:
    """The site's own pages: the top page (the current edition and every
    revision) and the 改訂履歴 generated from the metadata."""
    env = environment()
    common = {"policy": policy, "revisions": revisions, "current": current,
              "comparisons": comparisons, "site_root": "", "revision": None}
    pages = {"index.html": {"breadcrumb_here": None},
             "history.html": {"breadcrumb_here": "改訂履歴"},
             "accessibility.html": {"breadcrumb_here": "ウェブアクセシビリティ方針"}}
    for name, extra in pages.items():
        html = env.get_template(name).render(**common, **extra)
        fresh(stage / name).write_text(html, encoding="utf-8")
    assets = stage / "assets"
    assets.mkdir(exist_ok=True)
    for asset in SITE_ASSETS:
        shutil.copyfile(asset, fresh(assets / asset.name))
