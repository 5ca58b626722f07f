/*
 * Mockup's texts in Swedish on an editor's first page of the day too.
 *
 * Mockup (Plone's patterns: folder contents, related items, the
 * unsaved-changes warning, live search) translates its texts with the
 * catalog of the "widgets" and "plone" domains, which it keeps in
 * localStorage for a day and otherwise fetches from @@plonejsi18n
 * *asynchronously*: a pattern that draws itself before the answer arrives
 * stays English (folder contents' "Upload", "Select all items on this
 * page", "Actions"…), on a busy server or a slow phone line.
 *
 * This script runs before Plone's bundle (it is not deferred; Plone's is):
 * when a catalog is missing or older than a day, it fetches it once,
 * synchronously, into the same localStorage keys mockup reads
 * ("widgets-sv", "widgets-sv-updated"), so mockup finds it at once. A day's
 * first editor page waits for two small JSON answers; every other page
 * finds them stored. Without localStorage it does nothing (mockup then
 * fetches as before).
 */
(function () {
  "use strict";
  var DAY = 864e5; // mockup's i18n ttl
  var DOMAINS = ["widgets", "plone"];
  var script = document.currentScript;
  var storage;
  try {
    storage = window.localStorage;
  } catch (e) {
    return;
  }
  if (!storage || !script || !window.JSON) {
    return;
  }
  // The site's address: this script's, before its resource path.
  var src = script.getAttribute("src") || "";
  var cut = src.search(/\/\+\+(webresource|plone|resource)\+\+/);
  if (cut < 0) {
    return;
  }
  var catalog = src.slice(0, cut) + "/plonejsi18n";
  var language = document.documentElement.getAttribute("lang") || "en";
  DOMAINS.forEach(function (domain) {
    var key = domain + "-" + language;
    var updated = parseInt(storage.getItem(key + "-updated"), 10);
    if (storage.getItem(key) !== null && Date.now() - updated < DAY) {
      return;
    }
    try {
      var request = new XMLHttpRequest();
      request.open(
        "GET",
        catalog +
          "?domain=" +
          encodeURIComponent(domain) +
          "&language=" +
          encodeURIComponent(language),
        false
      );
      request.send(null);
      if (request.status === 200) {
        var texts = JSON.parse(request.responseText);
        if (texts !== null) {
          storage.setItem(key, JSON.stringify(texts));
          storage.setItem(key + "-updated", String(Date.now()));
        }
      }
    } catch (e) {
      // Offline, full storage, not JSON: mockup fetches as before.
    }
  });
})();
