// When an htmx request finds the session expired, the server answers with HX-Redirect to the login
// page (astnet/middleware.py). Before the browser leaves, what was typed on the page is kept in
// sessionStorage; after logging in and coming back, it is put back and a message says nothing was
// saved. Passwords and hidden fields are never kept.
(function () {
  "use strict";
  var PREFIX = "astnet:typed:";

  function main() {
    return document.getElementById("main-content");
  }

  function fields() {
    return Array.prototype.filter.call(
      document.querySelectorAll("main input[name], main textarea[name], main select[name]"),
      function (field) {
        return ["hidden", "password", "submit", "button", "file"].indexOf(field.type) === -1;
      }
    );
  }

  function keep() {
    var typed = [];
    fields().forEach(function (field) {
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked) typed.push([field.name, field.value, true]);
      } else if (field.value) {
        typed.push([field.name, field.value, false]);
      }
    });
    if (typed.length) {
      sessionStorage.setItem(PREFIX + location.pathname, JSON.stringify(typed));
    }
  }

  function restore() {
    var key = PREFIX + location.pathname;
    var stored = sessionStorage.getItem(key);
    var area = main();
    if (!stored || !area) return;
    sessionStorage.removeItem(key);
    JSON.parse(stored).forEach(function (entry) {
      var name = entry[0], value = entry[1], checked = entry[2];
      fields().forEach(function (field) {
        if (field.name !== name) return;
        if (checked) {
          if (field.value === value) field.checked = true;
        } else if (!field.value) {
          field.value = value;
        }
      });
    });
    var alert = document.createElement("div");
    alert.className = "alert alert-warning";
    alert.setAttribute("role", "alert");
    var body = document.createElement("div");
    body.className = "alert-body";
    var text = document.createElement("p");
    text.className = "alert-text";
    text.textContent = area.dataset.restoredMessage;
    body.appendChild(text);
    alert.appendChild(body);
    area.insertBefore(alert, area.firstChild);
  }

  document.addEventListener("htmx:beforeOnLoad", function (event) {
    var area = main();
    var target = event.detail.xhr.getResponseHeader("HX-Redirect") || "";
    if (area && target.indexOf(area.dataset.loginUrl) === 0) keep();
  });
  document.addEventListener("DOMContentLoaded", restore);
})();
