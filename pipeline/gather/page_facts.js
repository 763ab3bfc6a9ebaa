// Runs inside the scanned page: one evaluate that returns every DOM fact the checks need.
// It returns plain JSON only; all judging happens in Python so checks stay testable offline.
(options) => {
  const MAX_RUNS = options.maxRuns;
  const SNIPPET = 300;
  const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "HEAD", "TITLE", "OPTION"]);
  // Code-like elements hold text no translator should change (the checks skip it).
  const CODE = "code, pre, kbd, samp, var, tt";
  // [l10n] ignore_selectors, as one selector list; a bad selector fails the page with a clear reason.
  const IGNORE = (options.ignoreSelectors || []).join(", ");
  if (IGNORE) {
    try { document.querySelector(IGNORE); } catch (e) {
      throw new Error("l10n.ignore_selectors is not a valid CSS selector list: " + IGNORE);
    }
  }
  const ignored = (el) => IGNORE !== "" && el.closest(IGNORE) !== null;

  const uniqueId = (el) => {
    if (!el.id) return false;
    try { return document.querySelectorAll("#" + CSS.escape(el.id)).length === 1; } catch (e) { return false; }
  };
  // nth-of-type positions, computed once per parent: a page with 100k siblings must stay linear.
  const positions = new WeakMap();
  const positionOf = (parent, el) => {
    let map = positions.get(parent);
    if (!map) {
      map = new Map();
      const counts = new Map();
      for (const c of parent.children) {
        const n = (counts.get(c.localName) || 0) + 1;
        counts.set(c.localName, n);
        map.set(c, n);
      }
      for (const c of parent.children) map.set(c, [map.get(c), counts.get(c.localName)]);
      positions.set(parent, map);
    }
    return map.get(el);
  };
  const cssPath = (el) => {
    if (!el || el.nodeType !== 1) return "";
    const parts = [];
    while (el && el.nodeType === 1) {
      if (uniqueId(el)) { parts.unshift("#" + CSS.escape(el.id)); break; }
      let part = el.localName;
      const parent = el.parentElement;
      if (parent) {
        const [index, count] = positionOf(parent, el);
        if (count > 1) part += ":nth-of-type(" + index + ")";
      }
      parts.unshift(part);
      if (el === document.documentElement) break;
      el = parent;
    }
    return parts.join(" > ");
  };
  const snippet = (el) => {
    const html = el.outerHTML || "";
    if (html.length <= SNIPPET) return html;
    const open = html.slice(0, html.indexOf(">") + 1);
    return (open.length <= SNIPPET ? open : html.slice(0, SNIPPET)) + "…";
  };
  const langOf = (el) => {
    const holder = el.closest("[lang]");
    if (!holder) return ["", ""];
    return [holder.getAttribute("lang") || "", holder === document.documentElement ? "root" : "element"];
  };
  const translatable = (el) => {
    const holder = el.closest("[translate]");
    return !holder || holder.getAttribute("translate").toLowerCase() !== "no";
  };
  const visible = (el) => {
    if (typeof el.checkVisibility === "function") {
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    }
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const round = (n) => Math.round(n * 10) / 10;
  const boxOf = (el) => {  // document CSS px, as on a full-page screenshot
    const r = el.getBoundingClientRect();
    return r.width || r.height ? { x: round(r.x + scrollX), y: round(r.y + scrollY), width: round(r.width), height: round(r.height) } : null;
  };

  const runs = [];
  const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
  const styleCache = new Map();
  let node;
  while ((node = walker.nextNode()) && runs.length < MAX_RUNS) {
    const text = node.nodeValue.replace(/\s+/g, " ").trim();
    if (!text) continue;
    const el = node.parentElement;
    if (!el || SKIP.has(el.tagName) || el.closest("svg, script, style, noscript, template")) continue;
    let facts = styleCache.get(el);
    if (!facts) {
      const cs = getComputedStyle(el);
      const [lang, langSource] = langOf(el);
      facts = {
        selector: cssPath(el), tag: el.localName, lang, lang_source: langSource,
        dir: cs.direction, visible: visible(el), font_family: cs.fontFamily, font_size: cs.fontSize,
        snippet: snippet(el), translate: translatable(el), code: el.closest(CODE) !== null,
        ignored: ignored(el),
      };
      styleCache.set(el, facts);
    }
    const range = document.createRange();
    range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    runs.push({
      text, ...facts,
      // A text node beside elements is part of a mixed inline run ("<code>a</code> or <code>b</code>").
      fragment: node.previousElementSibling !== null || node.nextElementSibling !== null,
      box: r.width || r.height ? { x: round(r.x + scrollX), y: round(r.y + scrollY), width: round(r.width), height: round(r.height) } : null,
    });
  }

  const attributes = [];
  const NAMED = ["alt", "aria-label", "title", "placeholder", "aria-description", "aria-placeholder"];
  const root = document.body || document.documentElement;
  const selector = NAMED.map((a) => "[" + a + "]").join(",") + ",input[type=submit][value],input[type=button][value],input[type=reset][value]";
  for (const el of root.querySelectorAll(selector)) {
    const [lang, langSource] = langOf(el);
    for (const attr of [...NAMED, "value"]) {
      if (attr === "value" && !(el.localName === "input" && ["submit", "button", "reset"].includes(el.type))) continue;
      const value = el.getAttribute(attr);
      if (value === null || !value.trim()) continue;
      attributes.push({ attr, value: value.replace(/\s+/g, " ").trim(), selector: cssPath(el), tag: el.localName,
                        lang, lang_source: langSource, snippet: snippet(el), translate: translatable(el),
                        ignored: ignored(el), box: boxOf(el) });
    }
  }

  const alternates = Array.from(document.querySelectorAll("link[rel~='alternate'][hreflang]")).map((l) => ({
    hreflang: l.getAttribute("hreflang") || "", href: l.href, raw: l.getAttribute("href") || "",
  }));
  // Head metadata that search results and link previews show in the locale (issue 9).
  const HEAD_META = ["description", "og:title", "og:description", "og:locale", "twitter:title", "twitter:description"];
  const headMeta = [];
  for (const m of document.querySelectorAll("head meta[name], head meta[property]")) {
    const attr = m.hasAttribute("property") ? "property" : "name";
    const key = (m.getAttribute(attr) || "").trim().toLowerCase();
    if (!HEAD_META.includes(key)) continue;
    headMeta.push({ key, content: (m.getAttribute("content") || "").replace(/\s+/g, " ").trim(),
                    selector: "meta[" + attr + '="' + m.getAttribute(attr) + '"]' });
  }

  // Colours of elements whose own text is Arabic-script: axe's contrast rule can take joined
  // Arabic letters for icon ligatures and skip them, so Python judges these itself.
  const textColors = [];
  const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
  const opaque = (c) => { const m = c.match(/rgba?\(([^)]*)\)/); if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean); return p.length < 4 ? 1 : parseFloat(p[3]); };
  const backgroundOf = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.backgroundImage && cs.backgroundImage !== "none") return "";
      const a = opaque(cs.backgroundColor);
      if (a === null) return "";
      if (a >= 1) return cs.backgroundColor;
      if (a > 0) return "";
    }
    return "rgb(255, 255, 255)";
  };
  const seenColor = new Set();
  const colorWalker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
  while ((node = colorWalker.nextNode()) && textColors.length < 2000) {
    const el = node.parentElement;
    if (!el || seenColor.has(el) || !ARABIC.test(node.nodeValue)) continue;
    seenColor.add(el);
    if (SKIP.has(el.tagName) || el.closest("svg, script, style, noscript, template") || !visible(el)) continue;
    const cs = getComputedStyle(el);
    textColors.push({ selector: cssPath(el), text: node.nodeValue.replace(/\s+/g, " ").trim().slice(0, 200),
                      color: cs.color, background: backgroundOf(el), font_size_px: parseFloat(cs.fontSize) || 0,
                      font_weight: parseInt(cs.fontWeight, 10) || 400, snippet: snippet(el) });
  }

  const html = document.documentElement;
  return {
    html_lang: html.hasAttribute("lang") ? html.getAttribute("lang") : null,
    html_dir: html.hasAttribute("dir") ? html.getAttribute("dir") : null,
    computed_dir: getComputedStyle(html).direction,
    body_dir: document.body && document.body.hasAttribute("dir") ? document.body.getAttribute("dir") : null,
    title: (document.title || "").replace(/\s+/g, " ").trim(),
    text_runs: runs,
    attributes,
    alternates,
    truncated: runs.length >= MAX_RUNS,
    head_meta: headMeta,
    text_colors: textColors,
    // Where this document's iframes sit (page coordinates of their content box), for frames.py.
    frames: Array.from(document.querySelectorAll("iframe, frame")).map((f) => {
      const r = f.getBoundingClientRect();
      return { selector: cssPath(f), src: f.src || "", x: r.x + scrollX + f.clientLeft, y: r.y + scrollY + f.clientTop };
    }),
  };
}
