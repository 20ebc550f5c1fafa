// Runs Python in the site's in-browser runtime (MicroPython's WebAssembly build) under
// Node.js: bpdocs' autodiff, parse, explore and grade, read from the repository, then the
// Python code given on stdin. Prints what that code prints, as the page would get it.
// Usage: node tests/runtime/micropython.mjs REPO_ROOT < code.py
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(process.argv[2]);
const runtime = path.join(
  root, "node_modules", "@micropython", "micropython-webassembly-pyscript", "micropython.mjs",
);
const { loadMicroPython } = await import(pathToFileURL(runtime));
const chunks = [];
const SETTINGS = { pystack: 64 * 1024, heapsize: 4 * 1024 * 1024 }; // as docs/javascripts/python.js
const mp = await loadMicroPython({
  ...SETTINGS,
  stdout: (line) => chunks.push(line),
  stderr: (line) => process.stderr.write(line + "\n"),
});
mp.FS.mkdir("/bpdocs");
mp.FS.writeFile("/bpdocs/__init__.py", "");
for (const name of ["autodiff", "parse", "explore", "grade"]) {
  mp.FS.writeFile(`/bpdocs/${name}.py`, fs.readFileSync(path.join(root, "bpdocs", `${name}.py`)));
}
mp.runPython("import sys\nsys.path.insert(0, '/')");
try {
  mp.runPython(fs.readFileSync(0, "utf8"));
} catch (error) {
  process.stderr.write(`${error.type}: ${error.message}\n`);
  process.exit(1);
}
process.stdout.write(chunks.join("\n") + "\n");
