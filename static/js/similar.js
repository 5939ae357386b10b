// While a bottleneck's title and description are typed, show existing bottlenecks that may be
// the same problem (/api/v1/bottlenecks/similar). The form works without it: a saved draft
// shows the same suggestions on its page.
(function () {
  "use strict";
  var DELAY = 700;
  var region = document.getElementById("similar-live");
  var title = document.getElementById("title");
  var description = document.getElementById("description");
  if (!region || !title) return;
  var timer = null;
  var latest = 0;

  function render(items) {
    if (!openLivePanel(region, "similar-title", items.length > 0)) return;
    var list = document.createElement("ul");
    items.forEach(function (item) {
      var entry = document.createElement("li");
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title;
      entry.appendChild(link);
      if (item.probably_same) {
        var badge = document.createElement("span");
        badge.className = "badge badge-probably-same";
        badge.textContent = region.getAttribute("data-probably-label");
        entry.appendChild(document.createTextNode(" "));
        entry.appendChild(badge);
      }
      var why = " (" + item.status_label + ", " + item.occurrence_count + " " +
        region.getAttribute("data-occurrences-label");
      if (item.shared.length) why += "; " + region.getAttribute("data-shared-label") + " " + item.shared.join(", ");
      entry.appendChild(document.createTextNode(why + ") — "));
      var add = document.createElement("a");
      add.href = item.url + "/occurrences/new";
      add.textContent = region.getAttribute("data-occurrence-label");
      entry.appendChild(add);
      list.appendChild(entry);
    });
    region.appendChild(list);
  }

  function ask() {
    var text = title.value.trim();
    if (text.length < 4) {
      render([]);
      return;
    }
    var query = new URLSearchParams({title: text, description: description ? description.value.slice(0, 1000) : ""});
    var exclude = region.getAttribute("data-exclude");
    if (exclude) query.set("exclude", exclude);
    var mine = ++latest;
    fetch("/api/v1/bottlenecks/similar?" + query.toString(), {credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (items) { if (mine === latest) render(items); })
      .catch(function () {});
  }

  [title, description].forEach(function (field) {
    if (!field) return;
    field.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY);
    });
  });
})();
