// Added to every page before its own scripts: window.__describe(el) names an element for a
// finding, as a short CSS path from its nearest ancestor with an id.
window.__describe = (el) => {
  const parts = [];
  for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
    let s = e.tagName.toLowerCase();
    if (e.id) { s += '#' + e.id; parts.unshift(s); break; }
    const cls = [...e.classList].slice(0, 2).join('.');
    if (cls) s += '.' + cls;
    parts.unshift(s);
  }
  return parts.join(' > ');
};
