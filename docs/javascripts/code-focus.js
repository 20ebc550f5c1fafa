// Keyboard access to code blocks drawn late.
// Code blocks far from the viewport are drawn only when the reader scrolls near them
// (content-visibility: auto, see stylesheets/extra.css). Material gives a block that scrolls
// sideways tabindex="0" (where the device can hover) when it first sees the block (content.lazy),
// measuring it then; a block not yet drawn measures as not scrolling, and Material's first sight
// can come before the drawing. This gives the block keyboard access when it is drawn, if it needs it.
document.addEventListener("contentvisibilityautostatechange", (event) => {
  const code = event.target;
  if (event.skipped || !(code instanceof HTMLElement) || !code.matches("pre > code")) return;
  if (code.scrollWidth > code.clientWidth && matchMedia("(hover)").matches) code.setAttribute("tabindex", "0");
  else code.removeAttribute("tabindex");
}, true);
