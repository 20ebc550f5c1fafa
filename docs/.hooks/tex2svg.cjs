// tex2svg.cjs: one long-lived node process that typesets TeX to SVG for the whole build.
// Protocol: one JSON object per line on stdin, {"tex": "...", "display": true|false, "flat": true|false};
// one JSON object per line on stdout, {"html": "<mjx-container ...>", "flat": bool} or {"error": "..."}.
// The first line written is {"css": "..."}: the stylesheet the SVG output needs.
//
// Light pages: MathJax draws a formula as nested <g> groups, one per MathML node, around one
// <path> per glyph (about 3 elements per symbol). Here every glyph and rule is moved into the
// formula's own coordinates and joined into ONE <path>, so a formula costs the browser 3 elements
// (container, svg, path) instead of dozens; each glyph after the first is written in relative
// commands, so repeated glyphs compress well. A formula with anything else inside (colour,
// links, table lines, text drawn by the browser) keeps MathJax's own markup ("flat": false).
// The text alternative is the formula read aloud (speech-rule-engine, ClearSpeak), as aria-label.
const path = require('path');
const {mathjax} = require('mathjax-full/js/mathjax.js');
const {TeX} = require('mathjax-full/js/input/tex.js');
const {SVG} = require('mathjax-full/js/output/svg.js');
const {liteAdaptor} = require('mathjax-full/js/adaptors/liteAdaptor.js');
const {RegisterHTMLHandler} = require('mathjax-full/js/handlers/html.js');
const {SerializedMmlVisitor} = require('mathjax-full/js/core/MmlTree/SerializedMmlVisitor.js');
const {STATE} = require('mathjax-full/js/core/MathItem.js');
const sre = require('speech-rule-engine');
require('mathjax-full/js/input/tex/base/BaseConfiguration.js');
require('mathjax-full/js/input/tex/ams/AmsConfiguration.js');
require('mathjax-full/js/input/tex/boldsymbol/BoldsymbolConfiguration.js');
require('mathjax-full/js/input/tex/newcommand/NewcommandConfiguration.js');
require('mathjax-full/js/input/tex/textmacros/TextMacrosConfiguration.js');
require('mathjax-full/js/input/tex/color/ColorConfiguration.js');
const readline = require('readline');

const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);
const tex = new TeX({
  packages: ['base', 'ams', 'boldsymbol', 'newcommand', 'textmacros', 'color'],
  // A formula that does not parse must fail the build, not render red.
  formatError: (jax, err) => { throw err; },
});
const svg = new SVG({fontCache: 'none'});
const doc = mathjax.document('', {InputJax: tex, OutputJax: svg});
const mmlVisitor = new SerializedMmlVisitor();

// ---- affine transforms: [a, b, c, d, e, f] maps (x, y) to (a x + c y + e, b x + d y + f)
const IDENTITY = [1, 0, 0, 1, 0, 0];
const compose = (m, n) => [m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]];
const NUMBER = /-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi;

/** The matrix of an SVG transform attribute (translate, scale, matrix), or null if other. */
function parseTransform(text) {
  let m = IDENTITY;
  const re = /(\w+)\s*\(([^)]*)\)/g;
  let rest = text.replace(re, '').trim();
  if (rest) return null;
  for (const [, name, args] of text.matchAll(re)) {
    const v = (args.match(NUMBER) || []).map(Number);
    if (name === 'translate') m = compose(m, [1, 0, 0, 1, v[0], v[1] || 0]);
    else if (name === 'scale') m = compose(m, [v[0], 0, 0, v.length > 1 ? v[1] : v[0], 0, 0]);
    else if (name === 'matrix' && v.length === 6) m = compose(m, v);
    else return null;
  }
  return m;
}

const ARITY = {M: 2, L: 2, H: 1, V: 1, C: 6, S: 4, Q: 4, T: 2, A: 7, Z: 0};
const fmt = (x) => { const s = (Math.round(x * 10) / 10).toString(); return s === '-0' ? '0' : s; };
const round = (x) => Math.round(x * 10) / 10;

