// warta's only script: when the address points at a record (#event-..., #quote-...) or a cited sentence,
// mark it so the eye finds it. The pages work without it.
"use strict";
function markTarget() {
  document.querySelectorAll(".target").forEach(function (el) { el.classList.remove("target"); });
  if (!location.hash) { return; }
  var el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (el) { el.classList.add("target"); }
}
// On a phone the filter form would fill the first screen: fold it while no filter is set (it is open
// without this script, so nothing is hidden from a browser that runs none).
function foldFilters() {
  var box = document.querySelector("details.filter-box");
  if (box && box.dataset.set === "0" && window.matchMedia("(max-width: 800px)").matches) {
    box.open = false;
  }
}
window.addEventListener("hashchange", markTarget);
document.addEventListener("DOMContentLoaded", markTarget);
document.addEventListener("DOMContentLoaded", foldFilters);
