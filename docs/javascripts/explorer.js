// The graph explorer: it draws, and Python computes.
// The reader's expression goes to bpdocs.explore, run by MicroPython's WebAssembly build
// (python.js), loaded the first time the reader asks for it. Every number shown (data,
// grads, local derivatives, central differences) is a string that Python returned; this
// script only lays the nodes out and steps through them.
import { loadPython, printTo } from "./python.js";

const root = document.querySelector(".bp-explorer");
let engine = null; // a promise of {mp, explore}: MicroPython, and bpdocs.explore in it
let graph = null; // what explore() returned for the drawn expression
let state = null; // {forward: nodes shown, backward: steps done, grads: {id: repr}}
let drawn = false;

const $ = (sel) => root.querySelector(sel);
const form = $("#bp-form");
const expression = $("#bp-expression");
const values = $("#bp-values");
const status = $("#bp-status");
const canvas = $("#bp-graph");
const checks = $("#bp-checks");
const buttons = {
  forward: $("#bp-step-forward"),
  backward: $("#bp-step-backward"),
  end: $("#bp-run"),
  reset: $("#bp-reset"),
};

function loadEngine() {
  if (engine) return engine;
  performance.mark("bp-runtime-start");
  say("Loading Python…");
  engine = (async () => {
    const mp = await loadPython();
    const explore = mp.pyimport("bpdocs.explore");
    performance.mark("bp-runtime-ready");
    root.dataset.runtime = "ready";
    return { mp, explore };
  })();
  engine.catch((error) => {
    root.dataset.runtime = "failed";
    showError(null, `Python could not start: ${error.message}`);
  });
  return engine;
}

function say(text) {
  status.textContent = text;
}

function showError(field, message) {
  for (const input of [expression, values]) {
    const bad = input.id === `bp-${field}`;
    input.setAttribute("aria-invalid", String(bad));
    $(`#${input.id}-error`).textContent = bad ? message : "";
  }
  if (field === null) $("#bp-expression-error").textContent = message;
}

async function draw() {
  const { explore } = await loadEngine();
  let out;
  try {
    out = JSON.parse(explore.explore_json(expression.value, values.value));
  } catch (error) { // MemoryError and the like: say so, and keep the page working
    out = { error: `Python could not read this input (${error.type || error.name}: ${error.message.trim().split("\n").pop()})`, field: "expression" };
  }
  if (out.error) {
    showError(out.field, out.error);
    const input = out.field === "values" ? values : expression;
    if (out.position !== undefined && document.activeElement === input) {
      input.setSelectionRange(out.position, out.position + 1);
    }
    say(`Not drawn: ${out.error}`);
    return;
  }
  showError("none", "");
  graph = out;
  state = { forward: 0, backward: 0, grads: {} };
  layout();
  render();
  fillChecks();
  if (!drawn) {
    drawn = true;
    performance.mark("bp-graph-drawn");
  }
  root.dataset.drawn = String(Number(root.dataset.drawn || 0) + 1);
  say(`Drawn: ${graph.nodes.length} nodes. Step the forward pass, node by node.`);
}

function name(node) {
  if (node.kind === "variable") return node.label;
  if (node.kind === "constant") return `constant ${node.data}`;
  return node.label ? `${node.label} (${node.op})` : `(${node.op} #${node.id})`;
}

const W = 172;
const H = 74;
const GAP = 36;
let place = {};

function layout() {
  const rows = {};
  place = {};
  for (const node of graph.nodes) {
    const row = rows[node.column] ?? 0;
    rows[node.column] = row + 1;
    place[node.id] = { x: node.column * (W + GAP), y: row * (H + 22) };
  }
  const columns = Math.max(...graph.nodes.map((n) => n.column)) + 1;
  const depth = Math.max(...Object.values(rows));
  canvas.style.width = `${columns * (W + GAP) - GAP}px`;
  canvas.style.height = `${depth * (H + 22) - 22}px`;
}

function svg(tag, attrs) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

