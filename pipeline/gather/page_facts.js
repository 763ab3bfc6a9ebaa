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
  const l10nLayout = localeLayoutFacts(options, cssPath, snippet, visible);
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
    l10n_layout: l10nLayout,  // the whole result leaves the page as one JSON string (wire.py)
  };
  // Layout, overflow and bidi facts for rtl-layout, text-overflow and bidi-isolation (one key:
  // l10n_layout). Hoisted, so the return above can call it. Boxes only where options.layout says a
  // right-to-left locale is compared with this page; paragraphs only when the page has RTL text.
  function localeLayoutFacts(opts, cssPath, snippet, visible) {
    const MAX_BOXES = 4000, MAX_OVERFLOW = 300, MAX_PARAS = 1500, MAX_PARA_CHARS = 4000;
    const RTL_CHAR = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
    const LTR_CHAR = /(?![\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF])[\p{L}\p{Nd}]/u;
    const ICON_HINT = /(arrow|chevron|caret|angle)[-_]?(left|right|forward|back|next|prev|start|end)|(^|[-_ ])(next|prev|previous|forward|back)([-_ .]|$)/i;
    const root = document.body || document.documentElement;
    const r1 = (n) => Math.round(n * 10) / 10;
    const px = (v) => parseFloat(v) || 0;
    const styles = new Map();
    const style = (el) => { let cs = styles.get(el); if (!cs) { cs = getComputedStyle(el); styles.set(el, cs); } return cs; };
    const inSvg = (el) => el.localName !== "svg" && el.closest("svg") !== null;
    const all = root.querySelectorAll("*");
    const ownText = (el) => {
      for (const c of el.childNodes) if (c.nodeType === 3 && c.nodeValue.trim()) return true;
      return false;
    };
    const range = document.createRange();

    const boxes = [];
    const ICON_TAGS = new Set(["svg", "img", "i", "span"]);
    const MIN_FREE = 24;  // px; with less room on both sides an element has no side to compare
    if (opts.layout) {
      for (const el of all) {
        if (boxes.length >= MAX_BOXES) break;
        if (!el.parentElement || inSvg(el)) continue;
        const cs = style(el);
        const d = cs.display;
        let iconish = false;
        if (ICON_TAGS.has(el.localName)) {
          const use = el.localName === "svg" ? el.querySelector("use") : null;
          const names = [el.getAttribute("class"), el.id, el.getAttribute("src"), el.getAttribute("data-icon"),
                         use && (use.getAttribute("href") || use.getAttribute("xlink:href"))];
          iconish = ICON_HINT.test(names.filter(Boolean).join(" "));
        }
        const atomicOrBlock = d !== "inline" && d !== "contents" && d !== "none";
        if (!atomicOrBlock && !iconish) continue;
        const r = el.getBoundingClientRect();
        if (r.width < 1 || r.height < 1 || cs.visibility !== "visible") continue;
        const p = el.parentElement, ps = style(p), pr = p.getBoundingClientRect();
        const cx = pr.left + p.clientLeft + px(ps.paddingLeft);
        const cw = p.clientWidth - px(ps.paddingLeft) - px(ps.paddingRight);
        let line = null;
        if (!d.startsWith("inline") && ownText(el)) {
          range.selectNodeContents(el);
          const rects = Array.from(range.getClientRects()).filter((q) => q.width > 0 && q.height > 0);
          if (rects.length && new Set(rects.map((q) => Math.round(q.top))).size === 1) {
            const lr = range.getBoundingClientRect();
            const inner = el.clientWidth - px(cs.paddingLeft) - px(cs.paddingRight);
            if (inner - lr.width >= MIN_FREE) {
              line = { x: r1(lr.left - r.left - el.clientLeft - px(cs.paddingLeft)), width: r1(lr.width), inner: r1(inner) };
            }
          }
        }
        // Most blocks fill their parent: nothing to mirror, so not worth a selector and styles.
        if (cw - r.width < MIN_FREE && !line && !iconish) continue;
        boxes.push({
          selector: cssPath(el), tag: el.localName, dir: cs.direction, parent_dir: ps.direction,
          x: r1(r.left), width: r1(r.width), container_x: r1(cx), container_width: r1(cw),
          display: d, position: cs.position, css_float: cs.cssFloat, text_align: cs.textAlign,
          margin_left: cs.marginLeft, margin_right: cs.marginRight,
          padding_left: cs.paddingLeft, padding_right: cs.paddingRight,
          left: cs.left, right: cs.right, transform: cs.transform, icon: iconish,
          line_x: line && line.x, line_width: line && line.width, inner_width: line && line.inner,
        });
      }
    }

    const overflow = [];
    for (const el of all) {
      if (overflow.length >= MAX_OVERFLOW) break;
      const cw = el.clientWidth, ch = el.clientHeight;
      if (cw <= 0 || ch <= 0) continue;
      const over = el.scrollWidth > cw + 1 || el.scrollHeight > ch + 1;
      if (!over || inSvg(el)) continue;
      const cs = style(el);
      if (/auto|scroll/.test(cs.overflowX + cs.overflowY)) continue;  // a scroll container is meant to scroll
      const text = (el.textContent || "").replace(/\s+/g, " ").trim();
      if (!text || !visible(el)) continue;
      const r = el.getBoundingClientRect();
      range.selectNodeContents(el);
      const tr = range.getBoundingClientRect();
      overflow.push({
        selector: cssPath(el), tag: el.localName, text: text.slice(0, 200), snippet: snippet(el),
        scroll_width: el.scrollWidth, client_width: cw, scroll_height: el.scrollHeight, client_height: ch,
        overflow_x: cs.overflowX, overflow_y: cs.overflowY, text_overflow: cs.textOverflow,
        white_space: cs.whiteSpace, own_text: ownText(el),
        spill_x: r1(Math.max(0, tr.right - r.right, r.left - tr.left)),
        spill_y: r1(Math.max(0, tr.bottom - r.bottom, r.top - tr.top)),
      });
    }

    const paragraphs = [];
    if (RTL_CHAR.test(root.textContent || "") || style(document.documentElement).direction === "rtl") {
      // Paragraph roots: the nearest block container or atomic inline (CSS bidi paragraphs).
      const rootOf = (el) => {
        let e = el;
        while (e && e !== root) {
          const d = style(e).display;
          if (d !== "contents" && d !== "inline") return e;
          e = e.parentElement;
        }
        return root;
      };
      // CSS unicode-bidi + direction as the UBA's control characters (CSS Writing Modes 3, 2.4.2).
      const OPEN = { isolate: ["\u2066", "\u2067"], "isolate-override": ["\u2066\u202D", "\u2067\u202E"], plaintext: ["\u2068", "\u2068"],
                     embed: ["\u202A", "\u202B"], "bidi-override": ["\u202D", "\u202E"] };
      const CLOSE = { isolate: "\u2069", "isolate-override": "\u202C\u2069", plaintext: "\u2069", embed: "\u202C", "bidi-override": "\u202C" };
      const paras = new Map();
      const SKIP_TAGS = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "OPTION"]);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let n;
      while ((n = walker.nextNode())) {
        const el = n.parentElement;
        if (!el || SKIP_TAGS.has(el.tagName) || inSvg(el) || !n.nodeValue) continue;
        const proot = rootOf(el);
        let para = paras.get(proot);
        if (!para) {
          if (paras.size >= MAX_PARAS) break;
          para = { el: proot, parts: [], open: [] };
          paras.set(proot, para);
        }
        const chain = [];
        for (let e = el; e && e !== proot; e = e.parentElement) chain.unshift(e);
        let keep = 0;
        while (keep < para.open.length && keep < chain.length && para.open[keep] === chain[keep]) keep++;
        for (let i = para.open.length - 1; i >= keep; i--) para.parts.push(CLOSE[style(para.open[i]).unicodeBidi] || "");
        for (let i = keep; i < chain.length; i++) {
          const cs = style(chain[i]);
          const o = OPEN[cs.unicodeBidi];
          para.parts.push(o ? o[cs.direction === "rtl" ? 1 : 0] : "");
        }
        para.open = chain;
        para.parts.push(n.nodeValue.replace(/\s+/g, " "));
      }
      for (const para of paras.values()) {
        for (let i = para.open.length - 1; i >= 0; i--) para.parts.push(CLOSE[style(para.open[i]).unicodeBidi] || "");
        const text = para.parts.join("").trim();
        if (!RTL_CHAR.test(text) && style(para.el).direction !== "rtl") continue;
        if (!LTR_CHAR.test(text) || !visible(para.el)) continue;
        const cs = style(para.el);
        paragraphs.push({ selector: cssPath(para.el), dir: cs.direction, plaintext: cs.unicodeBidi === "plaintext",
                          text: text.slice(0, MAX_PARA_CHARS), snippet: snippet(para.el) });
      }
    }
    return { boxes, overflow, paragraphs };
  }
}
