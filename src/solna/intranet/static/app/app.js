/* Solna intranät as an app on the phone (issue 17), on every page of a
 * signed-in member (app/views.py HeadViewlet renders the script tag and
 * its settings, texts translated, in data-config):
 * - registers the service worker and tells it who is signed in;
 * - on a page the worker served from its cache, shows when it was saved;
 * - on the offline page, lists the pages kept on this phone;
 * - on Mitt intranät in Safari on an iPhone or iPad, which offers no
 *   install prompt, once: how to add the intranet to the home screen
 *   (remembered in localStorage, nothing is written on the server).
 */
(function () {
  "use strict";

  const script = document.getElementById("solna-app");
  if (!script) {
    return;
  }
  const config = JSON.parse(script.dataset.config || "{}");
  const HINT_KEY = "solna-hemskarm";
  const PAGES = "solna-pages-";

  function fill(template, values) {
    return template.replace(/\$\{(\w+)\}/g, (all, name) =>
      name in values ? values[name] : all,
    );
  }

  /* An ISO 8601 moment as staff read it: "30 nov 2026 kl. 08.12"
   * (Stockholm time; the formats and months of solna.intranet.dates). */
  function display(iso) {
    const moment = new Date(iso);
    if (Number.isNaN(moment.getTime())) {
      return "";
    }
    const parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: config.zone || "Europe/Stockholm",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(moment)
      .forEach((part) => {
        parts[part.type] = part.value;
      });
    const time = fill(config.formats.time, { hour: parts.hour, minute: parts.minute });
    return fill(config.formats.datetime, {
      day: String(Number(parts.day)),
      month: config.months[Number(parts.month) - 1],
      year: parts.year,
      time: time,
    });
  }

  function worker() {
    if (!("serviceWorker" in navigator)) {
      return;
    }
    navigator.serviceWorker
      .register(config.worker, { scope: config.scope })
      .catch(() => {
        // Offline, or signed out: the worker installed before stays.
      });
    navigator.serviceWorker.ready.then((registration) => {
      const active = registration.active;
      if (active) {
        active.postMessage({ type: "member", member: config.member || "" });
      }
    });
  }

  function savedNote() {
    const meta = document.querySelector('meta[name="solna-offline-saved"]');
    if (!meta) {
      return;
    }
    const note = document.createElement("p");
    note.className = "solna-offline-note";
    note.setAttribute("role", "status");
    note.textContent = fill(config.texts.saved, { date: display(meta.content) });
    const place = document.getElementById("content") || document.body;
    place.insertBefore(note, place.firstChild);
  }

  async function keptPages(list) {
    if (!("caches" in window)) {
      return;
    }
    const cache = await caches.open(PAGES + (config.member || ""));
    const found = [];
    for (const request of await cache.keys()) {
      const answer = await cache.match(request);
      const kind = answer && answer.headers.get("X-Solna-Kind");
      if (!kind) {
        continue; // the offline page and the list itself
      }
      found.push({
        url: request.url,
        title: decodeURIComponent(answer.headers.get("X-Solna-Title") || ""),
        kind: kind,
        saved: answer.headers.get("X-Solna-Saved") || "",
      });
    }
    found.sort((a, b) => (a.kind === "unit" ? -1 : b.kind === "unit" ? 1 : 0));
    for (const page of found) {
      const item = document.createElement("li");
      item.className = "list-group-item solna-offline-page";
      const link = document.createElement("a");
      link.href = page.url;
      link.textContent = page.title || page.url;
      const about = document.createElement("span");
      about.className = "d-block text-muted small";
      about.textContent = [
        config.texts[page.kind] || "",
        fill(config.texts.updated, { date: display(page.saved) }),
      ]
        .filter(Boolean)
        .join(" · ");
      item.append(link, about);
      list.append(item);
    }
    const none = document.getElementById("solna-offline-none");
    if (none) {
      none.hidden = found.length > 0;
    }
  }

  function remembered() {
    try {
      return window.localStorage.getItem(HINT_KEY);
    } catch (error) {
      return "private";
    }
  }

  function remember(value) {
    try {
      window.localStorage.setItem(HINT_KEY, value);
    } catch (error) {
      // Private browsing: shown again next time.
    }
  }

  function homeScreenHint() {
    const agent = navigator.userAgent;
    const apple =
      /iPhone|iPad|iPod/.test(agent) ||
      (/Macintosh/.test(agent) && navigator.maxTouchPoints > 1);
    const safari = /Safari\//.test(agent) && !/CriOS|FxiOS|EdgiOS|OPiOS|GSA\//.test(agent);
    const standalone =
      navigator.standalone === true ||
      window.matchMedia("(display-mode: standalone)").matches;
    if (!config.start || !apple || !safari || standalone || remembered()) {
      return;
    }
    remember("shown");
    const hint = document.createElement("aside");
    hint.className = "solna-homescreen";
    hint.setAttribute("role", "note");
    hint.setAttribute("aria-label", config.texts.hint_label);
    const text = document.createElement("p");
    text.textContent = config.texts.hint;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-primary btn-sm";
    button.textContent = config.texts.ok;
    button.addEventListener("click", () => {
      remember("closed");
      hint.remove();
    });
    hint.append(text, button);
    document.body.append(hint);
  }

  worker();
  savedNote();
  const list = document.getElementById("solna-offline-pages");
  if (list) {
    keptPages(list).catch(() => {});
  }
  homeScreenHint();
})();