/** Path data ``d`` moved by matrix ``m``: an absolute M, then relative commands. */
function transformPath(d, m) {
  const tokens = d.match(/[MLHVCSQTAZ]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi) || [];
  const out = [];
  let i = 0, cmd = null, x = 0, y = 0, sx = 0, sy = 0;   // current and subpath start, source space
  let ox = null, oy = null, osx = 0, osy = 0;            // last written point, output space (rounded)
  const ap = (px, py) => [round(m[0] * px + m[2] * py + m[4]), round(m[1] * px + m[3] * py + m[5])];
  const rel = (p) => `${fmt(p[0] - ox)} ${fmt(p[1] - oy)}`;
  const axisAligned = m[1] === 0 && m[2] === 0;
  while (i < tokens.length) {
    if (/[a-z]/i.test(tokens[i])) cmd = tokens[i++];
    else if (cmd === null) throw new Error(`path data starts with a number: ${d.slice(0, 40)}`);
    const up = cmd.toUpperCase(), isRel = cmd !== up, n = ARITY[up];
    const v = tokens.slice(i, i + n).map(Number);
    if (v.length < n || v.some(Number.isNaN)) throw new Error(`bad path data near ${tokens.slice(i - 1, i + n).join(' ')}`);
    i += n;
    const P = (k) => isRel ? [x + v[k], y + v[k + 1]] : [v[k], v[k + 1]];
    if (up === 'Z') {
      out.push('z'); x = sx; y = sy; ox = osx; oy = osy;
      continue;
    }
    if (up === 'M') {
      const [px, py] = P(0);
      const o = ap(px, py);
      out.push(ox === null ? `M${fmt(o[0])} ${fmt(o[1])}` : `m${rel(o)}`);
      x = sx = px; y = sy = py; ox = osx = o[0]; oy = osy = o[1];
      cmd = isRel ? 'l' : 'L';   // further pairs after a moveto are linetos
      continue;
    }
    let pts;
    if (up === 'H' || up === 'V') {
      const nx = up === 'H' ? (isRel ? x + v[0] : v[0]) : x;
      const ny = up === 'V' ? (isRel ? y + v[0] : v[0]) : y;
      const o = ap(nx, ny);
      if (axisAligned && up === 'H') out.push(`h${fmt(o[0] - ox)}`);
      else if (axisAligned) out.push(`v${fmt(o[1] - oy)}`);
      else out.push(`l${rel(o)}`);
      x = nx; y = ny; ox = o[0]; oy = o[1];
      continue;
    }
    if (up === 'A') {
      if (!axisAligned) throw new Error('an arc under a rotation');
      const end = P(5), o = ap(end[0], end[1]);
      const sweep = m[0] * m[3] < 0 ? 1 - v[4] : v[4];
      out.push(`a${fmt(v[0] * Math.abs(m[0]))} ${fmt(v[1] * Math.abs(m[3]))} ${v[2]} ${v[3]} ${sweep} ${rel(o)}`);
      x = end[0]; y = end[1]; ox = o[0]; oy = o[1];
      continue;
    }
    pts = [];
    for (let k = 0; k < n; k += 2) pts.push(P(k));
    const os = pts.map(([px, py]) => ap(px, py));
    out.push(up.toLowerCase() + os.map(rel).join(' '));
    [x, y] = pts[pts.length - 1];
    [ox, oy] = os[os.length - 1];
  }
  return out.join('');
}

const GROUP_ATTRS = new Set(['transform', 'data-mml-node', 'data-mjx-texclass', 'data-c', 'data-variant',
  'data-semantic-type']);

/** Every glyph and rule under ``node`` as path data in the svg's coordinates; null if not flat. */
function flatten(node, m, parts) {
  for (const child of adaptor.childNodes(node)) {
    const kind = adaptor.kind(child);
    if (kind === '#text' && !adaptor.value(child).trim()) continue;
    const attrs = adaptor.allAttributes(child);
    const names = attrs.map((a) => a.name);
    const t = adaptor.getAttribute(child, 'transform');
    const cm = t ? parseTransform(t) : IDENTITY;
    if (!cm) return null;
    const here = compose(m, cm);
    if (kind === 'g') {
      if (!names.every((a) => GROUP_ATTRS.has(a))) return null;
      if (adaptor.getAttribute(child, 'data-mml-node') === 'merror') return null;
      if (!flatten(child, here, parts)) return null;
    } else if (kind === 'path') {
      if (!names.every((a) => a === 'd' || GROUP_ATTRS.has(a))) return null;
      const d = adaptor.getAttribute(child, 'd');
      if (d.trim()) parts.push(transformPath(d, here));
    } else if (kind === 'rect') {
      if (!names.every((a) => ['x', 'y', 'width', 'height'].includes(a) || GROUP_ATTRS.has(a))) return null;
      const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((a) => Number(adaptor.getAttribute(child, a) || 0));
      parts.push(transformPath(`M${x} ${y}H${x + w}V${y + h}H${x}Z`, here));
    } else {
      return null;   // text, line, a, nested svg, image...: keep MathJax's markup
    }
  }
  return parts;
}

/** Speech for a MathML string (the accessible name of the formula). */
function speech(mml) {
  return sre.toSpeech(mml).replace(/\s+/g, ' ').trim();
}

function typeset(req) {
  const display = !!req.display;
  const mml = mmlVisitor.visitTree(doc.convert(req.tex, {display, end: STATE.COMPILED}));
  const container = doc.convert(req.tex, {display});
  const svgNode = adaptor.firstChild(container);
  const label = speech(mml);
  adaptor.removeAttribute(svgNode, 'aria-hidden');
  adaptor.setAttribute(svgNode, 'aria-label', label);
  let flat = false;
  if (req.flat !== false) {
    const root = adaptor.firstChild(svgNode);   // <g stroke="currentColor" fill="currentColor" ...>
    const rootOk = adaptor.kind(root) === 'g' && adaptor.childNodes(svgNode).length === 1 &&
      adaptor.getAttribute(root, 'fill') === 'currentColor';
    const rm = rootOk ? parseTransform(adaptor.getAttribute(root, 'transform') || '') : null;
    const parts = rm ? flatten(root, rm, []) : null;
    if (parts) {
      adaptor.remove(root);
      adaptor.removeAttribute(svgNode, 'xmlns:xlink');
      const p = adaptor.node('path', {fill: 'currentColor', d: parts.join('')}, [], svg.options.namespace || 'http://www.w3.org/2000/svg');
      adaptor.append(svgNode, p);
      flat = true;
    }
  }
  return {html: adaptor.outerHTML(container), flat, speech: label};
}

(async () => {
  await sre.setupEngine({locale: 'en', domain: 'clearspeak', modality: 'speech',
    json: path.join(path.dirname(require.resolve('speech-rule-engine')), 'mathmaps')});
  await sre.engineReady();
  process.stdout.write(JSON.stringify({css: adaptor.textContent(svg.styleSheet(doc))}) + '\n');
  const rl = readline.createInterface({input: process.stdin, terminal: false});
  rl.on('line', (line) => {
    let reply;
    try {
      reply = typeset(JSON.parse(line));
    } catch (err) {
      reply = {error: String(err && err.message || err)};
    }
    process.stdout.write(JSON.stringify(reply) + '\n');
  });
})();
