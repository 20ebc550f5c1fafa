// Formulas as the reader sees them: text nodes outside code, scripts and formulas that still
// hold TeX, formulas that hold a MathJax error, and how many formulas the content typesets.
() => {
  const skip = 'code, pre, script, style, textarea, mjx-container, .md-search-result';
  const raw = /\\\(|\\\)|\\\[|\\\]|\$\$|\\begin\{|(?<![\w\\$])\$(?=\S)[^$\n]{0,200}?[\\^_{}=][^$\n]*?(?<=\S)\$/;
  const rawHits = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest(skip)) continue;
    if (raw.test(n.nodeValue)) {
      const t = n.nodeValue.trim().replace(/\s+/g, ' ');
      rawHits.push(`raw TeX ${JSON.stringify(t.slice(0, 100))} in ${__describe(el)}`);
    }
  }
  const content = document.querySelector('.md-content') || document.body;
  const errors = [...document.querySelectorAll(
      'mjx-container [data-mml-node="merror"], mjx-merror, mjx-container merror')]
    .map((e) => {
      const box = e.closest('mjx-container') || e;
      const tex = (box.getAttribute('data-tex') || '').slice(0, 80);
      return `MathJax error in ${__describe(box)}: ${JSON.stringify(tex)}`;
    });
  return {raw: rawHits, errors, typeset: content.querySelectorAll('mjx-container').length};
}
