// Every link of the page: where it points (resolved, and as written) and where it sits.
() => [...document.querySelectorAll('a[href]')]
  .map((a) => ({href: a.href, raw: a.getAttribute('href'), where: __describe(a)}))
