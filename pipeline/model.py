"""Plain data shared by every stage: gather -> artifacts -> checks -> results -> report.

Everything here is a frozen dataclass that round-trips through JSON (``to_dict`` /
``from_dict``), so artifacts can be saved by one run and re-checked by another with
no browser.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, Literal

# Ordered from least to most severe; axe "impact" values are used as-is.
SEVERITIES: tuple[str, ...] = ("minor", "moderate", "serious", "critical")
Severity = Literal["minor", "moderate", "serious", "critical"]


def severity_rank(severity: str) -> int:
    """Rank of a severity; unknown severities rank lowest so they never gate a build."""
    try:
        return SEVERITIES.index(severity)
    except ValueError:
        return -1


_FAMILY_PREFIXES = ("axe", "catalog")


def check_family(check: str) -> str:
    """`axe` for every `axe:<rule>`, `catalog` for every `catalog:<check>`, else the check id itself."""
    prefix, sep, _ = check.partition(":")
    return prefix if sep and prefix in _FAMILY_PREFIXES else check


@dataclass(frozen=True)
class Finding:
    """One problem found by one check.

    ``check`` is the stable id (``lang-attribute``, ``axe:image-alt``, ``catalog:fuzzy``...).
    ``page``/``locale`` place page findings; ``file``/``line`` place catalog findings.
    """

    check: str
    severity: str
    message: str
    selector: str = ""
    page: str = ""
    locale: str = ""
    snippet: str = ""
    help_url: str = ""
    file: str = ""
    line: int = 0
    # Needs-review items (axe "incomplete") are kept but never counted as failures.
    needs_review: bool = False
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(frozen=True)
class Target:
    """One page in one locale: the unit that is loaded, scanned and reported."""

    page: str
    locale: str
    url: str
    # Discovery: configured locales this page has no version in (reported on this target).
    missing_locales: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.page}/{self.locale}"


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class TextRun:
    """A run of text as rendered: one DOM text node (or the document title).

    ``lang`` is the nearest ``lang`` attribute in effect; ``lang_source`` says where it came
    from: ``"element"`` when an element below ``<html>`` declares it, ``"root"`` for the
    ``<html>`` element, ``""`` when nothing declares one.
    """

    text: str
    selector: str
    tag: str
    lang: str
    lang_source: str
    dir: str
    visible: bool
    box: Box | None = None
    font_family: str = ""
    font_size: str = ""
    snippet: str = ""
    translate: bool = True  # False inside translate="no": the author marked it as not for translation
    code: bool = False  # inside <code>, <pre>, <kbd>, <samp>, <var> or <tt>
    fragment: bool = False  # the text node has element siblings: a piece of a mixed inline run
    ignored: bool = False  # inside an element matching [l10n] ignore_selectors


@dataclass(frozen=True)
class NamedAttribute:
    """A text-bearing attribute that becomes an accessible name or description."""

    attr: str  # alt | aria-label | title | placeholder | value ...
    value: str
    selector: str
    tag: str
    lang: str
    lang_source: str
    snippet: str = ""
    translate: bool = True
    ignored: bool = False  # inside an element matching [l10n] ignore_selectors
    box: Box | None = None  # where the element is drawn (document CSS px), for the screenshot overlay

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NamedAttribute:
        box = data.get("box")
        return cls(**{**data, "box": Box(**box) if box else None})


@dataclass(frozen=True)
class Alternate:
    """``<link rel="alternate" hreflang=... href=...>`` (kept for hreflang checks)."""

    hreflang: str
    href: str  # resolved by the browser
    raw: str = ""  # the attribute as written (to tell relative from absolute)


@dataclass(frozen=True)
class HeadMeta:
    """A ``<meta>`` in ``<head>`` that search results and link previews show (description, og:*, twitter:*)."""

    key: str  # "description", "og:title", "og:locale", "twitter:description" ...
    content: str
    selector: str  # e.g. meta[property="og:title"]


@dataclass(frozen=True)
class TextColor:
    """Colours of an element whose own text is in a script axe's contrast rule may skip (Arabic...).

    ``background`` is the first opaque background colour up the ancestors, "" when an image,
    gradient or a translucent layer makes it unknown (then nothing is judged).
    """

    selector: str
    text: str
    color: str  # computed, rgb()/rgba()
    background: str
    font_size_px: float
    font_weight: int
    snippet: str = ""


@dataclass(frozen=True)
class FrameInfo:
    """An iframe of the page: where it is, and whether it was scanned (and why not)."""

    selector: str  # frame path from the top document: "iframe#a >>> iframe.b"
    url: str
    status: Literal["scanned", "skipped", "error"]
    reason: str = ""


@dataclass(frozen=True)
class PageArtifact:
    """Everything gathered from one target. Checks read only this (and its siblings)."""

    page: str
    locale: str
    url: str
    status: Literal["ok", "error"]
    error: str = ""
    final_url: str = ""
    http_status: int = 0
    html_lang: str | None = None  # None: attribute absent
    html_dir: str | None = None
    computed_dir: str = ""  # computed `direction` of <html>
    body_dir: str | None = None
    title: str = ""
    text_runs: tuple[TextRun, ...] = ()
    attributes: tuple[NamedAttribute, ...] = ()
    alternates: tuple[Alternate, ...] = ()
    axe: dict[str, Any] = field(default_factory=dict)  # raw axe JSON: violations, incomplete, testEngine...
    screenshot: str = ""  # path relative to the run directory
    timings: dict[str, float] = field(default_factory=dict)
    attempts: int = 1
    truncated: bool = False  # the page had more text runs than are kept
    fingerprint: str = ""  # hash of what the rendering depends on (incremental runs)
    missing_locales: tuple[str, ...] = ()  # discovery: locales with no version of this page
    frames: tuple[FrameInfo, ...] = ()  # iframes met (scanned, skipped outside the origins, failed)
    head_meta: tuple[HeadMeta, ...] = ()
    text_colors: tuple[TextColor, ...] = ()
    l10n_layout: LayoutFacts | None = None  # boxes, overflow, bidi paragraphs; None: not gathered
    font_probes: tuple[FontProbe, ...] | None = None  # CDP font checks of unusual characters; None: not run
    screenshot_width: int = 0  # pixel size of the saved screenshot (0: none), for drawing finding boxes on it
    screenshot_height: int = 0
    screenshot_scale: float = 1.0  # screenshot pixels per CSS pixel (below 1: a page over the pixel budget)

    @property
    def key(self) -> str:
        return f"{self.page}/{self.locale}"

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PageArtifact:
        def box(b: dict[str, Any] | None) -> Box | None:
            return Box(**b) if b else None

        runs = tuple(TextRun(**{**r, "box": box(r.get("box"))}) for r in data.get("text_runs", ()))
        attrs = tuple(NamedAttribute.from_dict(a) for a in data.get("attributes", ()))
        alts = tuple(Alternate(**a) for a in data.get("alternates", ()))
        metas = tuple(HeadMeta(**m) for m in data.get("head_meta", ()))
        colors = tuple(TextColor(**c) for c in data.get("text_colors", ()))
        scalars = {
            k: v
            for k, v in data.items()
            if k not in ("text_runs", "attributes", "alternates", "missing_locales", "frames", "head_meta",
                         "text_colors", *_L10N_FACT_KEYS)
            and k in {f.name for f in dataclasses.fields(cls)}
        }
        return cls(**scalars, text_runs=runs, attributes=attrs, alternates=alts,
                   missing_locales=tuple(data.get("missing_locales", ())),
                   frames=tuple(FrameInfo(**f) for f in data.get("frames", ())), head_meta=metas, text_colors=colors,
                   **l10n_facts_from_dict(data))


@dataclass(frozen=True)
class CatalogMessage:
    """One PO entry, as plain data (no Babel objects) so checks are pure and saveable."""

    msgid: str
    msgstr: tuple[str, ...]  # one item, or one per plural form
    msgid_plural: str = ""
    context: str = ""
    fuzzy: bool = False
    obsolete: bool = False
    flags: tuple[str, ...] = ()
    lineno: int = 0
    locations: tuple[str, ...] = ()  # "templates/base.html:12"
    notes: tuple[str, ...] = ()  # extracted (#.) and translator (#) comments, e.g. a length limit

    @property
    def untranslated(self) -> bool:
        """GNU msgfmt's test: the first form is empty (later forms are not looked at), fuzzy or not."""
        return not self.msgstr or self.msgstr[0] == ""

    @property
    def translated(self) -> bool:
        """GNU msgfmt semantics: not fuzzy and the first form is non-empty."""
        return not self.fuzzy and not self.untranslated


