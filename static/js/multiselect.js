// Searchable multi-selects: each <select multiple data-multiselect> becomes a search box with
// the chosen items as chips (Tom Select, vendored in static/vendor/tom-select). Without
// JavaScript the plain select works as it is. Texts come from the select's data attributes,
// in the page's language.
(function () {
  "use strict";
  function text(select, name) {
    return select.getAttribute("data-" + name) || "";
  }
  function enhance(select) {
    var hint = document.getElementById(select.id + "-hint");
    if (hint && text(select, "multiselect-hint")) {
      hint.textContent = text(select, "multiselect-hint");
    }
    var widget = new TomSelect(select, {
      plugins: { remove_button: { title: text(select, "remove") } },
      maxOptions: null,
      hideSelected: true,
      render: {
        no_results: function () {
          var empty = document.createElement("div");
          empty.className = "no-results";
          empty.textContent = text(select, "no-results");
          return empty;
        }
      }
    });
    // The search box (named by the label now) stands for the select it keeps out of sight, so
    // that assistive technology meets each option once.
    select.setAttribute("aria-hidden", "true");
    return widget;
  }
  if (window.TomSelect) {
    document.querySelectorAll("select[multiple][data-multiselect]").forEach(enhance);
  }
})();
