// The "I dag" page. When an htmx request fails (no network, server error), say so in Danish;
// htmx swaps nothing on failure, so what staff typed stays where it was. And an undo button
// goes away when its minute is up (the server refuses a late undo either way).
(function () {
  "use strict";

  function errorBox() {
    return document.getElementById("today-error");
  }

  function showError() {
    var box = errorBox();
    if (box) {
      box.hidden = false;
    }
  }

  document.addEventListener("htmx:responseError", showError);
  document.addEventListener("htmx:sendError", showError);
  document.addEventListener("htmx:timeout", showError);
  document.addEventListener("htmx:afterRequest", function (event) {
    var box = errorBox();
    if (box && event.detail.successful) {
      box.hidden = true;
    }
  });

  function expire(form) {
    if (!form.isConnected) {
      return;
    }
    // Keep a keyboard user's place: focus moves to the citizen's name in the same row.
    var row = form.closest("li");
    var name = row && row.querySelector("a");
    if (name && form.contains(document.activeElement)) {
      name.focus();
    }
    form.remove();
  }

  htmx.onLoad(function (root) {
    root.querySelectorAll("[data-undo-until]").forEach(function (form) {
      // Both times come from the server, so a wrong clock on the tablet does not matter.
      var secondsLeft = Number(form.dataset.undoUntil) - Number(form.dataset.serverNow);
      window.setTimeout(function () {
        expire(form);
      }, Math.max(secondsLeft, 0) * 1000);
    });
  });
})();
