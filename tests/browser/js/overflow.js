// On a phone `vw` pixels wide: what sticks out sideways. A mobile browser widens its layout
// viewport (innerWidth) to fit content that is too wide, and zooms out, so innerWidth alone
// would hide an overflow. An element may stick out only inside a box that scrolls sideways.
(vw) => {
  const scrolls = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const scroller = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
      if (scrolls(a)) return a;
    return null;
  };
  const problems = [];
  const doc = document.scrollingElement.scrollWidth;
  if (doc > vw + 1 || window.innerWidth > vw + 1)
    problems.push(`the document is ${Math.max(doc, window.innerWidth)}px wide on a ${vw}px screen`);
  const content = document.querySelector('.md-content');
  if (!content) return problems;
  const out = new Set();
  for (const el of content.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right <= vw + 1 && r.left >= -1) continue;
    if (scroller(el)) continue;
    const inside = out.has(el.parentElement);
    out.add(el);
    if (!inside)
      problems.push(`${__describe(el)} sticks out of the viewport (left ${Math.round(r.left)}, `
        + `right ${Math.round(r.right)}, viewport ${vw})`);
  }
  const boxes = 'pre, pre > code, mjx-container, table, .md-typeset__table, .highlight, '
    + '.jp-OutputArea-output';
  for (const el of content.querySelectorAll(boxes)) {
    if (el.scrollWidth > el.clientWidth + 1 && !scrolls(el) && !scroller(el))
      problems.push(`${__describe(el)} is ${el.scrollWidth}px wide in a ${el.clientWidth}px box `
        + `that does not scroll (overflow-x: ${getComputedStyle(el).overflowX})`);
  }
  return problems;
}
