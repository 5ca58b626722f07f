/* Push in the service worker (imported by app/'s <portal>/sw.js with
 * importScripts; scope: the site root). Touches no cache (app/'s).
 *
 * "push" (Push API): the payload is JSON {title, body, url, tag, kind}
 * made by the site (push/queue.py): url relative to the site root. Shows
 * a notification with the intranet's icon and badge (Notifications API,
 * ServiceWorkerRegistration.showNotification); a message without a
 * readable payload still shows one (a push must show something:
 * userVisibleOnly).
 *
 * "notificationclick": focus a tab of the site already open (and send it
 * to the URL), else open the URL in a new window.
 */
(function () {
  "use strict";

  // The site's root, "<portal>/" (a scope may be given without the "/").
  var root = self.registration.scope.replace(/\/?$/, "/");

  function absolute(url) {
    try {
      var found = new URL(url || "", root);
      // Only our own site: a payload never sends anyone elsewhere.
      return found.href.indexOf(root) === 0 ? found.href : root;
    } catch (e) {
      return root;
    }
  }

  self.addEventListener("push", function (event) {
    var data = {};
    try {
      data = event.data ? event.data.json() : {};
    } catch (e) {
      data = { body: event.data ? event.data.text() : "" };
    }
    var title = data.title || "Solna intranät";
    var options = {
      body: data.body || "",
      tag: data.tag || undefined,
      renotify: Boolean(data.tag),
      requireInteraction: data.kind === "crisis",
      icon: root + "++plone++solna.intranet/app/icon-192.png",
      badge: root + "++plone++solna.intranet/app/badge-96.png",
      lang: "sv",
      data: { url: absolute(data.url), kind: data.kind || "" },
    };
    if (!options.tag) delete options.renotify;
    event.waitUntil(self.registration.showNotification(title, options));
  });

  self.addEventListener("notificationclick", function (event) {
    var url = (event.notification.data && event.notification.data.url) || root;
    event.notification.close();
    event.waitUntil(
      self.clients
        .matchAll({ type: "window", includeUncontrolled: true })
        .then(function (tabs) {
          for (var i = 0; i < tabs.length; i++) {
            var tab = tabs[i];
            if (tab.url.indexOf(root) === 0 && "focus" in tab) {
              return tab.focus().then(function (focused) {
                return focused && "navigate" in focused
                  ? focused.navigate(url)
                  : focused;
              });
            }
          }
          return self.clients.openWindow ? self.clients.openWindow(url) : null;
        })
    );
  });
})();
