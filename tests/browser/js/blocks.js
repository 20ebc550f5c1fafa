// Every code block of the content, outermost .highlight only, in page order, each marked
// data-bpdocs-block=N to find its copy button: its language, text, title and place.
() => [...document.querySelectorAll('.md-content div.highlight')]
  .filter((d) => !d.parentElement.closest('div.highlight'))
  .map((d, i) => {
    d.setAttribute('data-bpdocs-block', String(i));
    const pre = d.querySelector('pre:has(> code)') || d.querySelector('pre');
    const code = pre && pre.querySelector(':scope > code');
    const lang = [...d.classList].find((c) => c.startsWith('language-')) || '';
    return {
      index: i,
      lang: lang.slice('language-'.length),
      notebook: d.classList.contains('highlight-ipynb'),
      text: code ? code.textContent : pre ? pre.textContent : '',
      title: d.querySelector('.filename')?.textContent || null,
      where: __describe(d),
    };
  })
