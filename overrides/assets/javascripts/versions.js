/*
 * What versions.json says about the page a reader has open, decided in the browser so that
 * published versions are never rebuilt (`whitepaper publish` and `whitepaper withdraw` change
 * only that file):
 *
 * - the outdated banner (Material shows it on any version but latest) names the latest one;
 * - a withdrawn site version or paper shows why, and links what replaces it.
 *
 * versions.json holds what the association wrote (a reason): it is set as text, never as HTML.
 */
(function () {
  "use strict";
  var withdrawn = document.querySelector("[data-wp-withdrawn]");
  var latestSlot = document.querySelector("[data-wp-latest]");
  if (!withdrawn || !window.fetch) return;

  function text(element, words) {
    element.appendChild(document.createTextNode(words));
  }

  function link(element, href, words) {
    var anchor = document.createElement("a");
    anchor.href = href;
    anchor.textContent = words;
    element.appendChild(anchor);
  }

  function segment(name) {
    return encodeURIComponent(String(name)) + "/";
  }

  function showWithdrawal(what, withdrawal, successorHref, successorName) {
    var inner = withdrawn.querySelector(".md-banner__inner");
    var strong = document.createElement("strong");
    strong.textContent = what + " is ingetrokken";
    inner.appendChild(strong);
    text(inner, withdrawal.reason ? ": " + withdrawal.reason : ".");
    if (successorHref) {
      text(inner, " Lees in plaats daarvan ");
      link(inner, successorHref, successorName);
      text(inner, ".");
    }
    withdrawn.hidden = false;
  }

  fetch(withdrawn.getAttribute("data-wp-versions"), { credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.json() : []; })
    .then(function (versions) {
      var root = withdrawn.getAttribute("data-wp-root");
      var current = withdrawn.getAttribute("data-wp-version");
      var paper = withdrawn.getAttribute("data-wp-paper");
      var latest = versions.filter(function (v) { return (v.aliases || []).indexOf("latest") >= 0; })[0];
      if (latest && latestSlot) latestSlot.textContent = " (versie " + (latest.title || latest.version) + ")";
      var entry = versions.filter(function (v) { return v.version === current; })[0];
      var properties = (entry && entry.properties) || {};
      var site = properties.withdrawn;
      var ofPaper = paper && properties.papers && properties.papers[paper];
      if (site) {
        var next = site.successor && root + segment(site.successor);
        showWithdrawal("Deze versie van de site", site, next, "versie " + site.successor);
      } else if (ofPaper && ofPaper.withdrawn) {
        var successor = ofPaper.withdrawn.successor;
        var href = successor && root + "latest/" + segment(successor);
        showWithdrawal("Dit whitepaper", ofPaper.withdrawn, href, "het whitepaper dat het vervangt");
      }
    })
    .catch(function () {});
})();
