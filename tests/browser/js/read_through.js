// Scroll the page through as a reader does. Code blocks off screen are drawn only when the
// reader nears them (content-visibility: auto): each must then take exactly the height it
// held before it was drawn, and, where the device can hover, each that scrolls sideways must
// take keyboard focus (tabindex="0"). Returns what is wrong, and scrolls back to the top.
async () => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const codes = [...document.querySelectorAll('pre > code')];
  const before = codes.map((c) => c.getBoundingClientRect().height);
  for (let y = 0; y < document.scrollingElement.scrollHeight; y += innerHeight / 2) {
    window.scrollTo(0, y);
    await frame();
  }
  await frame();
  const problems = [];
  codes.forEach((c, i) => {
    const what = `code block #${c.closest('pre').id || i}`;
    const h = c.getBoundingClientRect().height;
    if (Math.abs(h - before[i]) > 1)
      problems.push(`${what} held ${before[i].toFixed(1)}px before it was drawn and takes `
        + `${h.toFixed(1)}px: the page shifts`);
    if (matchMedia('(hover)').matches && c.scrollWidth > c.clientWidth + 1
        && c.getAttribute('tabindex') !== '0')
      problems.push(`${what} scrolls sideways (${c.scrollWidth}px in ${c.clientWidth}px) `
        + 'but takes no keyboard focus');
  });
  window.scrollTo(0, 0);
  await frame();
  return problems;
}
