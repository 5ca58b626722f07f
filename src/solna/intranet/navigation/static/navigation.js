/* Solna intranät: the bottom bar's "Mer" menu (a <details>, which works
   without this script). This adds what a menu is expected to do: Esc closes
   it and gives the focus back to "Mer"; a tap or focus outside closes it.
   (No inline script: the site's Content-Security-Policy forbids it.) */
(function () {
  "use strict";

  function init() {
    var more = document.getElementById("solna-more");
    if (!more) {
      return;
    }
    var summary = more.querySelector("summary");

    function close(focus) {
      if (more.open) {
        more.open = false;
        if (focus) {
          summary.focus();
        }
      }
    }

    document.addEventListener("keydown", function (event) {
      if ((event.key === "Escape" || event.key === "Esc") && more.open) {
        event.preventDefault();
        close(more.contains(document.activeElement));
      }
    });
    document.addEventListener("click", function (event) {
      if (!more.contains(event.target)) {
        close(false);
      }
    });
    document.addEventListener("focusin", function (event) {
      if (!more.contains(event.target)) {
        close(false);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
