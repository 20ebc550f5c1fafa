// The palette the page shows: Material's data-md-color-scheme ("default" or "slate").
() => document.body.getAttribute('data-md-color-scheme')
