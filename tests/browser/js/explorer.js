// What the graph explorer shows: each node's data and grad, the status line, the error
// beside each input and the table of checks (read by tests/browser/test_explorer.py).
() => {
  const root = document.querySelector(".bp-explorer");
  const text = (sel) => root.querySelector(sel)?.textContent ?? null;
  return {
    drawn: Number(root.dataset.drawn || 0),
    runtime: root.dataset.runtime ?? null,
    status: text("#bp-status"),
    errors: {expression: text("#bp-expression-error"), values: text("#bp-values-error")},
    invalid: root.querySelector("#bp-expression").getAttribute("aria-invalid"),
    nodes: [...root.querySelectorAll(".bp-node")].map((n) => ({
      id: Number(n.dataset.node),
      grad: n.querySelector(".bp-grad").dataset.grad,
      data: n.querySelector(".bp-data").textContent,
      label: n.getAttribute("aria-label"),
      focusable: n.tabIndex === 0,
    })),
    checks: [...root.querySelectorAll("#bp-checks tbody tr")].map(
      (row) => [...row.cells].map((c) => c.textContent)),
    backwardDisabled: root.querySelector("#bp-step-backward").disabled,
    marks: performance.getEntriesByType("mark").map((m) => [m.name, m.startTime]),
  };
}
