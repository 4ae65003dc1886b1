// Material puts a wide table in a box that scrolls sideways; a keyboard reaches that box only
// when it is focusable, and a screen reader needs a name for it (WCAG 2.1.1, axe's
// scrollable-region-focusable). A hint above the box says it scrolls, while it does.
(function () {
  function label(wrap) {
    var caption = wrap.querySelector("caption");
    var text = caption ? caption.textContent.trim() : "";
    return text ? "Tabel: " + text : "Tabel";
  }

  function prepare(wrap) {
    if (wrap.hasAttribute("role")) return;
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", label(wrap) + " (schuif zijwaarts)");
    var hint = document.createElement("p");
    hint.className = "wp-scroll-hint";
    hint.setAttribute("aria-hidden", "true");
    hint.textContent = "Schuif de tabel zijwaarts voor alle kolommen →";
    wrap.parentNode.insertBefore(hint, wrap);
  }

  function update() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      prepare(wrap);
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      wrap.previousElementSibling.classList.toggle("wp-scroll-hint--shown", scrolls);
    });
  }

  if (window.document$) window.document$.subscribe(update);
  else document.addEventListener("DOMContentLoaded", update);
  window.addEventListener("resize", update);
})();
