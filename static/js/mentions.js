// `@` completion in post fields (textarea[data-mentions]): while a handle is typed, active
// colleagues and sectors from /api/v1/mentions are offered in a list box (arrows, Enter, Escape,
// or a click). And "Quote" with a passage selected quotes that passage instead of the whole
// post. Without JavaScript, handles are typed in full and "Quote" quotes the whole post.
(function () {
  "use strict";
  var PATTERN = /(^|[\s(])@([a-z0-9][a-z0-9._-]{0,39})$/i;

  function setUp(field) {
    var box = document.createElement("ul");
    box.className = "mention-list";
    box.id = field.id + "-mentions";
    box.setAttribute("role", "listbox");
    box.hidden = true;
    field.parentNode.insertBefore(box, field.nextSibling);
    field.setAttribute("aria-autocomplete", "list");
    field.setAttribute("aria-controls", box.id);
    var items = [];
    var active = -1;
    var latest = 0;

    function close() {
      box.hidden = true;
      box.textContent = "";
      items = [];
      active = -1;
      field.removeAttribute("aria-activedescendant");
    }

    function typed() {
      var before = field.value.slice(0, field.selectionStart);
      var match = PATTERN.exec(before);
      return match ? match[2] : null;
    }

    function choose(index) {
      var item = items[index];
      var prefix = typed();
      if (!item || prefix === null) return close();
      var caret = field.selectionStart;
      var start = caret - prefix.length;
      field.value = field.value.slice(0, start) + item.handle + " " + field.value.slice(caret);
      field.selectionStart = field.selectionEnd = start + item.handle.length + 1;
      close();
      field.focus();
    }

    function highlight(index) {
      active = index;
      Array.prototype.forEach.call(box.children, function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index >= 0) field.setAttribute("aria-activedescendant", box.id + "-" + index);
    }

    function show(found) {
      close();
      items = found;
      if (!found.length) return;
      found.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = box.id + "-" + index;
        option.setAttribute("role", "option");
        option.textContent = "@" + item.handle + " — " + item.name;
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(index);
        });
        box.appendChild(option);
      });
      box.hidden = false;
      highlight(0);
    }

    field.addEventListener("input", function () {
      var prefix = typed();
      if (!prefix) return close();
      var asked = ++latest;
      fetch("/api/v1/mentions?q=" + encodeURIComponent(prefix), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (found) { if (asked === latest) show(found); })
        .catch(close);
    });

    field.addEventListener("keydown", function (event) {
      if (box.hidden) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        highlight((active + step + items.length) % items.length);
      } else if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape") {
        close();
      }
    });
    field.addEventListener("blur", close);
  }

  function quoteSelection(link) {
    link.addEventListener("click", function (event) {
      var post = document.getElementById("post-" + link.getAttribute("data-quote"));
      var field = document.querySelector("#post-form textarea");
      var selection = window.getSelection();
      var passage = selection ? selection.toString().trim() : "";
      if (!post || !field || !passage || !post.contains(selection.anchorNode)) return;
      event.preventDefault();
      var handle = post.querySelector(".post-meta .muted").textContent.split(" ")[0];
      var lines = passage.split("\n").map(function (line) { return "> " + line; });
      var reply = document.querySelector("#post-form input[name=reply_to]");
      if (reply) reply.value = link.getAttribute("data-quote");
      field.value += lines.join("\n") + "\n>\n> — [" + handle + "](/threads/posts/" +
        link.getAttribute("data-quote") + ")\n\n";
      field.focus();
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("textarea[data-mentions]"), setUp);
  Array.prototype.forEach.call(document.querySelectorAll("a[data-quote]"), quoteSelection);
})();
