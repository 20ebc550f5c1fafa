// Material has run: its bundle swaps the html's no-js class for js, and every code block in
// view has its copy button (a block is given one when first seen: content.lazy).
() => document.readyState === 'complete'
  && document.documentElement.classList.contains('js')
  && [...document.querySelectorAll('.md-content pre > code')].every((c) => {
    const r = c.getBoundingClientRect();
    return r.height === 0 || r.bottom < 0 || r.top > innerHeight
      || !!c.parentElement.querySelector('button');
  })
