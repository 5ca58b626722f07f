/* A file or image field that already has a file (forms/widgets.py):
 * "Behåll filen" / "Ta bort filen" / "Ersätt med ny fil". The file picker
 * is on only while "Ersätt" is chosen. plone.formwidget.namedfile did this
 * with inline onclick handlers, which our Content-Security-Policy blocks.
 * Each radio names its picker in data-solna-file-input. Without this file
 * the picker stays on (the server still reads the radios). The widget's
 * template adds this script once per widget: it starts once. */
(function () {
  "use strict";

  if (window.solnaFileWidget) {
    return;
  }
  window.solnaFileWidget = true;

  var RADIOS = "input[type=radio][data-solna-file-input]";

  function update(radio) {
    var picker = document.getElementById(radio.getAttribute("data-solna-file-input"));
    if (picker && radio.checked) {
      picker.disabled = radio.value !== "replace";
    }
  }

  function start() {
    document.querySelectorAll(RADIOS).forEach(update);
    document.addEventListener("change", function (event) {
      if (event.target.matches && event.target.matches(RADIOS)) {
        update(event.target);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
