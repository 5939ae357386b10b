// Live pages over Socket.IO: the notification bell's count, and on a page with a thread
// ([data-live-thread]) new and changed posts without reloading, and who is writing.
// Change notices carry no content ({type, op, id, version}): the post is fetched over HTTP from
// the thread's own route, so it passes the same permission checks as the page. Notices can be
// lost (a reconnect, the queue away), so after every (re)join the page asks what changed since
// it last looked. Without this script every page works as before; it only spares the reload.
(function () {
  "use strict";
  var script = document.currentScript;
  if (typeof io !== "function" || !script) return;
  var TYPING_EVERY = 3000; // ms between two "I am writing" signals
  var TYPING_SHOWN = 6000; // ms a signal keeps a name on screen

  var socket = io({ transports: ["polling", "websocket"] });
  var badge = document.querySelector("[data-live-unread]");
  var thread = document.querySelector("[data-live-thread]");
  var room = thread ? "thread:" + thread.getAttribute("data-live-thread") : null;
  var cursor = thread ? thread.getAttribute("data-live-since") : null;
  var writers = {};
  var typingLine = null;

  function get(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } }).then(
      function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      }
    );
  }

  function fragment(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content;
  }

  // --- The bell -----------------------------------------------------------------------------

  function refreshUnread() {
    if (!badge) return;
    fetch("/notifications/unread", { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (!answer) return;
        badge.firstChild.nodeValue = String(answer.unread);
        badge.hidden = answer.unread === 0;
      })
      .catch(function () {});
  }

  // --- Posts --------------------------------------------------------------------------------

  function postList() {
    var list = thread.querySelector("ol.posts");
    if (list) return list;
    list = document.createElement("ol");
    list.className = "posts";
    var empty = thread.querySelector("[data-live-empty]");
    if (empty) {
      empty.replaceWith(list);
    } else {
      (thread.querySelector(".thread-tools") || thread.querySelector("h2")).after(list);
    }
    return list;
  }

  function known(id) {
    var current = document.getElementById("post-" + id);
    return current ? Number(current.getAttribute("data-version")) : 0;
  }

  // Put a rendered post in its place, unless the page already shows that version or newer.
  function place(item) {
    var id = item.id.replace("post-", "");
    if (known(id) >= Number(item.getAttribute("data-version"))) return;
    var current = document.getElementById(item.id);
    if (current) {
      current.replaceWith(item);
    } else {
      postList().appendChild(item);
      delete writers[item.querySelector(".post-meta strong").textContent];
      showWriters();
    }
  }

  function fetchPost(change) {
    if (change.version !== null && known(change.id) >= change.version) return;
    var url = "/threads/" + thread.getAttribute("data-live-thread") + "/posts/" + change.id;
    get(url)
      .then(function (html) {
        var item = fragment(html).querySelector("li.post");
        if (item) place(item);
      })
      .catch(function () {});
  }

  function catchUp() {
    var url = "/threads/" + thread.getAttribute("data-live-thread") + "/posts";
    if (cursor) url += "?since=" + encodeURIComponent(cursor);
    get(url)
      .then(function (html) {
        var list = fragment(html).querySelector("ol");
        if (!list) return;
        cursor = list.getAttribute("data-live-cursor") || cursor;
        Array.prototype.slice.call(list.querySelectorAll("li.post")).forEach(place);
      })
      .catch(function () {});
  }

  // --- Who is writing -----------------------------------------------------------------------

  function showWriters() {
    if (!typingLine) return;
    var names = Object.keys(writers);
    if (names.length === 0) {
      typingLine.textContent = "";
    } else if (names.length === 1) {
      typingLine.textContent = script.getAttribute("data-typing-one").replace("{name}", names[0]);
    } else {
      typingLine.textContent = script
        .getAttribute("data-typing-many")
        .replace("{names}", names.join(", "));
    }
  }

  function someoneWrites(signal) {
    if (signal.room !== room) return;
    clearTimeout(writers[signal.name]);
    writers[signal.name] = setTimeout(function () {
      delete writers[signal.name];
      showWriters();
    }, TYPING_SHOWN);
    showWriters();
  }

  function watchOwnWriting() {
    var field = thread.querySelector("#post-form textarea");
    typingLine = document.createElement("p");
    typingLine.className = "typing muted";
    typingLine.setAttribute("aria-live", "polite");
    var form = thread.querySelector("#post-form");
    if (form) {
      form.before(typingLine);
    } else {
      thread.appendChild(typingLine);
    }
    if (!field) return;
    var last = 0;
    field.addEventListener("input", function () {
      var now = Date.now();
      if (now - last < TYPING_EVERY) return;
      last = now;
      socket.emit("typing", { room: room });
    });
  }

  // --- The connection -----------------------------------------------------------------------

  socket.on("connect", function () {
    refreshUnread();
    if (!room) return;
    socket.emit("join", { room: room }, function (answer) {
      if (!answer || !answer.ok) return;
      thread.setAttribute("data-live-joined", "");
      catchUp();
    });
  });
  socket.on("disconnect", function () {
    if (thread) thread.removeAttribute("data-live-joined");
  });
  socket.on("change", function (change) {
    if (change.type === "notification") refreshUnread();
    if (change.type === "post" && thread) fetchPost(change);
  });
  socket.on("typing", someoneWrites);
  if (thread) watchOwnWriting();
})();
