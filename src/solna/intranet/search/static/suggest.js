/* Solna intranät: as-you-type suggestions on the search fields (issue 20).
 *
 * The header's search box (#searchGadget) and the search page's own field
 * ([data-solna-suggest]) become WAI-ARIA 1.2 comboboxes (the "list
 * autocomplete" pattern): role=combobox, aria-expanded, aria-controls,
 * aria-activedescendant on the field; a listbox of options under it; a
 * polite live region says how many suggestions there are. Down/Up move
 * through the options, Enter opens the chosen one (or searches when none
 * is chosen), Escape closes the list (and nothing else: what was typed
 * stays, the menu around the field stays open).
 * Debounced; nothing is asked for fewer than 2 characters. The
 * suggestions come from REST @sok-forslag. Without this script the field
 * simply submits to the search page.
 */
(function () {
  "use strict";

  if (window.solnaSuggest) {
    return;
  }
  window.solnaSuggest = true;

  const english = (document.documentElement.lang || "").startsWith("en");
  const TEXT = english
    ? {
        none: "No suggestions.",
        one: "1 suggestion. Use the up and down arrows to choose.",
        many: (n) => n + " suggestions. Use the up and down arrows to choose.",
        label: "Suggestions",
      }
    : {
        none: "Inga förslag.",
        one: "1 förslag. Välj med pil upp och pil ner.",
        many: (n) => n + " förslag. Välj med pil upp och pil ner.",
        label: "Förslag",
      };
  const STYLE =
    ".solna-suggest{position:relative;flex:1 1 auto;min-width:0}" +
    ".solna-suggest-list{position:absolute;z-index:1050;left:0;right:0;" +
    "top:100%;margin:2px 0 0;padding:0;list-style:none;background:#fff;" +
    "color:#212529;border:1px solid #6c757d;border-radius:4px;" +
    "box-shadow:0 4px 12px rgba(0,0,0,.2);max-height:70vh;overflow-y:auto}" +
    ".solna-suggest-option{min-height:44px;padding:6px 12px;cursor:pointer;" +
    "display:flex;flex-direction:column;justify-content:center;" +
    "border-bottom:1px solid #dee2e6;overflow-wrap:anywhere}" +
    ".solna-suggest-option[aria-selected=true]{background:#0b5394;color:#fff;" +
    "outline:2px solid #000;outline-offset:-2px}" +
    ".solna-suggest-type{font-size:.875rem}";
  const DELAY = 250;
  const MIN = 2;
  let count = 0;

  function endpoint(field) {
    if (field.dataset.solnaSuggest) {
      return field.dataset.solnaSuggest;
    }
    const portal = document.body.dataset.portalUrl;
    return portal ? portal + "/++api++/@sok-forslag" : null;
  }

  function attach(field) {
    const url = endpoint(field);
    if (!url || field.dataset.solnaCombobox) {
      return;
    }
    field.dataset.solnaCombobox = "1";
    count += 1;
    const id = "solna-suggest-" + count;
    const list = document.createElement("ul");
    list.id = id;
    list.className = "solna-suggest-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", TEXT.label);
    list.hidden = true;
    const status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    const box = document.createElement("div");
    box.className = "solna-suggest";
    // Moving the field takes its focus (autofocus on the search page).
    const focused =
      document.activeElement === field || field.hasAttribute("autofocus");
    field.parentNode.insertBefore(box, field);
    box.appendChild(field);
    if (focused) {
      field.focus();
    }
    box.appendChild(list);
    box.appendChild(status);

    field.setAttribute("role", "combobox");
    field.setAttribute("aria-autocomplete", "list");
    field.setAttribute("aria-expanded", "false");
    field.setAttribute("aria-controls", id);
    field.setAttribute("autocomplete", "off");

    let items = [];
    let active = -1;
    let timer = null;
    let asked = 0;

    function options() {
      return list.querySelectorAll("[role=option]");
    }

    function choose(index) {
      const all = options();
      all.forEach((option, i) => {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0 && all[index]) {
        field.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({ block: "nearest" });
      } else {
        field.removeAttribute("aria-activedescendant");
      }
    }

    function close() {
      list.hidden = true;
      field.setAttribute("aria-expanded", "false");
      choose(-1);
    }

    function open() {
      if (items.length) {
        list.hidden = false;
        field.setAttribute("aria-expanded", "true");
        reveal();
      }
    }

    // On a phone the keyboard covers the lower half of the screen (the
    // visual viewport shrinks): when the list would end under it, the
    // field moves to the top of what is visible.
    function reveal() {
      const seen = window.visualViewport;
      const height = seen ? seen.height : window.innerHeight;
      if (list.getBoundingClientRect().bottom > height) {
        field.scrollIntoView({ block: "start" });
      }
    }

    function show(found) {
      items = found;
      list.textContent = "";
      found.forEach((item, i) => {
        const option = document.createElement("li");
        option.id = id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.className = "solna-suggest-option";
        const title = document.createElement("span");
        title.className = "solna-suggest-title";
        title.textContent = item.title;
        const kind = document.createElement("span");
        kind.className = "solna-suggest-type";
        kind.textContent = [item.type_title, item.job_title, item.unit]
          .filter(Boolean)
          .join(" · ");
        option.appendChild(title);
        option.appendChild(kind);
        option.addEventListener("mousedown", (event) => {
          event.preventDefault();
        });
        option.addEventListener("click", () => {
          window.location.href = item["@id"];
        });
        list.appendChild(option);
      });
      active = -1;
      field.removeAttribute("aria-activedescendant");
      if (found.length) {
        open();
      } else {
        close();
      }
      status.textContent = !found.length
        ? TEXT.none
        : found.length === 1
          ? TEXT.one
          : TEXT.many(found.length);
    }

    function ask() {
      const text = field.value.trim();
      if (text.length < MIN) {
        items = [];
        list.textContent = "";
        status.textContent = "";
        close();
        return;
      }
      asked += 1;
      const mine = asked;
      fetch(url + "?q=" + encodeURIComponent(text), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then((answer) => (answer.ok ? answer.json() : { items: [] }))
        .then((data) => {
          if (mine === asked && document.activeElement === field) {
            show(data.items || []);
          }
        })
        .catch(() => {});
    }

    field.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY);
    });
    field.addEventListener("keydown", (event) => {
      const all = options();
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (list.hidden) {
          open();
        }
        if (all.length) {
          choose(active + 1 >= all.length ? 0 : active + 1);
        }
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) {
          open();
        }
        if (all.length) {
          choose(active <= 0 ? all.length - 1 : active - 1);
        }
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0 && items[active]) {
          event.preventDefault();
          window.location.href = items[active]["@id"];
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          // Close the list only: not the phone menu the field sits in.
          event.preventDefault();
          event.stopPropagation();
          close();
        }
      }
    });
    field.addEventListener("blur", close);
  }

  function start() {
    const style = document.createElement("style");
    style.textContent = STYLE;
    document.head.appendChild(style);
    document
      .querySelectorAll("#searchGadget, input[data-solna-suggest]")
      .forEach(attach);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
