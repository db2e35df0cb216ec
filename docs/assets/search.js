// The online search box (overrides/partials/kb-search.html). It costs a reader
// nothing until used: Pagefind's reader, its WebAssembly and the index are fetched
// from pagefind/ only when the box gets the focus or a search key (/, s, f) is
// pressed. Results show each page's title, organisation and summary (or an excerpt),
// filter by the catalogue's facets, and are announced in a status region.
(function () {
  "use strict";
  var box = document.querySelector("[data-kb-search]");
  if (!box) return;
  var input = box.querySelector("input");
  var panel = box.querySelector(".kb-search__panel");
  var status = box.querySelector("[data-kb-search-status]");
  var list = box.querySelector("[data-kb-search-results]");
  var more = box.querySelector("[data-kb-search-more]");
  var filtersBox = box.querySelector("[data-kb-search-filters]");
  var facetsBox = box.querySelector("[data-kb-search-facets]");
  var words = Object.assign(
    JSON.parse(box.getAttribute("data-kb-words")),
    JSON.parse(box.getAttribute("data-kb-labels") || "{}")
  );
  var bundle = new URL(box.getAttribute("data-kb-bundle"), window.location.href);
  var loading = null; // the promise of Pagefind, once asked for
  var chosen = {}; // facet name -> chosen label
  var shown = []; // the current search's results
  var count = 0;
  var PAGE = 8;
  var asked = 0; // the number of the newest search, to drop older answers

  function load() {
    if (!loading) {
      setStatus(words.initializer);
      loading = import(bundle.href)
        .then(function (pagefind) {
          // the language's own root: results then link from any page's depth
          return pagefind
            .options({ baseUrl: new URL("../", bundle).pathname, excerptLength: 24 })
            .then(function () {
              return pagefind;
            });
        })
      loading.then(
        function () {
          filtersBox.hidden = false;
          if (status.textContent === words.initializer) setStatus("");
        },
        function () {
          setStatus(words.unavailable);
        }
      );
    }
    return loading;
  }

  function setStatus(text) {
    status.textContent = text;
  }

  // The panel is shown and hidden; the field, a searchbox, carries no aria-expanded
  // (not allowed on that role): the status region says what the search found.
  function open() {
    panel.hidden = false;
  }

  function close() {
    panel.hidden = true;
  }

  // The filters' values (one file each) are fetched when a reader opens them.
  var filtersAsked = false;
  filtersBox.addEventListener("toggle", function () {
    if (!filtersBox.open || filtersAsked) return;
    filtersAsked = true;
    load()
      .then(function (pagefind) {
        return pagefind.filters();
      })
      .then(buildFilters, function () {
        setStatus(words.unavailable);
      });
  });

  function buildFilters(available) {
    var names = Object.keys(words.facets).filter(function (name) {
      return available[name] && Object.keys(available[name]).length;
    });
    names.forEach(function (name) {
      var id = "kb-search-facet-" + name;
      var label = document.createElement("label");
      label.setAttribute("for", id);
      label.textContent = words.facets[name];
      var select = document.createElement("select");
      select.id = id;
      select.name = name;
      var any = document.createElement("option");
      any.value = "";
      any.textContent = words.any;
      select.appendChild(any);
      Object.keys(available[name])
        .sort(function (a, b) {
          return a.localeCompare(b, document.documentElement.lang);
        })
        .forEach(function (value) {
          var option = document.createElement("option");
          option.value = value;
          option.textContent = value + " (" + available[name][value] + ")";
          select.appendChild(option);
        });
      select.addEventListener("change", function () {
        if (select.value) chosen[name] = select.value;
        else delete chosen[name];
        run();
      });
      var field = document.createElement("div");
      field.className = "kb-search__facet";
      field.appendChild(label);
      field.appendChild(select);
      facetsBox.appendChild(field);
    });
  }

  function countText(n) {
    if (n === 0) return words.none;
    if (n === 1) return words.one;
    return words.other.replace("#", String(n));
  }

  // Pagefind's excerpt is escaped text with <mark> around the words found: keep
  // exactly that, as text and mark elements (an inert template parses it).
  function excerpt(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var fragment = document.createDocumentFragment();
    template.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        fragment.appendChild(mark);
      } else {
        fragment.appendChild(document.createTextNode(node.textContent));
      }
    });
    return fragment;
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "kb-search__result";
    var link = document.createElement("a");
    link.href = data.url;
    link.className = "kb-search__title";
    link.textContent = (data.meta && data.meta.title) || data.url;
    li.appendChild(link);
    if (data.meta && data.meta.organisation) {
      var org = document.createElement("span");
      org.className = "kb-search__organisation";
      org.textContent = data.meta.organisation;
      li.appendChild(org);
    }
    var text = document.createElement("p");
    text.className = "kb-search__text";
    if (data.meta && data.meta.summary) text.textContent = data.meta.summary;
    else text.appendChild(excerpt(data.excerpt || ""));
    li.appendChild(text);
    return li;
  }

  function showMore() {
    var start = list.children.length;
    var next = shown.slice(start, start + PAGE);
    return Promise.all(
      next.map(function (result) {
        return result.data();
      })
    ).then(function (pages) {
      pages.forEach(function (data) {
        list.appendChild(item(data));
      });
      more.hidden = list.children.length >= shown.length;
      return pages.length;
    });
  }

  function run() {
    var term = input.value.trim();
    var filtered = Object.keys(chosen).length > 0;
    var number = ++asked;
    if (!term && !filtered) {
      shown = [];
      list.textContent = "";
      more.hidden = true;
      setStatus("");
      return Promise.resolve();
    }
    open();
    return load()
      .then(function (pagefind) {
        var filters = {};
        Object.keys(chosen).forEach(function (name) {
          filters[name] = chosen[name];
        });
        return pagefind.search(term || null, { filters: filters });
      })
      .then(function (search) {
        if (number !== asked || !search) return; // a newer search has started
        shown = search.results;
        count = shown.length;
        list.textContent = "";
        return showMore().then(function () {
          if (number === asked) setStatus(countText(count));
        });
      })
      .catch(function () {
        setStatus(words.unavailable);
      });
  }

  var timer = null;
  input.addEventListener("focus", function () {
    load();
    if (input.value.trim() || Object.keys(chosen).length) open();
  });
  input.addEventListener("input", function () {
    load();
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 200);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      window.clearTimeout(timer);
      run();
    } else if (event.key === "ArrowDown" && list.firstElementChild) {
      event.preventDefault();
      list.querySelector("a").focus();
    }
  });
  more.addEventListener("click", function () {
    var first = list.children.length;
    showMore().then(function () {
      var link = list.children[first] && list.children[first].querySelector("a");
      if (link) link.focus();
    });
  });
  list.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (at < 0) return;
    event.preventDefault();
    if (event.key === "ArrowUp" && at === 0) input.focus();
    else links[Math.min(links.length - 1, at + (event.key === "ArrowDown" ? 1 : -1))].focus();
  });
  box.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) {
      close();
      input.focus();
    }
  });
  box.addEventListener("focusout", function (event) {
    if (!box.contains(event.relatedTarget)) close();
  });
  document.addEventListener("click", function (event) {
    if (!box.contains(event.target)) close();
  });

  // Material's search keys: /, s and f, when no field has the focus.
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key !== "/" && event.key !== "s" && event.key !== "f") return;
    var target = event.target;
    if (
      target instanceof HTMLInputElement ||
      target instanceof HTMLTextAreaElement ||
      target instanceof HTMLSelectElement ||
      (target && target.isContentEditable)
    ) {
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    input.focus();
    input.select();
  });
})();
