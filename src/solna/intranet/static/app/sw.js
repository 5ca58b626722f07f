/* Solna intranät's service worker (W3C Service Workers).
 *
 * Served by app/views.py (WorkerView) at <portal>/sw.js, members only, with
 * CONFIG filled in: {version, portal, offline, pocket, signOut, push,
 * refresh}. Its scope is the site's root.
 *
 * Caches (Cache Storage), never shared between members:
 * - "solna-pages-<member>": the member's pocket pages (her unit, her
 *   favourites, pages marked Tillgänglig offline: REST @offline-sidor), the
 *   offline page and the list itself, each stamped with when it was saved
 *   (X-Solna-Saved). <member> is the opaque tag the server sends on every
 *   answer (X-Solna-Member, app/member.py).
 * - "solna-static-<version>": versioned static files (?v=, ?t=,
 *   ++webresource++), cache-first; a new version deletes the old caches.
 *
 * Every cache is deleted when a page of the site answers for another member
 * or for nobody, at the sign-out and login pages, and when the page script
 * says another member is signed in. Pages are fetched from the network
 * first; only when that fails does a pocket page come from the cache (with
 * a note of when it was saved) or any other page show the offline page.
 * The pocket pages are fetched again at most every CONFIG.refresh seconds,
 * when a page of the site is opened with a network.
 */
"use strict";

const CONFIG = /*CONFIG*/{};

const PAGES = "solna-pages-";
const STATIC = "solna-static-";
const SAVED = "X-Solna-Saved";
const MEMBER = "X-Solna-Member";
const TITLE = "X-Solna-Title";
const KIND = "X-Solna-Kind";
const STATIC_PATHS = ["/++plone++", "/++theme++", "/++resource++", "/++webresource++"];

if (CONFIG.push) {
  // push/'s part: the push and notificationclick handlers.
  importScripts(CONFIG.push);
}

let member = null; // the tag the caches belong to; null: not read yet
let refreshing = null;
let refreshingFor = null;

/* The key a page is kept under: no query, no fragment, no "/view" or "/". */
function normal(address) {
  const url = new URL(address, CONFIG.portal);
  url.hash = "";
  url.search = "";
  let path = url.pathname.replace(/\/view$/, "").replace(/\/+$/, "");
  url.pathname = path || "/";
  return url.href.replace(/\/$/, "");
}

function inSite(address) {
  return address === CONFIG.portal || address.startsWith(CONFIG.portal + "/")
    || address.startsWith(CONFIG.portal + "?");
}

async function knownMember() {
  if (member === null) {
    const names = await caches.keys();
    const mine = names.find((name) => name.startsWith(PAGES));
    member = mine ? mine.slice(PAGES.length) : "";
  }
  return member;
}

/* Delete every cache of this origin (all of them are ours). */
async function forgetAll() {
  member = "";
  const names = await caches.keys();
  await Promise.all(names.map((name) => caches.delete(name)));
}

/* A page of the site was answered for ``tag`` ("" nobody): empty every
 * cache if that is not the member they belong to. True if it changed. */
async function becomes(tag) {
  const known = await knownMember();
  if (tag === known) {
    return false;
  }
  await forgetAll();
  member = tag;
  return true;
}

function stamped(body, type, item, tag) {
  return new Response(body, {
    headers: {
      "Content-Type": type,
      [SAVED]: new Date().toISOString(),
      [TITLE]: encodeURIComponent(item.title || ""),
      [KIND]: item.kind || "",
      [MEMBER]: tag,
    },
  });
}

/* Fetch ``address`` and keep it for ``tag`` if it is an HTML page of ours
 * answered for that member. */
async function keep(cache, tag, address, item) {
  const answer = await fetch(address, { credentials: "same-origin", cache: "no-store" });
  const type = answer.headers.get("Content-Type") || "";
  if (!answer.ok || answer.headers.get(MEMBER) !== tag || !type.includes("html")) {
    return false;
  }
  const body = await answer.text();
  if (member !== tag) {
    return false;
  }
  await cache.put(normal(address), stamped(body, type, item, tag));
  return true;
}

/* Fetch the pocket pages again (at most every CONFIG.refresh seconds,
 * unless ``force``), and forget those no longer in the list. */
