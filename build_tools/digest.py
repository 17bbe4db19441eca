"""A digest of the code and templates that shape every output.

Part of every build key and of the reader's cache key: a fix in a
translator or a template must rebuild what it shapes, even though no
source changed.
"""
from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from .templates import TEMPLATES

PACKAGE = Path(__file__).resolve().parent


@cache
def tools_digest() -> str:
    digest = hashlib.sha256()
    for folder in (PACKAGE, TEMPLATES):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(folder).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()
