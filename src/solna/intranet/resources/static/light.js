/* Solna intranät: what staff pages need of Plone's mockup bundle, natively.
 *
 * Loaded (deferred) with Bootstrap's own JavaScript on the pages of those who
 * do not edit where they are (resources/bundles.py): they get no mockup, so
 * the few patterns their pages use are done here.
 *
 * - Comments (plone.app.discussion's pat-discussion): "Svara" under a comment
 *   opens a copy of the comment form that answers that comment
 *   (form.widgets.in_reply_to), "Avbryt" closes it again.
 * - Plone's search page (pat-search): changing a filter (type, date) searches
 *   again; "Välj alla/ingen" checks or unchecks every type.
 *
 * Everything else on staff pages works without script: forms submit to the
 * server, which validates; date fields are the browser's own; links that
 * mockup would open in a modal open as pages.
 */
(function () {
  "use strict";

  function replyForm(button) {
    const comment = button.closest(".comment");
    const original = document.getElementById("commenting");
    if (!comment || !original) {
      return;
    }
    const suffix = "-" + comment.id;
    const reply = original.cloneNode(true);
    reply.id = "commenting" + suffix;
    reply.classList.add("ms-3", "mt-2");
    // Unique ids in the copy (and labels pointing at them).
    reply.querySelectorAll("[id]").forEach((element) => {
      element.id += suffix;
    });
    reply.querySelectorAll("label[for]").forEach((label) => {
      label.htmlFor += suffix;
    });
    reply.querySelectorAll("textarea, input[type=text]").forEach((field) => {
      field.value = "";
    });
    const to = reply.querySelector("input[name='form.widgets.in_reply_to']");
    if (to) {
      to.value = comment.id;
    }
    const cancel = reply.querySelector("[name='form.buttons.cancel']");
    if (cancel) {
      cancel.classList.remove("hide");
      cancel.addEventListener("click", (event) => {
        event.preventDefault();
        reply.remove();
        button.hidden = false;
        button.focus();
      });
    }
    button.hidden = true;
    button.after(reply);
    const text = reply.querySelector("textarea");
    if (text) {
      text.focus();
    }
  }

  function searchAgain(event) {
    const form = event.currentTarget;
    const changed = event.target;
    if (!changed.closest("#search-filter")) {
      return;
    }
    if (changed.name === "pt_toggle") {
      form.querySelectorAll("input[name='portal_type:list']").forEach((box) => {
        box.checked = changed.checked;
      });
    }
    form.requestSubmit();
  }

  function start() {
    const search = document.getElementById("searchform");
    if (search) {
      search.addEventListener("change", searchAgain);
    }
    document.querySelectorAll(".reply-to-comment-button").forEach((button) => {
      button.classList.remove("hide");
      button.type = "button";
      button.addEventListener("click", (event) => {
        event.preventDefault();
        replyForm(button);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
