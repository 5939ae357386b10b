// The live panel beside a form that privacy.js and similar.js fill in: emptied on every answer,
// hidden while there is nothing to show, otherwise opened under its heading (data-title).
// Load it before them.
function openLivePanel(region, headingClass, shown) {
  "use strict";
  region.textContent = "";
  region.hidden = !shown;
  if (shown) {
    var heading = document.createElement("p");
    heading.className = headingClass;
    heading.textContent = region.getAttribute("data-title");
    region.appendChild(heading);
  }
  return shown;
}
