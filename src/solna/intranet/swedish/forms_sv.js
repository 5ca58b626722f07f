// Forms the browser checks before sending them, in Swedish (transform.py,
// ``validation``, adds this script and its messages, data-messages).
//
// - Patternslib's pat-validation (Plone's z3c.form forms: the news and
//   rule add forms) greys out the form's buttons while a field is wrong
//   and says nothing near them: a note above the buttons says why and
//   names the fields, each a link to its field (on its tab). Where
//   pat-validation has no message of its own for a check (a web address,
//   too few characters) it shows the browser's, in the phone's language:
//   ours instead.
// - A form without pat-validation (the send-back form, the login form) is
//   checked by the browser itself, whose bubble speaks the phone's
//   language: its fields get our message while they are wrong.
//
// Nothing typed is changed; the server's own errors are left as they are,
// and a page that shows them opens at the first, its field focused.
(() => {
  const script = document.currentScript;
  const t = JSON.parse(script.dataset.messages || "{}");
  const fill = (text, values) =>
    (text || "").replace(/%\{(\w+)\}/g, (all, key) => values[key] ?? all);

  // Our message for what is wrong with a field (its ValidityState).
  const message = (field) => {
    const state = field.validity;
    if (state.valueMissing) return t.required;
    if (state.typeMismatch) {
      if (field.type === "email") return t.email;
      if (field.type === "url") return t.url;
    }
    if (state.tooShort) return fill(t.tooShort, { count: field.minLength });
    if (state.tooLong) return fill(t.tooLong, { count: field.maxLength });
    if (state.rangeUnderflow) return fill(t.min, { count: field.min });
    if (state.rangeOverflow) return fill(t.max, { count: field.max });
    if (state.badInput && field.type === "number") return t.number;
    return t.invalid;
  };

  const isField = (element) =>
    element && ["INPUT", "SELECT", "TEXTAREA"].includes(element.tagName);

  // The browser's own checks: our message while a field is wrong; cleared
  // as soon as it is changed, and before each try to send the form (the
  // browser checks again then), so a field never stays wrong because of us.
  const ours = new WeakSet();
  const clear = (field) => {
    if (ours.has(field)) {
      field.setCustomValidity("");
      ours.delete(field);
    }
  };
  document.addEventListener(
    "invalid",
    (event) => {
      const field = event.target;
      if (!isField(field) || !field.form || field.form.noValidate) return;
      clear(field);
      if (field.validity.valid || field.validity.customError) return;
      field.setCustomValidity(message(field));
      ours.add(field);
    },
    true,
  );
  for (const type of ["input", "change"]) {
    document.addEventListener(type, (event) => clear(event.target), true);
  }
  document.addEventListener(
    "click",
    (event) => {
      const button = event.target.closest?.("button, input[type=submit]");
      if (!button?.form) return;
      for (const field of button.form.elements) clear(field);
    },
    true,
  );

  // pat-validation's forms. A field is named by its label; an input of a
  // widget whose labels are not tied to its inputs (plone.app.z3cform's
  // link widget: "form.widgets.remoteUrl.email") by its field's label (the
  // first <label> of the enclosing .field, "Webbadress"), not its code name.
  const clean = (text) => (text || "").replace(/\s+/g, " ").trim();
  const label = (field) => {
    const own = clean(field.labels?.[0]?.textContent);
    if (own) return own;
    const outer = clean(field.closest(".field")?.querySelector("label")?.textContent);
    return outer || clean(field.name);
  };

  // Open the tab (Plone's autotoc, one per fieldset) that holds ``field``,
  // then move to it.
  const show = (form, field) => {
    const legend = field.closest("fieldset")?.querySelector(":scope > legend");
    if (legend && !field.offsetParent) {
      const name = legend.textContent.trim();
      for (const tab of form.querySelectorAll(".autotoc-nav a")) {
        if (tab.textContent.trim() === name) tab.click();
      }
    }
    setTimeout(() => {
      field.scrollIntoView({ block: "center" });
      field.focus();
    });
  };

  const explain = (form) => {
    const blocked = [...form.querySelectorAll("button, input[type=submit]")].filter(
      (button) => button.disabled && button.classList.contains("disabled"),
    );
    const wrong = [...form.querySelectorAll("input, select, textarea")].filter(
      (field) => field.name && !field.disabled && !field.validity.valid,
    );
    let note = form.querySelector(".solna-form-blocked");
    if (!blocked.length || !wrong.length) {
      note?.remove();
      return;
    }
    const button = blocked[0];
    const name = (button.textContent || button.value || "").trim();
    if (!note) {
      note = document.createElement("div");
      note.className = "solna-form-blocked alert alert-warning";
      note.setAttribute("role", "status");
      button.parentElement.prepend(note);
    }
    const names = [...new Set(wrong.map(label))].join("|");
    if (note.dataset.fields === names) return;
    note.dataset.fields = names;
    note.replaceChildren();
    const lead = document.createElement("p");
    lead.className = "mb-1";
    lead.textContent = (t.blocked || "").replace("${button}", name);
    const list = document.createElement("ul");
    list.className = "mb-0";
    const seen = new Set();
    for (const field of wrong) {
      if (seen.has(label(field))) continue;
      seen.add(label(field));
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = field.id ? `#${field.id}` : "#";
      link.textContent = label(field);
      link.addEventListener("click", (event) => {
        event.preventDefault();
        show(form, field);
      });
      item.append(link);
      list.append(item);
    }
    note.append(lead, list);
  };

  // pat-validation's message under a field: the browser's own where it
  // has none of its own (ours are set as the field's custom message).
  const translateError = (error) => {
    const field = error.previousElementSibling;
    if (!isField(field) || field.validity.valid || field.validity.customError) return;
    if (error.textContent.trim() === field.validationMessage.trim()) {
      error.textContent = message(field);
    }
  };

  const watch = (form) => {
    new MutationObserver((changes) => {
      for (const change of changes) {
        for (const added of change.addedNodes) {
          if (added.nodeType === 1 && added.matches("em.invalid-feedback, em.validation")) {
            translateError(added);
          }
        }
      }
      explain(form);
    }).observe(form, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["disabled"],
    });
  };
  for (const form of document.querySelectorAll("form.pat-validation")) watch(form);

  // A page the server drew again with its errors (what was sent was
  // refused: a comment of only spaces, a rule without a title): on a
  // phone the first error can lie screens below the top, under a long
  // thread of comments, and nothing at the top says so. Move to it, its
  // field focused, as the note above does for the browser's own checks.
  // Only errors drawn by the server are on the page as it loads. A form in
  // tabs (Plone's edit and add forms, autotoc) is left as it opens: at its
  // top, where Plone's box says that something needs correcting and its
  // tabs mark where; its tabs are drawn after this script runs, so the
  // error's place is not known yet (a tester found the page opening at the
  // bottom of the form, the error on a closed tab).
  const refused = [...document.querySelectorAll("form .invalid-feedback")].find(
    (error) =>
      error.textContent.trim() &&
      error.offsetParent &&
      !error.closest("form.pat-autotoc"),
  );
  if (refused) {
    const form = refused.closest("form");
    const field = refused
      .closest(".field")
      ?.querySelector("input:not([type=hidden]), select, textarea");
    show(form, isField(field) ? field : refused);
  }
})();
