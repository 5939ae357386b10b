// Live privacy check: while a free-text field is typed in, ask the platform's own guard
// (/api/v1/privacy/scan) and show what looks like personal data. The page works without it.
(function () {
  "use strict";
  var DELAY = 600;
  var token = document.querySelector('meta[name="csrf-token"]');

  function render(region, text, result) {
    if (!openLivePanel(region, "privacy-title", result.findings.length > 0)) return;
    var preview = document.createElement("p");
    preview.className = "privacy-preview";
    var position = 0;
    result.findings.forEach(function (finding) {
      preview.appendChild(document.createTextNode(text.slice(position, finding.start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(finding.start, finding.end);
      mark.title = finding.label;
      var label = document.createElement("span");
      label.className = "visually-hidden";
      label.textContent = " (" + finding.label + ")";
      mark.appendChild(label);
      preview.appendChild(mark);
      position = finding.end;
    });
    preview.appendChild(document.createTextNode(text.slice(position)));
    region.appendChild(preview);
  }

  function watch(field) {
    var region = document.getElementById(field.getAttribute("data-live-region"));
    if (!region) return;
    var timer = null;
    var latest = 0;
    field.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var text = field.value;
        var ask = ++latest;
        fetch("/api/v1/privacy/scan", {
          method: "POST",
          credentials: "same-origin",
          headers: {"Content-Type": "application/json", "X-CSRFToken": token ? token.content : ""},
          body: JSON.stringify({text: text})
        }).then(function (response) {
          return response.ok ? response.json() : null;
        }).then(function (result) {
          if (result && ask === latest) render(region, text, result);
        }).catch(function () {});
      }, DELAY);
    });
  }

  document.querySelectorAll("[data-privacy-check]").forEach(watch);
})();
