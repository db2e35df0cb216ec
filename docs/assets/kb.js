// Quick exit: leave the site by the button or by pressing Shift three times,
// replacing the current page in the history so Back does not return here.
// Also opens content notes before printing, so nothing is missing on paper.
(function () {
  "use strict";
  var button = document.querySelector("[data-kb-exit]");
  var status = document.querySelector("[data-kb-exit-status]");
  var presses = 0;
  var timer = null;

  function announce(text) {
    if (status) status.textContent = text;
  }

  function leave(event) {
    if (event) event.preventDefault();
    announce("Leaving this site");
    document.body.style.visibility = "hidden";
    document.title = "";
    window.location.replace(button.getAttribute("href"));
  }

  if (button) {
    button.addEventListener("click", leave);
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Shift") {
        presses = 0;
        return;
      }
      if (event.repeat) return;
      presses += 1;
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        presses = 0;
        announce("");
      }, 5000);
      if (presses >= 3) {
        leave();
      } else {
        var left = 3 - presses;
        announce("Shift pressed " + presses + (presses === 1 ? " time" : " times") +
          ". Press it " + left + " more " + (left === 1 ? "time" : "times") + " to leave this site.");
      }
    });
  }

  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (details) {
      details.open = true;
    });
  });
})();
