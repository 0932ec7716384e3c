// "Leave quickly": the page gives way to a neutral site at once, and leaves the tab's
// history (location.replace), so that Back does not bring it up again. Pressing Escape twice
// does the same. Without script the link still leaves, as an ordinary link.
(function () {
  "use strict";
  var link = document.querySelector("[data-quick-exit]");
  if (!link) {
    return;
  }
  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.documentElement.classList.add("leaving");
    window.location.replace(link.href);
  }
  link.addEventListener("click", leave);
  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var now = Date.now();
    if (now - lastEscape < 800) {
      leave();
    }
    lastEscape = now;
  });
})();
