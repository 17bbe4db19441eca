"""One error type for every mistake a user can make.

The CLI prints a PolicyError as one clear message and exits non-zero; anything
else is a bug in the tools and keeps its traceback.
"""
from __future__ import annotations


class PolicyError(Exception):
    """A user-facing error: what is wrong, where, and how to fix it."""

    def __init__(self, message: str, *, file: str | None = None,
                 line: int | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.hint = hint

    def __reduce__(self):  # survive the trip back from a worker process
        return (_rebuild, (self.message, self.file, self.line, self.hint))

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        text = f"{where}{self.message}"
        if self.hint:
            text += f"\n  対処: {self.hint}"
        return text


def _rebuild(message, file, line, hint):
    return PolicyError(message, file=file, line=line, hint=hint)
