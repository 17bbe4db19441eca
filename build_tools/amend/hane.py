"""ハネ改正 check (placeholder until the check lands)."""
from __future__ import annotations


def warnings_for(result) -> list[str]:
    return []
