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
    announce(status.getAttribute("data-kb-leaving"));
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
        announce(status.getAttribute(presses === 1 ? "data-kb-one" : "data-kb-two"));
      }
    });
  }

  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (details) {
      details.open = true;
    });
  });
})();

// Catalogue filters: any value within a facet, every facet at once; the state
// lives in the address (?themes=a,b&regions=c) so a filtered view can be shared.
(function () {
  "use strict";
  var form = document.querySelector("[data-kb-filters]");
  if (!form) return;
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-kb-item]"));
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
  var count = form.querySelector("[data-kb-count]");
  var empty = form.querySelector("[data-kb-empty]");

  function chosen() {
    var facets = {};
    boxes.forEach(function (box) {
      if (box.checked) (facets[box.name] = facets[box.name] || []).push(box.value);
    });
    return facets;
  }

  function apply(remember) {
    var facets = chosen();
    var names = Object.keys(facets);
    var shown = 0;
    items.forEach(function (item) {
      var match = names.every(function (name) {
        var values = (item.getAttribute("data-kb-" + name) || "").split(" ");
        return facets[name].some(function (value) { return values.indexOf(value) >= 0; });
      });
      item.hidden = !match;
      if (match) shown += 1;
    });
    count.textContent = count.getAttribute("data-kb-template")
      .replace("{shown}", shown).replace("{total}", items.length);
    empty.hidden = shown > 0;
    if (!remember) return;
    var query = names.map(function (name) {
      return encodeURIComponent(name) + "=" + facets[name].map(encodeURIComponent).join(",");
    }).join("&");
    try {
      window.history.replaceState(null, "", query ? "?" + query : window.location.pathname);
    } catch (error) {
      // some browsers refuse to change the address of a page opened from a file
    }
  }

  var params = new URLSearchParams(window.location.search);
  boxes.forEach(function (box) {
    box.checked = (params.get(box.name) || "").split(",").indexOf(box.value) >= 0;
  });
  var heading = document.querySelector(".md-content h1");
  if (heading) heading.parentNode.insertBefore(form, heading.nextSibling);
  form.hidden = false;
  if (boxes.some(function (box) { return box.checked; })) {
    form.querySelector("[data-kb-facets]").open = true;
  }
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.querySelector("[data-kb-clear]").addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = false; });
    apply(true);
  });
  apply(false);
})();
