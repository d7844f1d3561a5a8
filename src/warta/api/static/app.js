// warta's only script: when the address points at a record (#event-..., #quote-...) or a cited sentence,
// mark it so the eye finds it. The pages work without it.
"use strict";
function markTarget() {
  document.querySelectorAll(".target").forEach(function (el) { el.classList.remove("target"); });
  if (!location.hash) { return; }
  var el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (el) { el.classList.add("target"); }
}
window.addEventListener("hashchange", markTarget);
document.addEventListener("DOMContentLoaded", markTarget);
