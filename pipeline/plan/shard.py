"""`--shard K/N`: which pages one machine of N scans.

A shard takes whole pages (all locales of a page together, so cross-locale checks still see
the source rendering), assigned round-robin in config order: deterministic, and balanced to
within one page. `a11y-l10n merge` joins the shards again (pipeline/results/merge.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


class ShardError(ValueError):
    pass


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def owns(self, page_position: int) -> bool:
        return page_position % self.count == self.index - 1


def parse_shard(spec: str) -> Shard:
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", spec)
    if not m or not (1 <= int(m.group(1)) <= int(m.group(2))):
        raise ShardError(f"--shard '{spec}' must be K/N with 1 <= K <= N, e.g. --shard 2/4")
    return Shard(int(m.group(1)), int(m.group(2)))


def shard_pages(pages: tuple[tuple[str, str], ...], shard: Shard) -> tuple[tuple[str, str], ...]:
    return tuple(p for i, p in enumerate(pages) if shard.owns(i))
