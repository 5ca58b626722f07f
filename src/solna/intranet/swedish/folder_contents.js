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
