// Folder contents: the structure pattern titles each item's link with its
// portal_type ("News Item") and shows the state's id ("published") in the
// state column; put the type's and the state's titles in the page's
// language there (the maps are in data-solna-type-titles and
// data-solna-state-titles, from contents.py). Its upload (Dropzone) puts a
// hidden file input at the end of the page, labelled "hidden file upload",
// and makes it again after each upload: labelled in the page's language
// (data-solna-upload-label).
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
