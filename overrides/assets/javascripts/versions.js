/*
 * The outdated banner names the current version: Material decides from versions.json whether
 * a page is outdated (so published versions are never rebuilt); this fills in which version
 * is the latest, from the same file: " (versie 2026.2)".
 */
(function () {
  "use strict";
  var slot = document.querySelector("[data-wp-latest]");
  if (!slot || !window.fetch) return;
  fetch(slot.getAttribute("data-wp-latest"), { credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.json() : []; })
    .then(function (list) {
      var latest = list.filter(function (v) { return (v.aliases || []).indexOf("latest") >= 0; })[0];
      if (latest) slot.textContent = " (versie " + (latest.title || latest.version) + ")";
    })
    .catch(function () {});
})();
