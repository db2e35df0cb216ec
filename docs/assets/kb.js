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
// The page lists its first practices only; the whole list (practices/catalogue.js,
// which sets window.kbCatalogue) is loaded when a reader chooses a filter or asks
// for every practice, through a <script> element, which works from file:// too.
// Every value is written as text (textContent), never as markup.
(function () {
  "use strict";
  var form = document.querySelector("[data-kb-filters]");
  if (!form) return;
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
  var count = form.querySelector("[data-kb-count]");
  var empty = form.querySelector("[data-kb-empty]");
  var failed = form.querySelector("[data-kb-failed]");
  var showAll = form.querySelector("[data-kb-all]");
  var firstPage = document.querySelector(".md-content .kb-list");
  var pageParts = Array.prototype.slice.call(
    document.querySelectorAll(".md-content .kb-range, .md-content .kb-pager")
  );
  var onPage = firstPage ? firstPage.querySelectorAll("[data-kb-item]").length : 0;
  var template = count.getAttribute("data-kb-template");
  var results = null; // the list drawn from the data, once there is one
  var everything = false; // the reader asked for every practice
  var loading = null; // callbacks waiting for the data

  function say(shown, total) {
    count.textContent = template.replace("{shown}", shown).replace("{total}", total);
  }

  function total() {
    return window.kbCatalogue ? window.kbCatalogue.id.length
      : Number(form.getAttribute("data-kb-total"));
  }

  function load(then) {
    if (window.kbCatalogue) return then();
    if (loading) return loading.push(then);
    loading = [then];
    count.textContent = count.getAttribute("data-kb-loading");
    form.setAttribute("aria-busy", "true");
    var script = document.createElement("script");
    script.src = form.getAttribute("data-kb-source");
    script.onload = function () {
      form.removeAttribute("aria-busy");
      var waiting = loading;
      loading = null;
      if (!window.kbCatalogue) return script.onerror();
      waiting.forEach(function (callback) { callback(); });
    };
    script.onerror = function () {
      form.removeAttribute("aria-busy");
      loading = null;
      failed.hidden = false;
      say(onPage, total());
    };
    document.head.appendChild(script);
  }

  function chosen() {
    var facets = {};
    boxes.forEach(function (box) {
      if (box.checked) (facets[box.name] = facets[box.name] || []).push(box.value);
    });
    return facets;
  }

  // the data holds one list per field: the i-th practice is the i-th of each
  function matches(data, i, facets, names) {
    return names.every(function (name) {
      var values = (data.facets[name] || [])[i] || [];
      return facets[name].some(function (value) { return values.indexOf(value) >= 0; });
    });
  }

  // one item, as render.listing writes it: title link, summary, organisation and facts
  function item(data, i) {
    var li = document.createElement("li");
    li.setAttribute("lang", data.lang[i]);
    li.setAttribute("dir", data.dir[i]);
    li.setAttribute("data-kb-item", "");
    var link = document.createElement("a");
    link.setAttribute("href", encodeURIComponent(data.id[i]) + ".html");
    link.textContent = data.title[i];
    li.appendChild(link);
    li.appendChild(document.createElement("br"));
    li.appendChild(document.createTextNode(data.summary[i]));
    li.appendChild(document.createElement("br"));
    var meta = document.createElement("span");
    meta.className = "kb-meta";
    meta.textContent = [
      data.org[i],
      data.labels.organisation[data.type[i]],
      data.labels.evidence[data.evidence[i]]
    ].join(" · ");
    if (data.compiled[i]) {
      meta.appendChild(document.createTextNode(" · "));
      var note = document.createElement("span");
      note.className = "kb-compiled";
      note.textContent = data.labels.compiled;
      meta.appendChild(note);
    }
    li.appendChild(meta);
    return li;
  }

  function showFirstPage() {
    if (results) results.hidden = true;
    if (firstPage) firstPage.hidden = false;
    pageParts.forEach(function (part) { part.hidden = false; });
    if (showAll) showAll.hidden = false;
    empty.hidden = true;
    say(onPage, total());
  }

  function showMatches(facets, names) {
    var data = window.kbCatalogue;
    var list = document.createElement("ul");
    list.className = "kb-list";
    list.setAttribute("data-kb-results", "");
    var shown = 0;
    for (var i = 0; i < data.id.length; i += 1) {
      if (!matches(data, i, facets, names)) continue;
      list.appendChild(item(data, i));
      shown += 1;
    }
    if (results) {
      results.parentNode.replaceChild(list, results);
    } else if (firstPage) {
      firstPage.parentNode.insertBefore(list, firstPage);
    } else {
      form.parentNode.appendChild(list);
    }
    results = list;
    if (firstPage) firstPage.hidden = true;
    pageParts.forEach(function (part) { part.hidden = true; });
    if (showAll) showAll.hidden = true;
    empty.hidden = shown > 0;
    say(shown, data.id.length);
  }

  function apply(remember) {
    var facets = chosen();
    var names = Object.keys(facets);
    failed.hidden = true;
    if (names.length === 0 && !everything) {
      showFirstPage();
    } else {
      load(function () {
        var now = chosen();
        var nowNames = Object.keys(now);
        if (nowNames.length === 0 && !everything) showFirstPage();
        else showMatches(now, nowNames);
      });
    }
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
  if (showAll) {
    showAll.addEventListener("click", function () {
      everything = true;
      apply(false);
    });
  }
  form.querySelector("[data-kb-clear]").addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = false; });
    apply(true);
  });
  apply(false);
})();
