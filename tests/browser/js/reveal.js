// What a reader does before copying a block: open its <details>, select its content tab and
// scroll it into view (Material mounts the copy button when the block is first seen). The
// clipboard then holds `sentinel`, so that what the button copies shows.
async (block, sentinel) => {
  for (let el = block; el; el = el.parentElement) {
    if (el.tagName === 'DETAILS' && !el.open) el.open = true;
    if (el.classList && el.classList.contains('tabbed-block')) {
      const set = el.closest('.tabbed-set');
      const inputs = [...set.querySelectorAll(':scope > input')];
      const input = inputs[[...el.parentElement.children].indexOf(el)];
      if (input && !input.checked) {
        input.checked = true;
        input.dispatchEvent(new Event('change', {bubbles: true}));
      }
    }
  }
  block.scrollIntoView({block: 'center'});
  await navigator.clipboard.writeText(sentinel);
}
