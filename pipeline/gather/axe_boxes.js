// Where each reported axe node is drawn, so the report can outline it on the screenshot
// without a browser. Takes axe target arrays, returns one box (or null) per target, in CSS
// pixels of the whole document (what a full-page screenshot shows): viewport box + scroll.
(targets) => {
  const round = (n) => Math.round(n * 10) / 10;

  // axe target: one entry per frame level; an entry that is itself a list steps into shadow roots.
  const locate = (target) => {
    let root = document;
    let dx = scrollX;
    let dy = scrollY;
    for (let level = 0; level < target.length; level++) {
      const chain = Array.isArray(target[level]) ? target[level] : [target[level]];
      let scope = root;
      let el = null;
      for (const selector of chain) {
        try { el = scope.querySelector(selector); } catch (e) { return null; }
        if (!el) return null;
        scope = el.shadowRoot || el;
      }
      if (level === target.length - 1) return { el, dx, dy };
      let inner = null;
      try { inner = el.contentDocument; } catch (e) { inner = null; }
      if (!inner) return { el, dx, dy };  // a cross-origin frame: outline the frame itself
      const r = el.getBoundingClientRect();
      dx += r.x + el.clientLeft;
      dy += r.y + el.clientTop;
      root = inner;
    }
    return null;
  };

  return targets.map((target) => {
    const found = Array.isArray(target) ? locate(target) : null;
    if (!found) return null;
    const r = found.el.getBoundingClientRect();
    if (!r.width && !r.height) return null;  // not rendered: nothing to outline
    return { x: round(r.x + found.dx), y: round(r.y + found.dy), width: round(r.width), height: round(r.height) };
  });
}