@dataclass(frozen=True)
class CatalogStats:
    total: int
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int

    @property
    def percent(self) -> float:
        return round(100.0 * self.translated / self.total, 1) if self.total else 100.0


@dataclass(frozen=True)
class CatalogArtifact:
    """A locale's PO file read into plain data, plus its header facts."""

    locale: str
    path: str
    messages: tuple[CatalogMessage, ...]
    plural_forms: str = ""  # header value as written
    nplurals: int | None = None  # parsed from the header
    language: str = ""  # header "Language"
    charset: str = "utf-8"
    template_msgids: tuple[str, ...] | None = None  # from the .pot, if one exists

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CatalogArtifact:
        msgs = tuple(
            CatalogMessage(
                **{
                    **m,
                    "msgstr": tuple(m["msgstr"]),
                    "flags": tuple(m.get("flags", ())),
                    "locations": tuple(m.get("locations", ())),
                    "notes": tuple(m.get("notes", ())),
                }
            )
            for m in data.get("messages", ())
        )
        tm = data.get("template_msgids")
        rest = {k: v for k, v in data.items() if k not in ("messages", "template_msgids")}
        return cls(**rest, messages=msgs, template_msgids=tuple(tm) if tm is not None else None)


# ---------------------------------------------------------------- rendered-layout facts (issue 9: rtl-layout,
# bidi-isolation, text-overflow, missing-glyph). Plain facts from the page; the checks judge them.


