// The cumulative layout shift so far, as bench.sitebench.CLS_OBSERVER adds it up.
() => window.__cls
