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

// Plone's link dialog (mockup's linkmodal) writes "No anchors found.." in
// its anchor list when the text has none, a text no catalog reaches (not
// marked for translation in mockup's links.js): translated as TinyMCE's
// own texts are. mockup's patterns are in patternslib's registry, and the
// dialog's script is loaded before TinyMCE starts its plugins.
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

  // A plugin TinyMCE's help does not list (it adds no feature).
  tinymce.PluginManager.add("solna_sv", () => {
    translateAnchorList();
    return { getMetadata: () => ({ name: "solna_sv", hidden: true }) };
  });
})();