@dataclass(frozen=True)
class LayoutBox:
    """A block-level (or icon) element's horizontal place inside its parent's content box, in CSS px."""

    selector: str
    tag: str
    dir: str  # computed direction of the element
    parent_dir: str
    x: float
    width: float
    container_x: float
    container_width: float
    display: str = ""
    position: str = ""
    css_float: str = "none"
    text_align: str = ""
    margin_left: str = ""
    margin_right: str = ""
    padding_left: str = ""
    padding_right: str = ""
    left: str = ""
    right: str = ""
    transform: str = "none"
    icon: bool = False  # class/id/src names an arrow, chevron, caret, next/prev icon
    line_x: float | None = None  # single line of own text: its offset inside the content box
    line_width: float | None = None
    inner_width: float | None = None  # the content box width the line sits in


@dataclass(frozen=True)
class OverflowFact:
    """An element whose content is larger than its box (scrollWidth > clientWidth, or taller)."""

    selector: str
    tag: str
    text: str
    snippet: str
    scroll_width: int
    client_width: int
    scroll_height: int
    client_height: int
    overflow_x: str
    overflow_y: str
    text_overflow: str
    white_space: str
    own_text: bool  # has a text node of its own (not only in children)
    spill_x: float  # how far the text's box reaches outside the element's border box
    spill_y: float


@dataclass(frozen=True)
class BidiParagraph:
    """A CSS bidi paragraph (block container) with its inline isolation turned into UBA controls.

    ``text`` holds LRI/RLI/FSI...PDI and LRE/RLE/LRO/RLO...PDF where the DOM isolates or embeds
    (``unicode-bidi`` and ``direction`` as computed: ``<bdi>``, ``dir=``, CSS), so the Unicode
    Bidirectional Algorithm run on it reorders the text as the browser does.
    """

    selector: str
    dir: str
    text: str
    snippet: str = ""
    plaintext: bool = False  # unicode-bidi: plaintext: base direction from the text


@dataclass(frozen=True)
class LayoutFacts:
    boxes: tuple[LayoutBox, ...] = ()
    overflow: tuple[OverflowFact, ...] = ()
    paragraphs: tuple[BidiParagraph, ...] = ()


@dataclass(frozen=True)
class FontProbe:
    """What Chromium drew an element's unusual characters with (CDP CSS.getPlatformFontsForNode).

    ``candidates`` are the characters no installed font claims (or private-use icon code points);
    ``uncovered`` those that none of the system fonts Chromium reports for the node covers.
    """

    selector: str
    text: str
    candidates: str
    uncovered: str
    fonts: tuple[str, ...] = ()
    custom_font: bool = False  # a web font (or a font fontconfig cannot name) drew part of it: coverage unknown
    snippet: str = ""


_L10N_FACT_KEYS = ("l10n_layout", "font_probes")


def l10n_facts_from_dict(data: dict[str, Any]) -> dict[str, Any]:
    """The issue-9 fields of a saved PageArtifact (absent in artifacts written before them)."""
    out: dict[str, Any] = {}
    lay = layout_facts_from_dict(data.get("l10n_layout"))
    if lay is not None:
        out["l10n_layout"] = lay
    probes = data.get("font_probes")
    if probes is not None:
        out["font_probes"] = tuple(FontProbe(**{**f, "fonts": tuple(f.get("fonts", ()))}) for f in probes)
    return out


def layout_facts_from_dict(raw: dict[str, Any] | None) -> LayoutFacts | None:
    if raw is None:
        return None
    return LayoutFacts(
        boxes=tuple(LayoutBox(**b) for b in raw.get("boxes", ())),
        overflow=tuple(OverflowFact(**o) for o in raw.get("overflow", ())),
        paragraphs=tuple(BidiParagraph(**q) for q in raw.get("paragraphs", ())),
    )


def _fields_of(obj: Any) -> dict[str, Any]:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
    raise TypeError(f"{type(obj).__name__} is not JSON serializable")


def dumps(obj: Any) -> str:
    """JSON of a dataclass tree, equal to ``json.dumps(dataclasses.asdict(obj))`` but without its
    deep copy of every nested value (measured on long documentation pages: 23 → 10 ms per artifact)."""
    return json.dumps(obj, default=_fields_of, ensure_ascii=False)