function refresh(force) {
  if (refreshing) {
    // One at a time; another member's waits for the one under way.
    return refreshingFor === member ? refreshing : refreshing.then(() => refresh(force));
  }
  refreshingFor = member;
  refreshing = (async () => {
    const tag = await knownMember();
    refreshingFor = tag;
    if (!tag) {
      return;
    }
    const cache = await caches.open(PAGES + tag);
    const list = await cache.match(normal(CONFIG.pocket));
    if (!force && list) {
      const saved = Date.parse(list.headers.get(SAVED));
      if (Date.now() - saved < CONFIG.refresh * 1000) {
        return;
      }
    }
    await keep(cache, tag, CONFIG.offline, { kind: "" });
    const answer = await fetch(CONFIG.pocket, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json" },
    });
    if (!answer.ok || answer.headers.get(MEMBER) !== tag) {
      return;
    }
    const data = await answer.json();
    const wanted = new Set([normal(CONFIG.offline), normal(CONFIG.pocket)]);
    for (const item of data.items || []) {
      wanted.add(normal(item.url));
      try {
        await keep(cache, tag, item.url, item);
      } catch (error) {
        // The network went: what was kept before stays.
      }
    }
    if (member !== tag) {
      return;
    }
    for (const request of await cache.keys()) {
      if (!wanted.has(normal(request.url))) {
        await cache.delete(request);
      }
    }
    await cache.put(
      normal(CONFIG.pocket),
      stamped(JSON.stringify(data), "application/json", {}, tag),
    );
  })()
    .catch(() => {})
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/* A kept page, with a note of when it was saved (app.js shows it). */
async function saved(kept) {
  const when = kept.headers.get(SAVED) || "";
  const html = await kept.text();
  const note = `<meta name="solna-offline-saved" content="${when.replace(/"/g, "")}">`;
  const marked = html.replace(/<head[^>]*>/i, (head) => head + note);
  return new Response(marked, {
    headers: { "Content-Type": kept.headers.get("Content-Type") || "text/html" },
  });
}

/* Without a network: the kept page, or the offline page. */
async function fromPocket(address) {
  const tag = await knownMember();
  if (tag) {
    const cache = await caches.open(PAGES + tag);
    const kept = await cache.match(normal(address));
    if (kept && kept.headers.get(KIND)) {
      return saved(kept);
    }
    const offline = await cache.match(normal(CONFIG.offline));
    if (offline) {
      return new Response(await offline.text(), {
        headers: { "Content-Type": offline.headers.get("Content-Type") || "text/html" },
      });
    }
  }
  return Response.error();
}

async function navigate(event) {
  const request = event.request;
  const address = normal(request.url);
  if (CONFIG.signOut.some((page) => address === normal(page))) {
    await forgetAll();
    return fetch(request);
  }
  let answer;
  try {
    answer = await fetch(request);
  } catch (error) {
    return fromPocket(request.url);
  }
  if (answer.status >= 502 && answer.status <= 504) {
    // A proxy answers, the intranet does not.
    return fromPocket(request.url);
  }
  if (answer.ok && answer.headers.has(MEMBER)) {
    // A page answered for someone (a redirect or an error page says nothing).
    const tag = answer.headers.get(MEMBER);
    const changed = await becomes(tag);
    if (tag) {
      event.waitUntil(refresh(changed));
    }
  }
  return answer;
}

function versionedStatic(url) {
  if (!STATIC_PATHS.some((part) => url.pathname.includes(part))) {
    return false;
  }
  return (
    url.searchParams.has("v") ||
    url.searchParams.has("t") ||
    url.pathname.includes("/++webresource++")
  );
}

async function staticFirst(request) {
  const cache = await caches.open(STATIC + CONFIG.version);
  const kept = await cache.match(request, { ignoreVary: true });
  if (kept) {
    return kept;
  }
  const answer = await fetch(request);
  if (answer.ok && answer.type === "basic") {
    await cache.put(request, answer.clone());
  }
  return answer;
}

self.addEventListener("install", (event) => {
  self.skipWaiting();
  event.waitUntil(
    (async () => {
      // The offline page, for the member signed in now.
      try {
        const answer = await fetch(CONFIG.offline, {
          credentials: "same-origin",
          cache: "no-store",
        });
        const tag = answer.ok ? answer.headers.get(MEMBER) : "";
        if (tag) {
          await becomes(tag);
          const cache = await caches.open(PAGES + tag);
          await cache.put(
            normal(CONFIG.offline),
            stamped(await answer.text(), answer.headers.get("Content-Type"), {}, tag),
          );
        }
      } catch (error) {
        // No network now: it is kept at the next page.
      }
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith(STATIC) && name !== STATIC + CONFIG.version)
          .map((name) => caches.delete(name)),
      );
      await self.clients.claim();
      refresh(true);
    })(),
  );
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "member" && typeof data.member === "string") {
    event.waitUntil(
      (async () => {
        // A page loaded while this worker was installing is not claimed at
        // activation in every Chromium: it is now.
        await self.clients.claim();
        const changed = await becomes(data.member);
        if (data.member) {
          await refresh(changed);
        }
        if (event.source) {
          event.source.postMessage({ type: "refreshed", member: data.member });
        }
      })(),
    );
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !inSite(request.url)) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(navigate(event));
    return;
  }
  const url = new URL(request.url);
  if (versionedStatic(url)) {
    event.respondWith(staticFirst(request));
  }
  // Everything else goes to the network, as without a worker.
});
