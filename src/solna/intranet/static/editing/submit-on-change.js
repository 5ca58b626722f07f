/* A select that sends its form when a choice is made (security/inline.py):
 * Innehållsinställningar's content type and new workflow. Plone did this
 * with an inline onchange="form.submit()", which our Content-Security-Policy
 * blocks; the page carries data-solna-submit-on-change instead. */
(function () {
  "use strict";

  if (window.solnaSubmitOnChange) {
    return;
  }
  window.solnaSubmitOnChange = true;

  document.addEventListener("change", function (event) {
    var select = event.target;
    if (select.matches && select.matches("select[data-solna-submit-on-change]") && select.form) {
      select.form.submit();
    }
  });
})();
