// tex2svg.cjs: one long-lived node process that typesets TeX to SVG for the whole build.
// Protocol: one JSON object per line on stdin, {"tex": "...", "display": true|false};
// one JSON object per line on stdout, {"html": "<mjx-container ...>", "speech": "..."} or {"error": "..."}.
// The first line written is {"css": "..."}: the stylesheet the SVG output needs.
//
// The SVG has each glyph's path inline (font cache off), so that sitebuild.svgpath.join_math can
// join the formula into one path (sitebuild/hooks/math.py does). The text alternative is the formula
// read aloud (speech-rule-engine, ClearSpeak), as the svg's aria-label.
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
  return {html: adaptor.outerHTML(container), speech: label};
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
