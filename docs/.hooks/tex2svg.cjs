// tex2svg.cjs: one long-lived node process that typesets TeX to SVG for the whole build.
// Protocol: one JSON object per line on stdin, {"tex": "...", "display": true|false};
// one JSON object per line on stdout, {"html": "<mjx-container ...>"} or {"error": "..."}.
// The first line written is {"css": "..."}: the stylesheet the SVG output needs.
const {mathjax} = require('mathjax-full/js/mathjax.js');
const {TeX} = require('mathjax-full/js/input/tex.js');
const {SVG} = require('mathjax-full/js/output/svg.js');
const {liteAdaptor} = require('mathjax-full/js/adaptors/liteAdaptor.js');
const {RegisterHTMLHandler} = require('mathjax-full/js/handlers/html.js');
const {AssistiveMmlHandler} = require('mathjax-full/js/a11y/assistive-mml.js');
require('mathjax-full/js/input/tex/base/BaseConfiguration.js');
require('mathjax-full/js/input/tex/ams/AmsConfiguration.js');
require('mathjax-full/js/input/tex/boldsymbol/BoldsymbolConfiguration.js');
require('mathjax-full/js/input/tex/newcommand/NewcommandConfiguration.js');
require('mathjax-full/js/input/tex/textmacros/TextMacrosConfiguration.js');
require('mathjax-full/js/input/tex/color/ColorConfiguration.js');
const readline = require('readline');

const adaptor = liteAdaptor();
AssistiveMmlHandler(RegisterHTMLHandler(adaptor));
const tex = new TeX({
  packages: ['base', 'ams', 'boldsymbol', 'newcommand', 'textmacros', 'color'],
  // A formula that does not parse must fail the build, not render red.
  formatError: (jax, err) => { throw err; },
});
const svg = new SVG({fontCache: 'local'});
const doc = mathjax.document('', {InputJax: tex, OutputJax: svg});

process.stdout.write(JSON.stringify({css: adaptor.textContent(svg.styleSheet(doc))}) + '\n');

const rl = readline.createInterface({input: process.stdin, terminal: false});
rl.on('line', (line) => {
  let reply;
  try {
    const req = JSON.parse(line);
    const node = doc.convert(req.tex, {display: !!req.display});
    reply = {html: adaptor.outerHTML(node)};
  } catch (err) {
    reply = {error: String(err && err.message || err)};
  }
  process.stdout.write(JSON.stringify(reply) + '\n');
});
