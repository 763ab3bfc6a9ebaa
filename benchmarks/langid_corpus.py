"""Build benchmarks/langid_corpus.jsonl: labelled sentences from FastAPI's translated docs.

Usage: python benchmarks/langid_corpus.py /path/to/fastapi/git/dir
Source: github.com/fastapi/fastapi at c3f316b7e (docs/<lang>/docs/features.md) and b832f319c
(docs/ar/docs/index.md), written and translated by that project's contributors.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

SOURCES = [(lang, "c3f316b7e", f"docs/{lang}/docs/features.md") for lang in ("en", "es", "fr", "de", "pt", "zh", "ja",
                                                                             "ko", "ru")]
SOURCES += [("ar", "b832f319c", "docs/ar/docs/index.md")]
PER_LANG = 40
OUT = Path(__file__).with_name("langid_corpus.jsonl")


def prose(md: str) -> list[str]:
    md = re.sub(r"```.*?```", "", md, flags=re.S)
    out = []
    for line in md.splitlines():
        line = line.strip().lstrip("*-#> ").strip()
        if not line or line.startswith(("<", "!", "{", "|", "///")):
            continue
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
        line = re.sub(r"<[^>]+>|`[^`]*`|\*\*|__|\{ #[\w-]+ \}", " ", line)
        line = re.sub(r"\s+", " ", line).strip()
        for sentence in re.split(r"(?<=[.!?。！？])\s*", line):
            if len(sentence) >= 25:
                out.append(sentence)
    return out


def main(repo: str) -> None:
    rows = []
    for lang, commit, path in SOURCES:
        text = subprocess.run(["git", "--git-dir", repo, "show", f"{commit}:{path}"], check=True,
                              capture_output=True, text=True).stdout
        # The Arabic index left some passages in English: keep only sentences that are mostly Arabic.
        sentences = [s for s in prose(text)
                     if lang != "ar" or sum("\u0600" <= c <= "\u06ff" for c in s) > len(s) / 2]
        rows += [{"lang": lang, "text": s, "source": f"fastapi/fastapi@{commit}:{path}"}
                 for s in sentences[:PER_LANG]]
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} sentences -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
