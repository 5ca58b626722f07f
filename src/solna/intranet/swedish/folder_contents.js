// Folder contents: the structure pattern titles each item's link with its
// portal_type ("News Item") and shows the state's id ("published") in the
// state column; put the type's and the state's titles in the page's
// language there (the maps are in data-solna-type-titles and
// data-solna-state-titles, from contents.py). Its upload (Dropzone) puts a
// hidden file input at the end of the page, labelled "hidden file upload",
// and makes it again after each upload: labelled in the page's language
// (data-solna-upload-label).
//
// Its dates: the pattern writes each with Date's toLocaleString(language,
// dateFormat), the browser's format ("1 dec. 2026 14:01"). The site's
// dateFormat (contents.py) carries the site's own format under
// solnaFormat: such a date is written as every other page writes it ("1
// dec. 2026 kl. 14.01", dates.py), in the site's zone. Other calls are
// left to the browser.
(() => {
  const original = Date.prototype.toLocaleString;
  if (original.solna) return;
  const fill = (template, mapping) =>
    template.replace(/\$\{(\w+)\}/g, (all, key) => mapping[key] ?? all);
  const sitesFormat = function (locales, options) {
    const site = options && options.solnaFormat;
    if (!site || Number.isNaN(this.getTime())) {
      return original.call(this, locales, options);
    }
    const parts = {};
    for (const part of new Intl.DateTimeFormat("en-GB", {
      timeZone: options.timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).formatToParts(this)) {
      parts[part.type] = part.value;
    }
    return fill(site.datetime, {
      day: String(Number(parts.day)),
      month: site.months[Number(parts.month) - 1],
      year: parts.year,
      time: fill(site.time, {
        hour: parts.hour.padStart(2, "0"),
        minute: parts.minute.padStart(2, "0"),
      }),
    });
  };
  sitesFormat.solna = true;
  Date.prototype.toLocaleString = sitesFormat;
})();

(() => {
  const root = document.querySelector("[data-solna-type-titles]");
  if (!root) return;
  const titles = JSON.parse(root.dataset.solnaTypeTitles);
  const states = JSON.parse(root.dataset.solnaStateTitles || "{}");
  const retitle = () => {
    for (const link of root.querySelectorAll("a[title]")) {
      const title = titles[link.getAttribute("title")];
      if (title) link.setAttribute("title", title);
    }
    for (const cell of root.querySelectorAll("td.review_state")) {
      const state = states[cell.textContent.trim()];
      if (state && cell.textContent !== state) cell.textContent = state;
    }
  };
  const uploadLabel = root.dataset.solnaUploadLabel;
  const relabel = () => {
    for (const input of document.querySelectorAll("input.dz-hidden-input")) {
      if (uploadLabel && input.getAttribute("aria-label") !== uploadLabel) {
        input.setAttribute("aria-label", uploadLabel);
      }
    }
  };
  relabel();
  new MutationObserver(relabel).observe(document.body, { childList: true });
  new MutationObserver(retitle).observe(root, {
    subtree: true,
    childList: true,
    attributes: true,
    characterData: true,
    attributeFilter: ["title"],
  });
})();

// The path bar: the pattern writes each folder's id ("bou / solglantan")
// and puts the titles in only when its context info arrives; each later
// drawing of the table (sorting, a page, after Ta bort) writes the ids
// again. Each crumb gets its folder's title: those of the folder shown come
// with the page (data-solna-crumb-titles, {path: title}), those of a
// folder opened inside Innehåll from the REST API's @breadcrumbs.
(() => {
  const root = document.querySelector("[data-solna-crumb-titles]");
  if (!root) return;
  const portal = root.dataset.solnaPortalUrl.replace(/\/$/, "");
  const known = JSON.parse(root.dataset.solnaCrumbTitles);
  const asked = new Set();
  const ask = (path) => {
    if (asked.has(path)) return;
    asked.add(path);
    fetch(`${portal}/${path}/@breadcrumbs`, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then((answer) => (answer.ok ? answer.json() : { items: [] }))
      .then((crumbs) => {
        for (const item of crumbs.items || []) {
          const id = item["@id"];
          if (id.startsWith(`${portal}/`)) known[id.slice(portal.length + 1)] = item.title;
        }
        name();
      })
      .catch(() => {});
  };
  const name = () => {
    let path = "";
    for (const crumb of root.querySelectorAll(".fc-breadcrumbs a.crumb")) {
      path = path ? `${path}/${crumb.dataset.path}` : crumb.dataset.path;
      const title = known[path];
      if (title === undefined) ask(path);
      else if (crumb.textContent !== title) crumb.textContent = title;
    }
  };
  name();
  new MutationObserver(name).observe(root, { subtree: true, childList: true });
})();

// Ta bort: the question names what is to be deleted ("Detta tas bort:
// Utflykt till Igelbäcken"), from the rows ticked in the table (and "och 2
// till" for those ticked in another folder or page). The buttons' tooltips
// (Patternslib's, tippy) close when a popover opens: on a phone the "Ta
// bort" tooltip lay over the question.
(() => {
  const root = document.querySelector("[data-solna-delete-intro]");
  if (!root) return;
  const intro = root.dataset.solnaDeleteIntro;
  const more = root.dataset.solnaDeleteMore;
  const selected = () =>
    [...root.querySelectorAll("tbody tr")]
      .filter((row) => row.querySelector("td.selection input:checked"))
      .map((row) => {
        const link = row.querySelector("td.title a.manage, td.title a");
        return link ? link.textContent.trim() : "";
      })
      .filter((title) => title);
  const count = () => {
    const button = document.getElementById("btn-change-selection");
    const match = button && button.textContent.trim().match(/^(\d+)/);
    return match ? Number(match[1]) : 0;
  };
  const describe = (popover) => {
    const question = popover.querySelector(".popover-content form > label, .popover-content label");
    if (!question) return;
    let list = popover.querySelector(".solna-delete-names");
    const titles = selected();
    const rest = Math.max(count() - titles.length, 0);
    const key = JSON.stringify([titles, rest]);
    if (list && list.dataset.key === key) return;
    if (!list) {
      list = document.createElement("div");
      list.className = "solna-delete-names";
      question.before(list);
    }
    list.dataset.key = key;
    list.replaceChildren();
    const heading = document.createElement("p");
    heading.className = "mb-1";
    heading.textContent = intro;
    const items = document.createElement("ul");
    for (const title of titles) {
      const item = document.createElement("li");
      item.textContent = title;
      items.append(item);
    }
    if (rest) {
      const item = document.createElement("li");
      item.textContent = more.replace("${count}", String(rest));
      items.append(item);
    }
    list.append(heading, items);
  };
  const closeTooltips = () => {
    for (const element of root.querySelectorAll(".pat-tooltip, .tooltip-inactive, .tooltip-active-hover")) {
      if (element._tippy) element._tippy.hide();
    }
    for (const box of document.querySelectorAll("[data-tippy-root]")) box.remove();
  };
  const watch = () => {
    const active = root.querySelector(".popover.active");
    if (!active) return;
    closeTooltips();
    if (active.id === "popover-delete") describe(active);
  };
  new MutationObserver(watch).observe(root, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["class"],
  });
})();
