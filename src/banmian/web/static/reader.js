// The page view: hovering a block or a run of raw text outlines every piece of the same block.
(function () {
  "use strict";
  let lit = [];
  function light(id) {
    lit.forEach(function (el) { el.classList.remove("hl"); });
    lit = id ? Array.from(document.querySelectorAll('[data-item="' + CSS.escape(id) + '"]')) : [];
    lit.forEach(function (el) { el.classList.add("hl"); });
  }
  document.addEventListener("mouseover", function (event) {
    const el = event.target.closest ? event.target.closest("[data-item]") : null;
    light(el ? el.getAttribute("data-item") : null);
  });
})();
