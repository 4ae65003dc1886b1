/* Citation previews: hovering (mouse), focusing (keyboard) or tapping (touch) an in-text
 * citation shows its full reference from the page's reference list in a popover.
 *
 * Contract (rendered by the whitepaper plugin):
 *   <a href="#ref-KEY" role="doc-biblioref" class="wp-cite" data-wp-ref="KEY">…</a>
 *   <div id="ref-KEY" class="csl-entry" role="listitem">…</div>   (inside #refs)
 * Keys may contain ':' '.' '/': entries are found with getElementById, never a selector.
 *
 * Without JavaScript the link jumps to the entry, which CSS highlights with :target.
 *
 * Accessibility: each citation link gets aria-describedby="ref-KEY" (the list entry itself),
 * set once when the page loads. The description is then in the accessibility tree before
 * focus arrives, so screen readers read it with the link however they reach it (Tab, browse
 * mode, touch exploration), with no race against a focus handler. The popover
 * (role="tooltip") repeats that text visually; it is dismissible (Escape), hoverable and
 * persistent (WCAG 1.4.13). Plain JS, no dependencies, no requests.
 */
(function () {
  "use strict";

  var OPEN_DELAY = 120; /* ms a mouse must rest on a citation before the preview opens */
  var CLOSE_DELAY = 350; /* ms to move the pointer from the link into the preview */
  var GAP = 6; /* px between the link and the preview */
  var MARGIN = 8; /* px kept free at the viewport's edges */
  var POPOVER_ID = "wp-cite-popover";

  var popover = null; /* the one preview element, reused */
  var current = null; /* the citation link whose preview is shown */
  var openTimer = 0;
  var closeTimer = 0;
  var lastPointerDown = 0; /* time of the last pointerdown: focus from a pointer is not Tab */
  var lastPointerType = "mouse";
  var dismissed = null; /* link closed with Escape: stays closed until left */
  var bound = false;

  function citationOf(node) {
    return node && node.closest ? node.closest("a.wp-cite") : null;
  }

  function entryFor(link) {
    var key = link.getAttribute("data-wp-ref");
    if (!key) {
      var hash = link.hash || "";
      try {
        key = decodeURIComponent(hash.slice(1)).replace(/^ref-/, "");
      } catch (error) {
        key = hash.slice(1).replace(/^ref-/, "");
      }
    }
    var entry = key ? document.getElementById("ref-" + key) : null;
    return entry && entry.classList.contains("csl-entry") ? entry : null;
  }

  function ensurePopover() {
    if (popover && document.body.contains(popover)) return popover;
    popover = document.createElement("div");
    popover.id = POPOVER_ID;
    popover.className = "wp-cite-popover md-typeset";
    popover.setAttribute("role", "tooltip");
    popover.hidden = true;
    popover.addEventListener("pointerenter", function () {
      clearTimeout(closeTimer);
    });
    popover.addEventListener("pointerleave", function (event) {
      if (event.pointerType === "mouse") scheduleClose();
    });
    document.body.appendChild(popover);
    return popover;
  }

  function fill(entry) {
    var body = document.createElement("div");
    body.className = "wp-cite-popover__body";
    var clone = entry.cloneNode(true);
    /* No duplicate ids; keyboard users reach the entry's own links through the list. */
    clone.removeAttribute("id");
    clone.querySelectorAll("[id]").forEach(function (node) {
      node.removeAttribute("id");
    });
    clone.querySelectorAll("a, button, input, [tabindex]").forEach(function (node) {
      node.setAttribute("tabindex", "-1");
    });
    while (clone.firstChild) body.appendChild(clone.firstChild);
    popover.replaceChildren(body);
  }

  function headerBottom() {
    var header = document.querySelector(".md-header");
    if (!header) return 0;
    var rect = header.getBoundingClientRect();
    return rect.bottom > 0 && rect.height > 0 ? rect.bottom : 0;
  }

  /* The line box of a (possibly wrapped) link nearest to the pointer, else the first one. */
  function anchorRect(link, clientY) {
    var rects = Array.prototype.slice.call(link.getClientRects());
    if (!rects.length) return link.getBoundingClientRect();
    if (typeof clientY !== "number") return rects[0];
    return rects.reduce(function (best, rect) {
      var distance = Math.abs((rect.top + rect.bottom) / 2 - clientY);
      var bestDistance = Math.abs((best.top + best.bottom) / 2 - clientY);
      return distance < bestDistance ? rect : best;
    });
  }

  function place(link, clientY) {
    var rect = anchorRect(link, clientY);
    var viewWidth = document.documentElement.clientWidth;
    var viewHeight = window.innerHeight;
    var top = Math.max(headerBottom(), 0) + MARGIN;
    var bottom = viewHeight - MARGIN;

    popover.style.left = "0px";
    popover.style.top = "0px";
    popover.style.maxHeight = "";
    popover.style.maxWidth = "min(30rem, " + Math.max(viewWidth - 2 * MARGIN, 0) + "px)";
    var width = popover.offsetWidth;
    var height = popover.offsetHeight;
    /* Where (0, 0) of the popover's containing block is in the viewport, whatever it is. */
    var origin = popover.getBoundingClientRect();

    var below = bottom - (rect.bottom + GAP);
    var above = rect.top - GAP - top;
    var placeBelow = height <= below || below >= above;
    var room = Math.max(placeBelow ? below : above, 48);
    if (height > room) {
      popover.style.maxHeight = room + "px";
      height = room;
    }
    var y = placeBelow ? rect.bottom + GAP : rect.top - GAP - height;
    var x = Math.min(Math.max(rect.left, MARGIN), viewWidth - width - MARGIN);
    x = Math.max(x, MARGIN);

    popover.setAttribute("data-placement", placeBelow ? "below" : "above");
    popover.style.left = Math.round(x - origin.left) + "px";
    popover.style.top = Math.round(y - origin.top) + "px";
  }

  function open(link, clientY) {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    var entry = entryFor(link);
    if (!entry) return;
    ensurePopover();
    if (current && current !== link) close();
    current = link;
    link.classList.add("wp-cite--active");
    fill(entry);
    popover.setAttribute("data-wp-ref", entry.id.slice(4));
    popover.hidden = false;
    place(link, clientY);
  }

  function close() {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    if (current) current.classList.remove("wp-cite--active");
    current = null;
    if (popover) {
      popover.hidden = true;
      popover.replaceChildren();
      popover.removeAttribute("data-wp-ref");
    }
  }

  function scheduleClose() {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    closeTimer = setTimeout(function () {
      var active = document.activeElement;
      if (current && (active === current || (popover && popover.contains(active)))) {
        return; /* still focused: a keyboard user keeps the preview */
      }
      close();
    }, CLOSE_DELAY);
  }

  function inside(node) {
    return !!(node && ((current && current.contains(node)) || (popover && popover.contains(node))));
  }

  /* Mouse: hover opens after a short rest, leaving closes after a delay. */
  function onPointerOver(event) {
    if (event.pointerType !== "mouse") return;
    var link = citationOf(event.target);
    if (!link) return;
    if (link === dismissed) return;
    clearTimeout(closeTimer);
    if (link === current) return;
    clearTimeout(openTimer);
    var y = event.clientY;
    openTimer = setTimeout(function () {
      open(link, y);
    }, current ? 0 : OPEN_DELAY);
  }

  function onPointerOut(event) {
    if (event.pointerType !== "mouse") return;
    var link = citationOf(event.target);
    if (!link || link.contains(event.relatedTarget)) return;
    if (link === dismissed) dismissed = null;
    clearTimeout(openTimer);
    if (link === current && !inside(event.relatedTarget)) scheduleClose();
  }

  function onPointerDown(event) {
    lastPointerDown = Date.now();
    lastPointerType = event.pointerType || "mouse";
    if (current && !inside(event.target)) close();
  }

  /* Touch and pen: the first tap shows the preview, a second tap on the link follows it. */
  function onClick(event) {
    var link = citationOf(event.target);
    if (!link) return;
    var recent = Date.now() - lastPointerDown < 1000;
    if (recent && lastPointerType !== "mouse" && link !== current && entryFor(link)) {
      event.preventDefault();
      dismissed = null;
      open(link);
      return;
    }
    close(); /* a mouse click or a second tap: follow the link to the reference list */
  }

  function focusVisible(link) {
    try {
      return link.matches(":focus-visible");
    } catch (error) {
      return Date.now() - lastPointerDown > 800;
    }
  }

  function onFocusIn(event) {
    var link = citationOf(event.target);
    if (link) {
      dismissed = null;
      if (focusVisible(link) && Date.now() - lastPointerDown > 800) open(link);
      return;
    }
    if (current && !inside(event.target)) close();
  }

  function onFocusOut(event) {
    var link = citationOf(event.target);
    if (link && link === current && !inside(event.relatedTarget)) scheduleClose();
  }

  function onKeyDown(event) {
    if (event.key !== "Escape" && event.key !== "Esc") return;
    if (!current) return;
    var link = current;
    var focusWasInPopover = popover && popover.contains(document.activeElement);
    dismissed = link;
    close();
    if (focusWasInPopover) link.focus();
  }

  function onResize() {
    if (current && popover && !popover.hidden) place(current);
  }

  function describe(link) {
    var entry = entryFor(link);
    if (!entry) return;
    var ids = (link.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    if (ids.indexOf(entry.id) === -1) ids.push(entry.id);
    link.setAttribute("aria-describedby", ids.join(" "));
  }

  function init() {
    close();
    document.querySelectorAll("a.wp-cite").forEach(describe);
    if (!document.querySelector("a.wp-cite")) return;
    ensurePopover();
    if (bound) return;
    bound = true;
    document.addEventListener("pointerover", onPointerOver);
    document.addEventListener("pointerout", onPointerOut);
    document.addEventListener("pointerdown", onPointerDown, true);
    document.addEventListener("click", onClick);
    document.addEventListener("focusin", onFocusIn);
    document.addEventListener("focusout", onFocusOut);
    document.addEventListener("keydown", onKeyDown);
    window.addEventListener("resize", onResize);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
