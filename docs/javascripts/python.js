// Python in the page: MicroPython's WebAssembly build from this site's runtime/ folder,
// with bpdocs' own modules, which the build copies there from the package. It is loaded
// once, the first time a script asks for it, and never before. The explorer and the
// expression exercises both use it; neither computes a derivative in JavaScript.
const RUNTIME = new URL("../runtime/", import.meta.url);
const MODULES = ["autodiff.py", "parse.py", "explore.py", "grade.py"];
// Python's stack and heap: room for the parser's deepest nesting and a long input
// (tests/runtime/micropython.mjs runs the parity tests with these same settings).
const SETTINGS = { pystack: 64 * 1024, heapsize: 4 * 1024 * 1024 };
let python = null; // a promise of MicroPython, with bpdocs importable
let sink = () => {}; // where Python's printed lines go

// MicroPython with bpdocs on its path, loaded on the first call.
export function loadPython() {
  if (python) return python;
  python = (async () => {
    const { loadMicroPython } = await import(new URL("micropython.mjs", RUNTIME));
    const sources = await Promise.all(MODULES.map(async (name) => {
      const response = await fetch(new URL(`bpdocs/${name}`, RUNTIME));
      if (!response.ok) throw new Error(`${name}: ${response.status}`);
      return response.text();
    }));
    const mp = await loadMicroPython({
      ...SETTINGS,
      url: new URL("micropython.wasm", RUNTIME).href,
      stdout: (line) => sink(line),
      stderr: (line) => sink(line),
    });
    mp.FS.mkdir("/bpdocs");
    mp.FS.writeFile("/bpdocs/__init__.py", "");
    MODULES.forEach((name, i) => mp.FS.writeFile(`/bpdocs/${name}`, sources[i]));
    mp.runPython("import sys\nsys.path.insert(0, '/')");
    return mp;
  })();
  python.catch(() => { python = null; }); // a failed load may be tried again
  return python;
}

// Send what Python prints to `to` (a function of one line); `() => {}` drops it.
export function printTo(to) {
  sink = to;
}
