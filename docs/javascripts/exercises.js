// Exercises: check an answer against the key the page was built with.
// Nothing here computes a derivative. A numeric answer is a number compared with a number,
// within the tolerance the page states; a choice shows the reason written for that option.
// Attempts are kept in this browser's localStorage only, and the reset button clears them.
(() => {
  const KEY = "bpdocs-exercise:";
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
    if (form.dataset.kind === "numeric") out.textContent = text;
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
    const saved = store.get(id);
    if (saved && typeof saved.value === "string") {
      if (form.dataset.kind === "numeric") form.querySelector("input").value = saved.value;
      else {
        const radio = form.querySelector(`input[type=radio][value="${CSS.escape(saved.value)}"]`);
        if (radio) radio.checked = true;
      }
      check(form, id, false);
    }
  });
  const reset = document.querySelector(".bp-reset");
  if (reset && forms.length) {
    reset.hidden = false;
    reset.querySelector("button").addEventListener("click", () => forms.forEach(([f, id]) => clear(f, id)));
  }
})();