function render() {
  canvas.replaceChildren();
  const lines = svg("svg", { class: "bp-edges", "aria-hidden": "true" });
  lines.setAttribute("width", canvas.style.width);
  lines.setAttribute("height", canvas.style.height);
  const step = current();
  for (const node of graph.nodes) {
    node.inputs.forEach((input, slot) => {
      const a = place[input];
      const b = place[node.id];
      const spread = (slot - (node.inputs.length - 1) / 2) * 14;
      const [x1, y1, x2, y2] = [a.x + W, a.y + H / 2, b.x, b.y + H / 2 + spread];
      const bend = (x2 - x1) / 2;
      const path = svg("path", {
        d: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`,
        "data-edge": `${input}-${node.id}-${slot}`,
      });
      if (step && step.result === node.id && step.slot === slot) path.classList.add("bp-active");
      lines.append(path);
    });
  }
  canvas.append(lines);
  const list = document.createElement("ol");
  list.className = "bp-nodes";
  list.setAttribute("aria-label", "the graph's nodes, inputs first");
  const backwardStarted = state.backward > 0 || state.forward > graph.nodes.length;
  graph.nodes.forEach((node, i) => {
    const item = document.createElement("li");
    item.className = `bp-node bp-${node.kind}`;
    item.tabIndex = 0;
    item.dataset.node = String(node.id);
    item.style.left = `${place[node.id].x}px`;
    item.style.top = `${place[node.id].y}px`;
    const known = i < state.forward;
    const grad = backwardStarted ? (state.grads[node.id] ?? "0.0") : "";
    if (known) item.classList.add("bp-known");
    if (step && (step.result === node.id || step.input === node.id)) item.classList.add("bp-active");
    const inputs = node.inputs.map((j) => name(graph.nodes[j])).join(", ");
    item.innerHTML = "";
    const title = document.createElement("span");
    title.className = "bp-op";
    title.textContent = node.kind === "op" ? (node.label ? `${node.label} = ${node.op}` : node.op) : (node.kind === "variable" ? node.label : "constant");
    const data = document.createElement("span");
    data.className = "bp-data";
    data.textContent = `data ${known ? node.data : "?"}`;
    const g = document.createElement("span");
    g.className = "bp-grad";
    g.dataset.grad = grad;
    g.textContent = `grad ${grad || "?"}`;
    item.append(title, data, g);
    item.setAttribute("aria-label", `${name(node)}${inputs ? `, from ${inputs}` : ""}: data ${known ? node.data : "not computed yet"}, grad ${grad || "not computed yet"}`);
    list.append(item);
  });
  canvas.append(list);
  const done = state.backward >= graph.steps.length && backwardStarted;
  buttons.forward.disabled = state.forward >= graph.nodes.length;
  buttons.backward.disabled = state.forward < graph.nodes.length || done;
  buttons.end.disabled = done;
  buttons.reset.disabled = state.forward === 0;
}

function current() {
  return state && state.backward > 0 ? graph.steps[state.backward - 1] : null;
}

function fillChecks() {
  const body = checks.querySelector("tbody");
  body.replaceChildren();
  for (const c of graph.checks) {
    const row = document.createElement("tr");
    row.dataset.variable = c.name;
    for (const text of [c.name, c.grad, c.numeric, c.difference]) {
      const cell = document.createElement("td");
      cell.textContent = text;
      row.append(cell);
    }
    body.append(row);
  }
  checks.hidden = false;
}

function stepForward() {
  if (state.forward >= graph.nodes.length) return;
  const node = graph.nodes[state.forward];
  state.forward += 1;
  render();
  const how = node.kind === "op" ? `${node.op} of ${node.inputs.map((j) => graph.nodes[j].data).join(" and ")}` : "given";
  say(`Forward ${state.forward} of ${graph.nodes.length}: ${name(node)} = ${node.data} (${how}).`);
  if (state.forward === graph.nodes.length) {
    state.grads = { [graph.root]: "1.0" };
    state.forward += 1; // the backward pass starts: every grad 0, the output's 1
    render();
    say(`Forward pass done: ${name(graph.nodes[graph.root])} = ${graph.nodes[graph.root].data}. The backward pass starts with its grad at 1.0, every other at 0.0.`);
  }
}

function stepBackward() {
  if (state.backward >= graph.steps.length) return;
  const s = graph.steps[state.backward];
  state.backward += 1;
  state.grads[s.input] = s.after;
  render();
  const r = graph.nodes[s.result];
  const x = graph.nodes[s.input];
  const uses = r.inputs.length > 1 ? `, input ${s.slot + 1} of ${r.inputs.length}` : "";
  say(`Backward ${state.backward} of ${graph.steps.length}${uses}: local derivative ∂${name(r)}/∂${name(x)} = ${s.local}; ${name(x)}.grad += ${s.local} × ${s.upstream}: ${s.before} → ${s.after}.`);
}

function runToEnd() {
  while (state.forward <= graph.nodes.length) stepForward();
  while (state.backward < graph.steps.length) stepBackward();
  if (!graph.steps.length) say("Done: the output is a variable, its grad is 1.0.");
}

function reset() {
  state = { forward: 0, backward: 0, grads: {} };
  render();
  say("Reset: step the forward pass again.");
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  draw();
});
root.addEventListener("focusin", () => loadEngine(), { once: true });
root.addEventListener("pointerdown", () => loadEngine(), { once: true });
buttons.forward.addEventListener("click", () => graph && stepForward());
buttons.backward.addEventListener("click", () => graph && stepBackward());
buttons.end.addEventListener("click", () => graph && runToEnd());
buttons.reset.addEventListener("click", () => graph && reset());
for (const preset of root.querySelectorAll("[data-preset]")) {
  preset.addEventListener("click", () => choose(preset));
}

function choose(preset) {
  expression.value = preset.dataset.expression;
  values.value = preset.dataset.values;
  draw();
}

// Run buttons: a block of this page that needs only the engine (its imports are all
// from bpdocs.autodiff, parse or explore) runs here, in a fresh namespace, and its
// output is shown under the output the page shows, with whether the two are the same.
const ENGINE_ONLY = /^from bpdocs\.(autodiff|parse|explore) import [\w, ]+$/;

function runnable(block) {
  const title = block.querySelector(".filename")?.textContent ?? "";
  if (title.startsWith("from bpdocs/")) return false; // an excerpt: definitions only
  const lines = block.querySelector("code").textContent.split("\n");
  const imports = lines.filter((line) => /^(from|import) /.test(line));
  return imports.length > 0 && imports.every((line) => ENGINE_ONLY.test(line));
}

async function run(block, result) {
  const { mp } = await loadEngine();
  const printed = [];
  printTo((line) => printed.push(line));
  mp.globals.set("_bp_code", block.querySelector("code").textContent);
  try {
    mp.runPython("exec(_bp_code, {'__name__': '__main__'})");
  } catch (error) {
    printed.push(`${error.type || error.name}: ${error.message.trim()}`);
  } finally {
    printTo(() => {});
  }
  const text = printed.join("\n").replace(/\n+$/, "");
  const shown = block.nextElementSibling?.matches(".language-output")
    ? block.nextElementSibling.querySelector("code").textContent.replace(/\n+$/, "") : null;
  result.querySelector("code").textContent = text;
  result.querySelector(".bp-run-verdict").textContent = shown === null ? ""
    : (text === shown ? "The same as the output shown above." : "Not the output shown above.");
  result.hidden = false;
  result.dataset.same = String(text === shown);
}

for (const block of document.querySelectorAll(".md-content .language-python.highlight")) {
  if (!runnable(block)) continue;
  const after = block.nextElementSibling?.matches(".language-output") ? block.nextElementSibling : block;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "bp-run-button";
  button.textContent = "Run it in your browser";
  const result = document.createElement("div");
  result.className = "bp-run-result";
  result.hidden = true;
  result.setAttribute("aria-live", "polite");
  result.innerHTML = "<p>Printed by this run, in your browser:</p><pre><code></code></pre><p class=\"bp-run-verdict\"></p>";
  button.addEventListener("click", () => run(block, result));
  after.after(button, result);
}

const wanted = new URLSearchParams(location.search).get("preset");
const asked = wanted && root.querySelector(`[data-preset="${CSS.escape(wanted)}"]`);
if (asked) choose(asked);
root.dataset.script = "ready";
