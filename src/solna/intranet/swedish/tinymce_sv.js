// TinyMCE's Swedish where its language pack (tinymce-i18n's sv_SE, in
// Plone's bundle) lacks a text or has a wrong one: the table and colour
// pickers' "Use arrow keys to navigate." and "Justify" ("Verifiera", to
// verify). Loaded as an external plugin (tinymce.py), which runs once
// TinyMCE and its language pack are there and before the editor draws its
// toolbar and menus. tinymce.addI18n adds to the pack, it does not replace
// it.
tinymce.addI18n("sv_SE", {
  "Use arrow keys to navigate.": "Använd piltangenterna för att navigera.",
  "Justify": "Marginaljustera"
});
// A plugin TinyMCE's help does not list (it adds no feature).
tinymce.PluginManager.add("solna_sv", () => ({
  getMetadata: () => ({ name: "solna_sv", hidden: true }),
}));
