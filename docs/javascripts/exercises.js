// Exercises: check an answer against the key the page was built with.
// Nothing here computes a derivative. A numeric answer is a number compared with a number,
// within the tolerance the page states; a choice shows the reason written for that option;
// an expression goes to bpdocs.grade, in the page's Python (python.js, loaded on first
// use), which evaluates it at the key's points and writes the verdict.
// Attempts are kept in this browser's localStorage only, and the reset button clears them.
(() => {
  const KEY = "bpdocs-exercise:";
  const PYTHON = new URL("python.js", document.currentScript.src);
  let grader = null; // a promise of bpdocs.grade, in MicroPython

  function loadGrader() {
    if (!grader) {
      grader = import(PYTHON).then(({ loadPython }) => loadPython())
        .then((mp) => mp.pyimport("bpdocs.grade"));
      grader.catch(() => { grader = null; });
    }
    return grader;
  }
  const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
  const store = {
    get(id) { try { return JSON.parse(localStorage.getItem(KEY + id)); } catch { return null; } },
    set(id, value) { try { localStorage.setItem(KEY + id, JSON.stringify(value)); } catch { /* storage off */ } },
    clear(id) { try { localStorage.removeItem(KEY + id); } catch { /* storage off */ } },
  };

  // The reader's text as a number, or a message saying why it is not one.
  function parseNumber(text) {
    const t = text.trim().replace(/^\u2212/, "-");
    if (t === "") return { message: "Type a number first, such as 0.25 or -1.5e-3." };
    if (!NUMBER.test(t)) {
      return { message: `\u201c${t.slice(0, 40)}\u201d is not a number: type digits, with an optional sign, decimal point and exponent, such as 0.25 or -1.5e-3.` };
    }
    const value = Number(t);
    if (!Number.isFinite(value)) return { message: `${t.slice(0, 40)} is too large to be checked: give a finite number.` };
    return { value };
  }

  function say(form, text, verdict) {
    const out = form.querySelector(".bp-feedback");
    if (form.dataset.kind !== "choice") out.textContent = text;
    form.dataset.verdict = verdict;
  }

  function checkNumeric(form, id, save) {
    const input = form.querySelector("input");
    const parsed = parseNumber(input.value);
    if (parsed.message) { say(form, parsed.message, "invalid"); return; }
    const right = Math.abs(parsed.value - Number(form.dataset.answer)) <= Number(form.dataset.tol);
    say(form, right ? form.dataset.right : form.dataset.wrong, right ? "right" : "wrong");
    if (save) store.set(id, { value: input.value });
  }

  async function checkExpression(form, id, save) {
    const input = form.querySelector("input");
    const text = input.value;
    say(form, "Checking, with the page's Python…", "checking");
    let out;
    try {
      const grade = await loadGrader();
      out = JSON.parse(grade.grade_json(text, form.dataset.key));
    } catch (error) { // the runtime failed to load, or Python ran out of memory
      const why = (error.message || String(error)).trim().split("\n").pop();
      out = { verdict: "invalid", message: `Python could not check this here (${why}); the worked solution below has the answer.` };
    }
    if (input.value !== text) { // the reader typed on: no verdict on text no longer there
      say(form, "", "changed");
      return;
    }
    say(form, out.message, out.verdict);
    if (save) store.set(id, { value: text, key: form.dataset.key, ...out });
  }

  // A saved expression's verdict, shown again without starting Python, if its key holds.
  function restoreExpression(form, saved) {
    if (saved.key === form.dataset.key && saved.message) say(form, saved.message, saved.verdict);
  }

  function checkChoice(form, id, save) {
    const picked = form.querySelector("input[type=radio]:checked");
    const whys = form.querySelectorAll(".bp-why");
    const none = form.querySelector(".bp-none");
    whys.forEach((p) => { p.hidden = true; });
    if (none) none.remove();
    if (!picked) {
      const p = document.createElement("p");
      p.className = "bp-none";
      p.textContent = "Choose one of the options first.";
      form.querySelector(".bp-feedback").append(p);
      form.dataset.verdict = "invalid";
      return;
    }
    const why = form.querySelector(`.bp-why[data-option="${picked.value}"]`);
    why.hidden = false;
    form.dataset.verdict = why.dataset.right === "true" ? "right" : "wrong";
    if (save) store.set(id, { value: picked.value });
  }

  function check(form, id, save) {
    if (form.dataset.kind === "numeric") checkNumeric(form, id, save);
    else if (form.dataset.kind === "expression") checkExpression(form, id, save);
    else checkChoice(form, id, save);
  }

  function clear(form, id) {
    store.clear(id);
    form.reset();
    delete form.dataset.verdict;
    form.querySelectorAll(".bp-why").forEach((p) => { p.hidden = true; });
    form.querySelectorAll(".bp-none").forEach((p) => p.remove());
    const out = form.querySelector("p.bp-feedback");
    if (out) out.textContent = "";
  }

  const forms = [];
  document.querySelectorAll(".bp-exercise").forEach((section) => {
    const form = section.querySelector("form.bp-answer");
    const id = section.dataset.exercise;
    if (!form || !id) return;
    forms.push([form, id]);
    form.hidden = false;
    form.addEventListener("submit", (event) => { event.preventDefault(); check(form, id, true); });
    if (form.dataset.kind === "expression") { // start Python as the reader starts to answer
      form.addEventListener("focusin", () => loadGrader().catch(() => {}), { once: true });
    }
    const saved = store.get(id);
    if (saved && typeof saved.value === "string") {
      if (form.dataset.kind === "choice") {
        const radio = form.querySelector(`input[type=radio][value="${CSS.escape(saved.value)}"]`);
        if (radio) radio.checked = true;
      } else form.querySelector("input").value = saved.value;
      if (form.dataset.kind === "expression") restoreExpression(form, saved);
      else check(form, id, false);
    }
  });
  const reset = document.querySelector(".bp-reset");
  if (reset && forms.length) {
    reset.hidden = false;
    reset.querySelector("button").addEventListener("click", () => forms.forEach(([f, id]) => clear(f, id)));
  }
})();
