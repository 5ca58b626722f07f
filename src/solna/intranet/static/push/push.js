/* Push notifications in the browser (solna.intranet push/views.py).
 *
 * Reads its settings and every text it shows from the element's
 * data-solna-push attribute (JSON, rendered by the translated page):
 * {mode: "page" | "prompt", publicKey, subscribeUrl, portalUrl,
 *  keys: [hashes of this member's subscribed endpoints], texts: {...}}.
 *
 * Turning on: Notification.requestPermission() (Notifications API), then
 * PushManager.subscribe({userVisibleOnly, applicationServerKey}) on the
 * site's service worker registration (Push API), then POST the
 * subscription (PushSubscription.toJSON()) to REST @push-prenumeration.
 * Turning off: PushSubscription.unsubscribe() and DELETE. A subscription
 * made with another server key (the site's VAPID key changed) is made
 * again. The prompt on Mitt intranät counts visits in localStorage only
 * (never on the server): shown from the third day with a visit or the
 * fifth view, if push is supported, permission is "default" and she did
 * not answer "Inte nu".
 */
(function () {
  "use strict";

  var VISITS = "solna.push.visits";
  var DISMISSED = "solna.push.dismissed";

  function supported() {
    return (
      "serviceWorker" in navigator &&
      "PushManager" in window &&
      "Notification" in window &&
      window.isSecureContext !== false
    );
  }

  function iphone() {
    return /iPhone|iPad|iPod/.test(navigator.userAgent || "");
  }

  function keyBytes(base64url) {
    var text = base64url.replace(/-/g, "+").replace(/_/g, "/");
    text += "===".slice((text.length + 3) % 4);
    var raw = atob(text);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function sameKey(buffer, base64url) {
    if (!buffer) return true;
    var a = new Uint8Array(buffer);
    var b = keyBytes(base64url);
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  function hashOf(text) {
    // The server lists its subscriptions by 32 hex digits of SHA-256.
    return crypto.subtle
      .digest("SHA-256", new TextEncoder().encode(text))
      .then(function (digest) {
        return Array.prototype.map
          .call(new Uint8Array(digest), function (b) {
            return ("0" + b.toString(16)).slice(-2);
          })
          .join("")
          .slice(0, 32);
      });
  }

  function csrfToken() {
    var script = document.getElementById("protect-script");
    return script ? script.getAttribute("data-token") : null;
  }

  function rest(config, method, body) {
    var headers = { Accept: "application/json", "Content-Type": "application/json" };
    var token = csrfToken();
    if (token) headers["X-CSRF-TOKEN"] = token;
    return fetch(config.subscribeUrl, {
      method: method,
      headers: headers,
      credentials: "same-origin",
      body: JSON.stringify(body),
    });
  }

  function registration(config) {
    // app/'s head viewlet registers <portal>/sw.js; register it here too
    // when it has not happened yet (the same script and scope: one
    // registration).
    var scope = config.portalUrl + "/";
    return navigator.serviceWorker.getRegistration(scope).then(function (found) {
      if (found) return found;
      return navigator.serviceWorker.register(config.portalUrl + "/sw.js", {
        scope: scope,
      });
    }).then(function () {
      return navigator.serviceWorker.ready;
    });
  }

  function currentSubscription(config) {
    return registration(config).then(function (reg) {
      return reg.pushManager.getSubscription();
    });
  }

  // A phone that cannot reach its push service may never settle
  // pushManager.subscribe: after this long the member is told it failed.
  var SUBSCRIBE_MS = 20000;

  function withinTime(promise) {
    return new Promise(function (resolve, reject) {
      var timer = setTimeout(function () {
        reject(new Error("failed"));
      }, SUBSCRIBE_MS);
      promise.then(
        function (value) {
          clearTimeout(timer);
          resolve(value);
        },
        function (error) {
          clearTimeout(timer);
          reject(error);
        }
      );
    });
  }

  function subscribe(config) {
    if (Notification.permission === "denied") {
      return Promise.reject(new Error("blocked"));
    }
    return Notification.requestPermission()
      .then(function (permission) {
        if (permission !== "granted") throw new Error("blocked");
        return registration(config);
      })
      .then(function (reg) {
        return reg.pushManager.getSubscription().then(function (old) {
          if (old && !sameKey(old.options.applicationServerKey, config.publicKey)) {
            return old.unsubscribe().then(function () {
              return null;
            });
          }
          return old;
        }).then(function (old) {
          return (
            old ||
            withinTime(
              reg.pushManager.subscribe({
                userVisibleOnly: true,
                applicationServerKey: keyBytes(config.publicKey),
              })
            )
          );
        });
      })
      .then(function (subscription) {
        return rest(config, "POST", subscription.toJSON());
      })
      .then(function (response) {
        if (response.ok) return true;
        return response.json().then(
          function (data) {
            var problem = new Error((data && data.error && data.error.message) || "failed");
            problem.fromServer = true; // the site's own (Swedish) message
            throw problem;
          },
          function () {
            throw new Error("failed");
          }
        );
      });
  }

  function unsubscribe(config) {
    return currentSubscription(config).then(function (subscription) {
      if (!subscription) return true;
      var endpoint = subscription.endpoint;
      return subscription.unsubscribe().then(function () {
        return rest(config, "DELETE", { endpoint: endpoint });
      });
    });
  }

  function messageOf(config, error) {
    var key = error && error.message;
    if (key === "blocked") return config.texts.blocked;
    // Only the site's own messages are shown: a browser's (a failed fetch's
    // TypeError, a DOMException) are in its language, not the member's.
    if (error && error.fromServer && key && key !== "failed") return key;
    return config.texts.failed;
  }

  function unsupportedText(config) {
    return iphone() ? config.texts.iphone : config.texts.unsupported;
  }

  // --- @@aviseringar -------------------------------------------------------

  function page(root, config) {
    var status = root.querySelector(".solna-push-status");
    var button = root.querySelector(".solna-push-toggle");
    var on = false;

    function show(text, isOn) {
      status.textContent = text;
      if (isOn === undefined) return;
      on = isOn;
      button.textContent = on ? config.texts.turn_off : config.texts.turn_on;
      button.className = "btn solna-push-toggle " + (on ? "btn-outline-danger" : "btn-primary");
      button.hidden = false;
      button.disabled = false;
    }

    if (!config.publicKey) {
      show(config.texts.unavailable);
      return;
    }
    if (!supported()) {
      show(unsupportedText(config));
      return;
    }
    if (Notification.permission === "denied") {
      show(config.texts.blocked);
      return;
    }
    currentSubscription(config)
      .then(function (subscription) {
        if (!subscription || Notification.permission !== "granted") return false;
        return hashOf(subscription.endpoint).then(function (key) {
          return config.keys.indexOf(key) !== -1;
        });
      })
      .then(
        function (isOn) {
          show(isOn ? config.texts.on : config.texts.off, isOn);
        },
        function () {
          show(config.texts.off, false);
        }
      );

    button.addEventListener("click", function () {
      button.disabled = true;
      status.textContent = config.texts.working;
      (on ? unsubscribe(config) : subscribe(config)).then(
        function () {
          window.location.reload();
        },
        function (error) {
          show(messageOf(config, error), on);
          if (Notification.permission === "denied") button.hidden = true;
        }
      );
    });
  }

  // --- The prompt on Mitt intranät -----------------------------------------

  function countVisit() {
    var today = new Date().toISOString().slice(0, 10);
    var visits;
    try {
      visits = JSON.parse(localStorage.getItem(VISITS)) || {};
    } catch (e) {
      visits = {};
    }
    var days = Array.isArray(visits.days) ? visits.days : [];
    if (days.indexOf(today) === -1) days.push(today);
    visits = { days: days.slice(-3), views: (visits.views || 0) + 1 };
    try {
      localStorage.setItem(VISITS, JSON.stringify(visits));
    } catch (e) {
      /* private mode: no prompt */
    }
    return visits;
  }

  function prompt(root, config) {
    var visits = countVisit();
    var used = visits.days.length >= 3 || visits.views >= 5;
    var dismissed = false;
    try {
      dismissed = localStorage.getItem(DISMISSED) === "1";
    } catch (e) {
      dismissed = true;
    }
    if (
      !used ||
      dismissed ||
      !config.publicKey ||
      !supported() ||
      Notification.permission !== "default"
    ) {
      return;
    }
    var status = root.querySelector(".solna-push-status");
    var yes = root.querySelector(".solna-push-yes");
    var no = root.querySelector(".solna-push-no");
    root.hidden = false;
    no.addEventListener("click", function () {
      try {
        localStorage.setItem(DISMISSED, "1");
      } catch (e) {
        /* nothing to keep */
      }
      root.hidden = true;
    });
    yes.addEventListener("click", function () {
      yes.disabled = true;
      status.textContent = config.texts.working;
      subscribe(config).then(
        function () {
          status.textContent = config.texts.on;
          yes.hidden = no.hidden = true;
        },
        function (error) {
          status.textContent = messageOf(config, error);
          yes.disabled = false;
        }
      );
    });
  }

  function start() {
    var elements = document.querySelectorAll("[data-solna-push]");
    for (var i = 0; i < elements.length; i++) {
      var root = elements[i];
      if (root.getAttribute("data-solna-push-ready")) continue;
      root.setAttribute("data-solna-push-ready", "1");
      var config = JSON.parse(root.getAttribute("data-solna-push"));
      if (config.mode === "page") page(root, config);
      else prompt(root, config);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
