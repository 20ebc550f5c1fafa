// Every figure of the page: each <img>, and each inline <svg> of the content that is not a
// formula or an icon. An image not yet loaded (sitebuild/hooks/figures.py makes the figures
// after the first <h2> lazy) is first scrolled into view, as a reader brings it there, and
// given 10 s to load. Each figure is marked data-bpdocs-figure=N for a later screenshot.
async () => {
  const ICON = 'mjx-container, .twemoji, .md-icon, .md-code__nav, button, .md-header, '
    + '.md-footer, .md-nav, .md-source, .md-button, .headerlink';
  const shown = (el) => el.getClientRects().length > 0
    && !el.closest('details:not([open]), [hidden]');
  const settled = (img) => Promise.race([
    new Promise((r) => { img.addEventListener('load', r); img.addEventListener('error', r); }),
    new Promise((r) => setTimeout(r, 10000)),
  ]);
  const imgs = [...document.querySelectorAll('img')];
  for (const img of imgs) {
    if (img.complete || !shown(img)) continue;
    img.scrollIntoView({block: 'center'});
    await settled(img);
  }
  window.scrollTo(0, 0);
  const svgs = [...document.querySelectorAll('.md-content svg')]
    .filter((s) => !s.closest(ICON) && !s.parentElement?.closest('.md-content svg'));
  const out = [];
  for (const el of [...imgs, ...svgs]) {
    const r = el.getBoundingClientRect();
    const img = el.tagName === 'IMG';
    const labelledBy = (el.getAttribute('aria-labelledby') || '').split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent || '').join(' ');
    const name = img ? el.getAttribute('alt') || ''
      : el.getAttribute('aria-label') || labelledBy
        || el.querySelector(':scope > title')?.textContent || '';
    const src = img ? ` src=${JSON.stringify(el.getAttribute('src').slice(0, 80))}` : '';
    el.setAttribute('data-bpdocs-figure', String(out.length));
    out.push({
      id: out.length,
      what: __describe(el) + src,
      img,
      lazy: img && el.loading === 'lazy',
      inContent: !!el.closest('.md-content'),
      loaded: img ? el.complete && el.naturalWidth > 0 : true,
      width: r.width,
      height: r.height,
      shown: shown(el),
      decorative: el.getAttribute('aria-hidden') === 'true'
        || el.getAttribute('role') === 'presentation',
      name: name.trim(),
    });
  }
  return out;
}
