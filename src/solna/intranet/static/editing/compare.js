/* History's Jämför (@@history, workflow/compare.py): what CMFEditions did in
 * an inline script, which our Content-Security-Policy blocks: "Visa
 * skillnader" switches between the difference in the text and as code.
 * The revisions are chosen with the form's own button "Jämför" (not on
 * every change of a list, which a keyboard makes at each arrow key: WCAG
 * 3.2.2). Without this file the difference in the text shows. */
(function () {
  "use strict";

  function start() {
    var types = document.getElementById("diffTypeSelector");
    if (!types) {
      return;
    }
    function show() {
      var chosen = types.querySelector("input[name=diffstyle]:checked");
      var code = chosen && chosen.value === "code";
      document.querySelectorAll(".fieldDiff.inline-diff").forEach(function (el) {
        el.hidden = code;
      });
      document.querySelectorAll(".fieldDiff.code-diff").forEach(function (el) {
        el.hidden = !code;
      });
    }
    types.querySelectorAll("input[name=diffstyle]").forEach(function (input) {
      input.addEventListener("change", show);
    });
    types.hidden = false;
    show();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
