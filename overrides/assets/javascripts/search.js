// The header's search box: a plain, labelled input until a reader focuses it or types in it;
// only then are Pagefind UI (its script and CSS, ~130 KiB) and the Dutch stemmer loaded.
// Pagefind UI draws the results under the box; its own input stays hidden, and this one
// forwards what the reader types to it.
(function () {
  var root = new URL("../../", document.currentScript.src);
  var loading = null;

  function asset(path) {
    return new URL(path, root).href;
  }

  function script(path) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement("script");
      element.src = asset(path);
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  function stylesheet(path) {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = asset(path);
    document.head.appendChild(link);
  }

  // lunr's stemmer files register themselves on a `lunr` object; they need no more of it.
  function stemmerHost() {
    window.lunr = window.lunr || {
      Pipeline: { registerFunction: function () {} },
      generateStopWordFilter: function () {
        return function () {};
      },
    };
  }

  function load() {
    if (!loading) {
      stylesheet("pagefind/pagefind-ui.css");
      stemmerHost();
      loading = script("assets/javascripts/lunr/min/lunr.stemmer.support.min.js")
        .then(function () {
          return script("assets/javascripts/lunr/min/lunr.nl.min.js");
        })
        .then(function () {
          return script("pagefind/pagefind-ui.js");
        })
        .then(function () {
          document.querySelectorAll(".wp-search").forEach(attach);
        });
    }
    return loading;
  }

  function attach(box) {
    var results = box.querySelector(".wp-search__results");
    new PagefindUI({
      element: results,
      bundlePath: asset("assets/javascripts/search/"),
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      translations: { clear_search: "Wissen" },
    });
    forward(box.querySelector(".wp-search__input"), results);
    announce(box, results);
    closeOnTapElsewhere(box);
  }

  // A tap or click outside the box closes its results (on phones the open box covers the
  // header too); the query stays, and focusing the box opens them again.
  function closeOnTapElsewhere(box) {
    document.addEventListener("pointerdown", function (event) {
      if (!box.contains(event.target)) box.classList.add("wp-search--closed");
    });
    box.addEventListener("focusin", function () {
      box.classList.remove("wp-search--closed");
    });
  }

  // Pagefind UI's count of results is no live region: a screen reader would not hear it. A
  // polite status, told once the reader pauses typing, says "3 resultaten voor ...".
  function announce(box, results) {
    var status = document.createElement("p");
    status.className = "wp-search__status wp-visually-hidden";
    status.setAttribute("role", "status");
    box.appendChild(status);
    var timer = null;
    new MutationObserver(function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var message = results.querySelector(".pagefind-ui__message");
        var text = message ? message.textContent.trim() : "";
        status.textContent = /resulta/.test(text) ? text : "";
      }, 600);
    }).observe(results, { childList: true, subtree: true, characterData: true });
  }

  function forward(input, results) {
    var target = results.querySelector(".pagefind-ui__search-input");
    function send() {
      target.value = input.value;
      target.dispatchEvent(new Event("input", { bubbles: true }));
    }
    input.addEventListener("input", send);
    // Escape empties the box and closes the results, as in Pagefind UI's own input.
    input.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      input.value = "";
      send();
      input.blur();
    });
    if (input.value) send();
  }

  document.querySelectorAll(".wp-search__input").forEach(function (input) {
    input.addEventListener("focus", load, { once: true });
    input.addEventListener("keydown", load, { once: true });
  });
})();
