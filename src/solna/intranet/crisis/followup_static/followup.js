/* Uppföljning: refresh the figures from REST @kris-uppfoljning every 20 s
 * while the page is visible, and when it becomes visible again. The page
 * works without this script (its "Uppdatera" link reloads it). Screen readers hear "Siffrorna har
 * uppdaterats." only when a figure changed; when someone new needs help
 * the page reloads the list too (the help list is rendered by the server). */
(function () {
  "use strict";
  var root = document.querySelector(".solna-crisis-followup");
  if (!root || !window.fetch) return;
  var url = root.getAttribute("data-rest");
  var live = root.querySelector(".solna-followup-live");
  var STATUSES = ["help", "safe", "seen", "none", "total"];

  function setRow(row, counts) {
    var changed = false;
    STATUSES.forEach(function (status) {
      var cell = row && row.querySelector('[data-status="' + status + '"]');
      if (cell && cell.textContent.trim() !== String(counts[status])) {
        cell.textContent = String(counts[status]);
        changed = true;
      }
    });
    return changed;
  }

  function rowOf(selector, uid) {
    return root.querySelector(selector + '[data-uid="' + (uid || "None") + '"]');
  }

  function apply(data) {
    var changed = setRow(root.querySelector(".solna-followup-totals"), data.totals);
    data.groups.forEach(function (group) {
      changed = setRow(rowOf(".solna-followup-group", group.UID), group.counts) || changed;
      group.units.forEach(function (unit) {
        changed = setRow(rowOf(".solna-followup-unit", unit.UID), unit.counts) || changed;
      });
    });
    var time = root.querySelector(".solna-followup-updated time");
    if (time) {
      time.setAttribute("datetime", data.updated);
      time.textContent = data.updated_display;
    }
    var listed = root.querySelectorAll(".solna-help-list > li").length;
    if (data.help.length !== listed) {
      window.location.reload();
      return;
    }
    if (changed && live) live.textContent = live.getAttribute("data-changed");
  }

  function refresh() {
    if (document.hidden) return;
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data && data.totals) apply(data); })
      .catch(function () {});
  }

  window.setInterval(refresh, 20000);
  // Back to the tab (or the phone unlocked): the figures of this moment.
  document.addEventListener("visibilitychange", refresh);
})();
