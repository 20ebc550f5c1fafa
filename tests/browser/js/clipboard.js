// What the clipboard holds once it no longer holds `sentinel` (polled for 2 s), or null.
async (sentinel) => {
  for (let i = 0; i < 40; i++) {
    const text = await navigator.clipboard.readText();
    if (text !== sentinel) return text;
    await new Promise((r) => setTimeout(r, 50));
  }
  return null;
}
