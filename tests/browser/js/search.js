// The links of Material's search results once it says how many match, in the order shown
// (each page's own link first, then its sections); null while the results are not in.
() => {
  const meta = document.querySelector('.md-search-result__meta');
  if (!meta || !/match/i.test(meta.textContent)) return null;
  return [...document.querySelectorAll('.md-search-result__list a.md-search-result__link')]
    .map((a) => a.href);
}
