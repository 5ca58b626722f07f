// TinyMCE's Swedish where its language pack (tinymce-i18n's sv_SE, in
// Plone's bundle) lacks a text or has a wrong one: the table and colour
// pickers' "Use arrow keys to navigate." and "Justify" ("Verifiera", to
// verify). Loaded as an external plugin (tinymce.py), which runs once
// TinyMCE and its language pack are there and before the editor draws its
// toolbar and menus. tinymce.addI18n adds to the pack, it does not replace
// it.
tinymce.addI18n("sv_SE", {
  "Use arrow keys to navigate.": "Använd piltangenterna för att navigera.",
  "Justify": "Marginaljustera",
  "No anchors found..": "Inga ankare hittades"
});

// Plone's link and image dialogs (mockup's linkmodal, pat/tinymce/js/
// links.js), changed where they lose a text's meaning. mockup's patterns
// are in patternslib's registry, and the dialogs' script is loaded before
// TinyMCE starts its plugins: their prototypes are wrapped once, when the
// first editor starts this plugin.
//
// - The anchor list says "No anchors found.." when the text has none, a
//   text no catalog reaches (not marked for translation in links.js):
//   translated as TinyMCE's own texts are.
// - An image is reopened with its file selected. The dialog's content
//   browser reads the image from the <img>'s data-val (its UID) when
//   data-linktype is "image"; an image written without them (pasted, sent
//   over REST, saved by an older Plone) has only its address
//   ".../resolveuid/<UID>/@@images/...": the dialog opened empty and
//   "Infoga" wrote the address without its UID (which security/
//   richtext.py refuses at save). Both are read from the address before
//   the dialog opens, the size from the picture-variant-* class when
//   data-picturevariant is missing.
// - "Infoga" on "Intern bild" with no image chosen is refused (mockup
//   wrote "resolveuid//@@images/...", an image without its file).
// - "Infoga" without an alternative text is refused (WCAG 1.1.1) unless
//   the box "Bilden är dekorativ" below the field is ticked: the image
//   then gets alt="" and no title, which screen readers pass by (WCAG
//   technique H67). An image reopened with alt="" has the box ticked.
//   The messages are the pattern's ``text`` options ``solna*``, translated
//   on the server (tinymce.py).
// - A file uploaded in the dialog (the content browser's Ladda upp: an
//   XMLHttpRequest to ".../@@fileUpload", answered with the new item's
//   UID) is created in the folder at once. When the dialog closes, however
//   it closes (Avbryt, its X, Infoga with another item: the modal's
//   "hidden"), and no editor on the page holds the item, it is removed
//   again (@@ta-bort-uppladdning, a POST
//   with the page's CSRF token, which removes only what its creator
//   uploaded in the last day and nothing links to: browser/
//   dialog_uploads.py), so a cancelled dialog leaves no litter. An upload
//   that ends after its dialog closed is settled the same way.
(() => {
  const translateAnchorList = () => {
    const anchors = (window.__patternslib_registry || {}).anchorlinktype;
    if (!anchors || anchors.prototype.solnaSv) return;
    const populate = anchors.prototype.populate;
    anchors.prototype.populate = function (...args) {
      const result = populate.apply(this, args);
      for (const option of this.$select.find("option")) {
        if (!option.hasAttribute("value")) {
          option.textContent = this.tiny.translate(option.textContent);
        }
      }
      return result;
    };
    anchors.prototype.solnaSv = true;
  };

  const UID = /\bresolveuid\/([0-9a-f]{32})(?=[/?#]|$)/i;
  const VARIANT = /\bpicture-variant-([\w-]+)/;

  // A message below ``field`` (read out at once), and the field marked.
  const say = (field, text) => {
    const id = `${field.name || "solna"}-solna-error`;
    let note = field.ownerDocument.getElementById(id);
    if (!note) {
      note = field.ownerDocument.createElement("div");
      note.id = id;
      note.className = "invalid-feedback d-block solna-dialog-error";
      note.setAttribute("role", "alert");
      field.after(note);
    }
    note.textContent = text;
    field.classList.add("is-invalid");
    field.setAttribute("aria-invalid", "true");
    field.setAttribute("aria-describedby", id);
  };
  // The message of ``say`` taken away.
  const unsay = (field) => {
    const note = field.ownerDocument.getElementById(
      `${field.name || "solna"}-solna-error`,
    );
    if (note) note.remove();
    field.classList.remove("is-invalid");
    field.removeAttribute("aria-invalid");
    field.removeAttribute("aria-describedby");
  };

  const guardImageDialog = () => {
    const LinkModal = (window.__patternslib_registry || {}).linkmodal;
    if (!LinkModal || LinkModal.prototype.solnaImages) return;
    const proto = LinkModal.prototype;
    const { initElements, initData, getLinkUrl, updateImage } = proto;
    const text = (modal, key, fallback) =>
      (modal.options.text || {})[key] || fallback;

    // Before mockup reads the selected image: its UID and kind from its
    // address when the <img> lacks them.
    proto.initElements = async function (...args) {
      const img = this.tiny.selection.getNode();
      if (this.isImageMode() && img && img.nodeName === "IMG") {
        const found = UID.exec(img.getAttribute("src") || "");
        if (found && !img.getAttribute("data-val")) {
          img.setAttribute("data-val", found[1]);
          img.setAttribute("data-linktype", "image");
        }
        const variant = VARIANT.exec(img.className);
        if (
          img.getAttribute("data-linktype") === "image" &&
          !img.getAttribute("data-picturevariant") &&
          variant
        ) {
          img.setAttribute("data-picturevariant", variant[1]);
        }
      }
      return initElements.apply(this, args);
    };

    // The decorative box below the alternative text, ticked for an image
    // with alt="".
    proto.initData = function (...args) {
      const result = initData.apply(this, args);
      if (!this.isImageMode() || !this.$alt || !this.$alt.length) return result;
      const alt = this.$alt[0];
      const doc = alt.ownerDocument;
      alt.id = alt.id || `solna-alt-${Date.now()}`;
      const label = alt.parentElement.querySelector("label");
      if (label) label.htmlFor = alt.id;
      let box = this.modal.$modal[0].querySelector('input[name="solnaDecorative"]');
      if (!box) {
        const wrapper = doc.createElement("div");
        wrapper.className = "solna-decorative mb-2";
        const boxLabel = doc.createElement("label");
        box = doc.createElement("input");
        box.type = "checkbox";
        box.name = "solnaDecorative";
        box.className = "form-check-input";
        boxLabel.append(
          box,
          doc.createTextNode(
            text(this, "solnaDecorative", "The image is decorative (no alternative text)"),
          ),
        );
        wrapper.append(boxLabel);
        alt.parentElement.after(wrapper);
        box.addEventListener("change", () => {
          alt.disabled = box.checked;
          if (box.checked) alt.value = "";
          unsay(alt);
        });
        alt.addEventListener("input", () => unsay(alt));
      }
      const img = this.imgElm;
      box.checked = !!(
        img &&
        img.nodeName === "IMG" &&
        img.hasAttribute("alt") &&
        img.getAttribute("alt") === ""
      );
      alt.disabled = box.checked;
      unsay(alt);
      return result;
    };

    // "Infoga": an image chosen, and described or decorative.
    proto.getLinkUrl = function (...args) {
      if (!this.isImageMode()) return getLinkUrl.apply(this, args);
      const modal = this.modal.$modal[0];
      const chosen = this.linkTypes[this.linkType];
      const input = chosen && chosen.getEl && chosen.getEl();
      if (input) unsay(input);
      if (input && !chosen.value()) {
        say(input, text(this, "solnaNoImage", "Choose or upload an image first."));
        const choose = input.parentElement.querySelector(
          ".content-browser-selected-items-wrapper a.btn",
        );
        if (choose) choose.focus();
        return null;
      }
      const alt = this.$alt[0];
      const box = modal.querySelector('input[name="solnaDecorative"]');
      if (alt && !(box && box.checked) && !alt.value.trim()) {
        say(
          alt,
          text(
            this,
            "solnaAltMissing",
            "Write an alternative text that describes the image, or mark the image as decorative.",
          ),
        );
        alt.focus();
        return null;
      }
      return getLinkUrl.apply(this, args);
    };

    // A decorative image: alt="" (mockup leaves an empty alt out) and no
    // title.
    proto.updateImage = function (...args) {
      const result = updateImage.apply(this, args);
      const box = this.modal.$modal[0].querySelector('input[name="solnaDecorative"]');
      if (this.imgElm && box) {
        if (box.checked) {
          this.imgElm.setAttribute("alt", "");
          this.imgElm.removeAttribute("title");
        } else {
          this.imgElm.setAttribute("alt", this.$alt.val().trim());
        }
        this.tiny.undoManager.add();
      }
      return result;
    };
    proto.solnaImages = true;
  };

  // The open dialog's uploads: {uploads: Set of UIDs, open: bool}, or null.
  let session = null;
  const UPLOAD = /\/@@fileUpload(?:[?#]|$)/;

  // Is the item (UID) in the text of an editor on this page?
  const used = (uid) =>
    (tinymce.get() || []).some((editor) => (editor.getContent() || "").includes(uid));

  // An upload of a closed dialog that no editor holds: removed.
  const settle = (uid) => {
    if (used(uid)) return;
    const portal = document.body.dataset.portalUrl;
    const token =
      (document.querySelector('input[name="_authenticator"]') || {}).value ||
      (document.getElementById("protect-script") || { dataset: {} }).dataset.token;
    if (!portal || !token) return;
    fetch(`${portal}/@@ta-bort-uppladdning`, {
      method: "POST",
      body: new URLSearchParams({ uid, _authenticator: token }),
      credentials: "same-origin",
      keepalive: true, // also when the editor leaves the page at once
    }).catch(() => {});
  };

  // Uploads sent while a dialog is open belong to it.
  const watchUploads = () => {
    const XHR = window.XMLHttpRequest;
    if (!XHR || XHR.prototype.solnaUploads) return;
    const { open, send } = XHR.prototype;
    XHR.prototype.open = function (method, url, ...rest) {
      this.solnaUpload =
        String(method).toUpperCase() === "POST" && UPLOAD.test(String(url));
      return open.call(this, method, url, ...rest);
    };
    XHR.prototype.send = function (...args) {
      const owner = this.solnaUpload ? session : null;
      if (owner) {
        this.addEventListener("load", () => {
          if (this.status !== 200) return;
          let uid = null;
          try {
            uid = JSON.parse(this.responseText).UID;
          } catch {
            return;
          }
          if (!uid) return;
          if (owner.open) owner.uploads.add(uid);
          else settle(uid);
        });
      }
      return send.apply(this, args);
    };
    XHR.prototype.solnaUploads = true;
  };

  const collectUploads = () => {
    const LinkModal = (window.__patternslib_registry || {}).linkmodal;
    if (!LinkModal || LinkModal.prototype.solnaUploads) return;
    const proto = LinkModal.prototype;
    const { modalShown } = proto;
    proto.modalShown = function (...args) {
      this.solnaSession = session = { uploads: new Set(), open: true };
      if (!this.solnaClosing) {
        this.solnaClosing = true;
        this.modal.on("hidden", () => {
          const closed = this.solnaSession;
          if (!closed || !closed.open) return;
          closed.open = false;
          if (session === closed) session = null;
          for (const uid of closed.uploads) settle(uid);
        });
      }
      return modalShown.apply(this, args);
    };
    proto.solnaUploads = true;
  };

  // The Format menu's styles TinyMCE's importcss titles by their CSS
  // selectors ("highlight-inline"): their Swedish titles come translated
  // in the editor's settings (solna_format_titles, tinymce.py) and are
  // added to TinyMCE's language before it draws its menus.
  const translateFormatTitles = (editor) => {
    editor.options.register("solna_format_titles", {
      processor: "object",
      default: {},
    });
    const titles = editor.options.get("solna_format_titles");
    if (titles && Object.keys(titles).length) {
      tinymce.addI18n(editor.options.get("language") || "sv_SE", titles);
    }
  };

  // A plugin TinyMCE's help does not list (it adds no feature).
  tinymce.PluginManager.add("solna_sv", (editor) => {
    translateFormatTitles(editor);
    translateAnchorList();
    guardImageDialog();
    watchUploads();
    collectUploads();
    return { getMetadata: () => ({ name: "solna_sv", hidden: true }) };
  });
})();
