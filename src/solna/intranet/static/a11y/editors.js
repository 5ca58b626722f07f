/* Accessibility fixes of the editing screens' widgets, drawn by scripts
 * (mockup's folder contents, select2, TinyMCE, its link and image dialogs
 * and their content browser), which the server cannot
 * fix (accessibility_fixes/transform.py does the rest). Loaded only for
 * those who may edit (accessibility_fixes/viewlets.py). WCAG 2.5.3 Label in
 * Name and 4.1.2 Name, Role, Value. */
(function () {
  "use strict";
  var texts = (document.getElementById("solna-a11y-editors") || {}).dataset || {};
  var remove = texts.remove || "Ta bort";
  var home = texts.home || "Hem";
  var sections = texts.sections || "Avsnitt";
  var filter = texts.filter || "Filtrera";
  var progress = texts.progress || "Uppladdning";
  var browser = texts.browser || "Välj eller ladda upp";
  var CONTROLS =
    "input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=image])" +
    ":not([type=reset]), select, textarea";
  var made = 0;

  function visible(el) {
    return (el.textContent || "").replace(/\s+/g, " ").trim();
  }

  function named(control) {
    return (
      (control.labels && control.labels.length) ||
      control.hasAttribute("aria-label") ||
      control.hasAttribute("aria-labelledby") ||
      control.hasAttribute("title")
    );
  }

  // A label that names no field of the page: after its checkbox ("for" a
  // name, not an id) or before its field (no "for"), as mockup's link and
  // image dialogs draw them (Titel, Storlek, Justering, Bildtext, Mål).
  function orphan(label) {
    return label && label.tagName === "LABEL" && !label.control &&
      !(label.htmlFor && document.getElementById(label.htmlFor));
  }

  function tie(control, label) {
    if (!control.id) {
      do {
        made += 1;
        control.id = "solna-field-" + made;
      } while (document.querySelectorAll("#" + control.id).length > 1);
    }
    label.htmlFor = control.id;
  }

  function labels(root) {
    root.querySelectorAll(CONTROLS).forEach(function (control) {
      if (named(control)) return;
      var before = control.previousElementSibling;
      var after = control.nextElementSibling;
      if (orphan(before)) tie(control, before);
      else if (/^(checkbox|radio)$/.test(control.type) && orphan(after)) tie(control, after);
    });
  }

  function fix(root) {
    labels(root);
    // The content browser's filter field: no label, no placeholder.
    root.querySelectorAll(".content-browser input[name=filter]:not([aria-label])").forEach(function (el) {
      el.setAttribute("aria-label", filter);
    });
    // The content browser is a navigation of its own, beside the page's.
    root.querySelectorAll("nav.content-browser:not([aria-label]):not([aria-labelledby])").forEach(function (el) {
      el.setAttribute("aria-label", browser);
    });
    // The upload's progress bar (mockup's upload pattern).
    root.querySelectorAll("[role=progressbar]:not([aria-label]):not([aria-labelledby])").forEach(function (el) {
      el.setAttribute("aria-label", progress);
    });
    // Folder contents: "0 av 0 markerade" named, "0 av 3 markerade" shown.
    root.querySelectorAll("#btn-change-selection[aria-label]").forEach(function (el) {
      var text = visible(el);
      if (text && el.getAttribute("aria-label") !== text) el.setAttribute("aria-label", text);
    });
    // TinyMCE's buttons with a label shown: the name contains what is shown.
    root.querySelectorAll(".tox-tbtn[aria-label]").forEach(function (el) {
      var label = el.querySelector(".tox-tbtn__select-label");
      var text = label && visible(label);
      var name = el.getAttribute("aria-label");
      if (text && name.toLowerCase().indexOf(text.toLowerCase()) === -1)
        el.setAttribute("aria-label", text);
    });
    // select2's remove-a-choice links: a named button.
    root.querySelectorAll(".select2-search-choice-close:not([aria-label])").forEach(function (el) {
      var choice = el.parentElement ? visible(el.parentElement) : "";
      el.setAttribute("role", "button");
      el.setAttribute("aria-label", choice ? remove + " " + choice : remove);
    });
    // The tabs of a form's fieldsets (pat-autotoc): a named navigation.
    root.querySelectorAll("nav.autotoc-nav:not([aria-label]):not([aria-labelledby])").forEach(function (el) {
      el.setAttribute("aria-label", sections);
    });
    // The related items widget's path: its first step is an icon only.
    root.querySelectorAll(".pat-relateditems-container .crumb:not([aria-label])").forEach(function (el) {
      if (!visible(el)) el.setAttribute("aria-label", home);
    });
  }

  var scheduled = false;
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    Promise.resolve().then(function () {
      scheduled = false;
      fix(document);
    });
  }

  function start() {
    fix(document);
    new MutationObserver(schedule).observe(document.body, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ["aria-label", "for", "id"],
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
