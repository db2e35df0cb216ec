/* The "Prepare an event" page (issue 17): the event sheet as a form.

   Its fields come from the Event model's JSON Schema and its messages from the
   validator, both put in the page at build time by scripts/practice_kb/guide/live.py
   (#kbl-data): nothing here names a field of the sheet, except the agenda, offered
   as a choice of the guide's agendas. It checks what a browser can check, writes the
   sheet as YAML for guide/events/, reads one back (js-yaml), and passes the values to
   the print sets and presenter view it opens (window.postMessage to the windows it
   opened; nothing leaves the device). The values are kept in localStorage only when
   the person ticks the box, and "Clear everything" removes them. */
(function () {
  "use strict";
  var root = document.getElementById("kbl");
  if (!root || root.getAttribute("data-kbl") !== "event") return;
  var data = JSON.parse(document.getElementById("kbl-data").textContent);
  var S = JSON.parse(document.getElementById("kbl-strings").textContent);
  var LABELS = JSON.parse(document.getElementById("kbl-labels").textContent);
  var schema = data.schema;
  var defs = schema.$defs || {};
  var STORE = "kbl-event";
  var form = document.getElementById("kbl-form");
  var opened = [];

  function $(id) { return document.getElementById(id); }
  function fmt(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (m, k) { return values && k in values ? values[k] : m; });
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function message(kind, values) {
    var pair = data.messages[kind];
    return fmt(pair[0], values) + "; " + fmt(pair[1], values);
  }
  function suggest(value, choices) {
    // as the validator's suggest(): names containing what was typed, else the list
    var wanted = String(value).toLowerCase().trim();
    var close = wanted ? choices.filter(function (c) { return c.toLowerCase().indexOf(wanted) >= 0; }).slice(0, 3) : [];
    if (close.length) {
      var quoted = close.map(function (c) { return "'" + c + "'"; });
      return "did you mean " + (quoted.length === 1 ? quoted[0] : quoted.slice(0, -1).join(", ") + " or " + quoted[quoted.length - 1]) + "?";
    }
    var listed = choices.join(", ");
    return listed.length < 200 ? "choose from: " + listed : "see the schema page for the choices";
  }

  /* ---------------------------------------------------------------- schema */
  function resolve(spec) {
    if (spec && spec.anyOf) {
      var given = spec.anyOf.filter(function (s) { return s.type !== "null"; })[0];
      return { spec: resolve(given).spec, optional: true };
    }
    if (spec && spec.$ref) return { spec: defs[spec.$ref.split("/").pop()], optional: false };
    return { spec: spec, optional: false };
  }
  function kindOf(name, spec) {
    if (name === "agenda") return "agenda";
    if (spec.type === "object") return "object";
    if (spec.type === "array") {
      var items = resolve(spec.items).spec;
      return items.type === "object" ? "list" : "tags";
    }
    if (spec.type === "boolean") return "boolean";
    if (spec.type === "integer") return "integer";
    if (spec.format === "date") return "date";
    if (spec["enum"]) return "choice";
    return "string";
  }
  function label(path) {
    return LABELS[path] || path;
  }

  /* ---------------------------------------------------------------- building */
  var counter = 0;
  function field(container, name, path, spec, required, prefix) {
    var r = resolve(spec);
    spec = r.spec;
    var kind = kindOf(name, spec);
    var key = prefix ? prefix + "." + name : name;
    if (kind === "object") {
      var set = el("fieldset", { "data-kbl-object": name });
      set.appendChild(el("legend", {}, label(path) + (required ? "" : " " + S["event.optional"])));
      build(set, spec, path, null);
      container.appendChild(set);
      return;
    }
    if (kind === "list") {
      var items = resolve(spec.items).spec;
      var wrap = el("div", { "data-kbl-list": name, "data-kbl-path": path });
      var add = el("button", { type: "button", "class": "md-button", "data-kbl-add": name }, fmt(S["event.add"], { what: label(path) }));
      add.addEventListener("click", function () { addItem(wrap, items, path, {}); check(); });
      container.appendChild(wrap);
      container.appendChild(el("p")).appendChild(add);
      return;
    }
    var id = "kbl-f-" + (++counter);
    var p = el("div", { "class": "kbl-field" });
    var input;
    if (kind === "boolean") {
      input = el("input", { type: "checkbox", id: id });
      var lab = el("label", { "for": id });
      lab.appendChild(input);
      lab.appendChild(el("span", {}, " " + label(path)));
      p.appendChild(lab);
    } else {
      p.appendChild(el("label", { "for": id }, label(path) + (required ? "" : " " + S["event.optional"])));
      if (kind === "agenda" || kind === "choice") {
        input = el("select", { id: id });
        input.appendChild(el("option", { value: "" }, S["event.choose"]));
        var options = kind === "agenda" ? data.agendas : data.vocabularies[spec["x-vocabulary"]] || {};
        Object.keys(options).forEach(function (value) { input.appendChild(el("option", { value: value }, options[value])); });
      } else if ((spec.maxLength || 0) > 300) {
        input = el("textarea", { id: id, rows: "3", dir: "auto" });
      } else {
        input = el("input", { type: "text", id: id, dir: kind === "string" ? "auto" : "ltr" });
        if (kind === "integer") input.setAttribute("inputmode", "numeric");
        if (kind === "date") { input.setAttribute("inputmode", "numeric"); input.setAttribute("placeholder", "YYYY-MM-DD"); }
      }
      p.appendChild(input);
    }
    var help = el("p", { "class": "kbl-help", id: id + "-help", lang: "en" }, spec.description || "");
    if (kind === "tags") help.textContent = S["event.languages_help"] + " " + (spec.description || "");
    var problem = el("p", { "class": "kbl-problem", id: id + "-problem", role: "status" });
    p.appendChild(help);
    p.appendChild(problem);
    input.setAttribute("aria-describedby", id + "-help " + id + "-problem");
    input.setAttribute("data-kbl-name", name);
    input.setAttribute("data-kbl-path", path);
    input.setAttribute("data-kbl-kind", kind);
    if (required) input.setAttribute("data-kbl-required", "true");
    if (spec.maxLength) input.setAttribute("data-kbl-max", String(spec.maxLength));
    if (spec.pattern) input.setAttribute("data-kbl-pattern", spec.pattern);
    if (spec["x-vocabulary"]) input.setAttribute("data-kbl-vocabulary", spec["x-vocabulary"]);
    input.setAttribute("data-kbl-description", spec.description || "");
    if ("default" in spec && spec["default"] !== null && kind !== "boolean") input.value = String(spec["default"]);
    if (kind === "boolean" && spec["default"] === true) input.checked = true;
    container.appendChild(p);
  }
  function build(container, spec, prefix, values) {
    var required = spec.required || [];
    Object.keys(spec.properties).forEach(function (name) {
      var sub = spec.properties[name];
      var path = prefix ? prefix + "." + name : name;
      field(container, name, path, sub, required.indexOf(name) >= 0 && !("default" in sub), prefix);
    });
    if (values) setValues(container, values);
  }
  function addItem(wrap, spec, path, values) {
    var number = wrap.querySelectorAll(":scope > fieldset").length + 1;
    var set = el("fieldset", { "data-kbl-item": path });
    set.appendChild(el("legend", {}, fmt(S["event.item"], { what: label(path), number: number })));
    build(set, spec, path, values);
    var remove = el("button", { type: "button", "class": "md-button" }, fmt(S["event.remove"], { what: label(path), number: number }));
    remove.addEventListener("click", function () { set.remove(); renumber(wrap, path); check(); });
    set.appendChild(el("p")).appendChild(remove);
    wrap.appendChild(set);
  }
  function renumber(wrap, path) {
    wrap.querySelectorAll(":scope > fieldset").forEach(function (set, i) {
      set.querySelector("legend").textContent = fmt(S["event.item"], { what: label(path), number: i + 1 });
      set.querySelector(":scope > p > button").textContent = fmt(S["event.remove"], { what: label(path), number: i + 1 });
    });
  }

  /* ---------------------------------------------------------------- values */
  function inputsOf(container) {
    // the fields of this level only, not of nested objects or list items
    return Array.prototype.filter.call(container.querySelectorAll("[data-kbl-name]"), function (input) {
      var owner = input.closest("fieldset[data-kbl-item], fieldset[data-kbl-object], form");
      return owner === container;
    });
  }
  function read(container) {
    var out = {};
    Array.prototype.forEach.call(container.children, function walk(node) {
      if (node.matches("fieldset[data-kbl-object]")) {
        var inner = read(node);
        if (Object.keys(inner).length) out[node.getAttribute("data-kbl-object")] = inner;
        return;
      }
      if (node.matches("[data-kbl-list]")) {
        var items = [];
        node.querySelectorAll(":scope > fieldset").forEach(function (set) { items.push(read(set)); });
        if (items.length) out[node.getAttribute("data-kbl-list")] = items;
        return;
      }
      Array.prototype.forEach.call(node.children, walk);
    });
    inputsOf(container).forEach(function (input) {
      var name = input.getAttribute("data-kbl-name");
      var kind = input.getAttribute("data-kbl-kind");
      if (kind === "boolean") { out[name] = input.checked; return; }
      var value = input.value.trim();
      if (value === "") return;
      if (kind === "tags") out[name] = value.split(",").map(function (v) { return v.trim(); }).filter(Boolean);
      else if (kind === "integer" && /^-?\d+$/.test(value)) out[name] = parseInt(value, 10);
      else out[name] = value;
    });
    return out;
  }
  function setValues(container, values) {
    values = values && typeof values === "object" ? values : {};
    inputsOf(container).forEach(function (input) {
      var name = input.getAttribute("data-kbl-name");
      var kind = input.getAttribute("data-kbl-kind");
      var value = values[name];
      if (kind === "boolean") { input.checked = value === true; return; }
      if (value === undefined || value === null) { input.value = kind === "integer" && input.getAttribute("data-kbl-default") ? input.value : ""; return; }
      if (kind === "tags" && Array.isArray(value)) input.value = value.join(", ");
      else if (kind === "agenda" || kind === "choice") {
        if (!Array.prototype.some.call(input.options, function (o) { return o.value === String(value); })) {
          input.appendChild(el("option", { value: String(value) }, String(value)));
        }
        input.value = String(value);
      } else input.value = value instanceof Date ? iso(value) : String(value);
    });
    container.querySelectorAll("fieldset[data-kbl-object]").forEach(function (set) {
      if (set.parentNode.closest("fieldset[data-kbl-item], fieldset[data-kbl-object], form") !== container) return;
      setValues(set, values[set.getAttribute("data-kbl-object")]);
    });
    container.querySelectorAll("[data-kbl-list]").forEach(function (wrap) {
      if (wrap.closest("fieldset[data-kbl-item], fieldset[data-kbl-object], form") !== container) return;
      var path = wrap.getAttribute("data-kbl-path");
      var name = wrap.getAttribute("data-kbl-list");
      while (wrap.firstChild) wrap.removeChild(wrap.firstChild);
      var spec = resolve(resolve(schema.properties[name] || {}).spec.items || {}).spec;
      (Array.isArray(values[name]) ? values[name] : []).forEach(function (item) { addItem(wrap, spec, path, item); });
    });
  }
  function iso(date) {
    return date.toISOString().slice(0, 10);
  }

  /* ---------------------------------------------------------------- checking */
  function validDate(text) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
    var d = new Date(text + "T00:00:00Z");
    return !isNaN(d) && iso(d) === text;
  }
  function today() {
    var d = new Date(Date.now());
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }
  function days(from, to) {
    return Math.round((Date.parse(to + "T00:00:00Z") - Date.parse(from + "T00:00:00Z")) / 86400000);
  }
  function problemsOf(input, sheet) {
    var kind = input.getAttribute("data-kbl-kind");
    var path = input.getAttribute("data-kbl-path");
    var name = input.getAttribute("data-kbl-name");
    var value = input.value.trim();
    var found = [];
    if (kind === "boolean") return found;
    var owner = input.closest("fieldset[data-kbl-item], fieldset[data-kbl-object]");
    var ownerEmpty = owner && owner.matches("fieldset[data-kbl-object]") && !Object.keys(read(owner)).length;
    if (value === "") {
      if (path === "referrals.last_checked") {
        var service = owner ? read(owner).service || "" : "";
        found.push(message("unchecked", { value: service }));
      } else if (input.getAttribute("data-kbl-required") && !ownerEmpty) {
        found.push(message("required", { field: name, description: input.getAttribute("data-kbl-description") || "" }));
      }
      return found;
    }
    var max = Number(input.getAttribute("data-kbl-max") || 0);
    if (max && value.length > max) found.push(message("too_long", { length: value.length, limit: max }));
    if (kind === "integer") {
      if (!/^-?\d+$/.test(value)) found.push(message("number", { value: value }));
      else if (data.bounds[name]) {
        var n = parseInt(value, 10);
        if (n < data.bounds[name][0] || n > data.bounds[name][1]) found.push(message(name, { value: n }));
      }
    }
    if (kind === "date") {
      if (!validDate(value)) found.push(message("date", { value: value }));
      else if (path === "date" && sheet.upcoming === true && value < today()) found.push(message("past", { value: value }));
      else if (path === "referrals.last_checked" && sheet.date && validDate(sheet.date)) {
        var gap = days(value, sheet.date);
        if (gap > data.fresh_days) found.push(message("stale", { value: (owner && read(owner).service) || "", days: gap }));
      }
    }
    if (kind === "tags") {
      var tags = value.split(",").map(function (v) { return v.trim(); }).filter(Boolean);
      if (!tags.length) found.push(message("too_few", {}));
      var pattern = new RegExp(data.language_pattern);
      tags.forEach(function (tag) { if (!pattern.test(tag)) found.push(message("language", { value: tag })); });
    }
    if (kind === "agenda") {
      var pattern2 = input.getAttribute("data-kbl-pattern");
      if (pattern2 && !new RegExp(pattern2).test(value)) found.push(message("id", { value: value, slug: slug(value) }));
      else if (!(value in data.agendas)) found.push(fmt(data.messages.agenda[0], { value: value }) + "; " + suggest(value, Object.keys(data.agendas)));
    }
    if (path === "panel.practice") {
      var pattern3 = input.getAttribute("data-kbl-pattern");
      if (pattern3 && !new RegExp(pattern3).test(value)) found.push(message("id", { value: value, slug: slug(value) }));
      else if (data.practices.indexOf(value) < 0) found.push(fmt(data.messages.practice[0], { value: value }) + "; " + suggest(value, data.practices));
    }
    if (kind === "choice") {
      var options = Array.prototype.map.call(input.options, function (o) { return o.value; }).filter(Boolean);
      var known = Object.keys(data.vocabularies[input.getAttribute("data-kbl-vocabulary")] || {});
      if (known.length && known.indexOf(value) < 0) found.push(message("choice", { value: value, choices: known.join(", ") }));
      else if (!known.length && options.indexOf(value) < 0) found.push(message("choice", { value: value, choices: options.join(", ") }));
    }
    return found;
  }
  function slug(text) {
    return String(text).toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }
  var problemCount = 0;
  var touched = [];
  var showAll = false;
  function check() {
    var sheet = read(form);
    var list = $("kbl-summary-list");
    while (list.firstChild) list.removeChild(list.firstChild);
    problemCount = 0;
    form.querySelectorAll("[data-kbl-name]").forEach(function (input) {
      var found = problemsOf(input, sheet);
      var box = $(input.id + "-problem");
      // beside a field once it has been touched (or the sheet was downloaded or opened)
      var shown = showAll || touched.indexOf(input) >= 0 ? found : [];
      box.textContent = shown.join(" ");
      if (shown.length) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
      found.forEach(function (text) {
        problemCount += 1;
        var item = el("li");
        var link = el("a", { href: "#" + input.id }, input.getAttribute("data-kbl-path"));
        item.appendChild(link);
        item.appendChild(document.createTextNode(": " + text));
        list.appendChild(item);
      });
    });
    $("kbl-summary-status").textContent = problemCount ? fmt(S["event.problems"], { count: problemCount }) : S["event.no_problems"];
    links(sheet);
    keep();
    return sheet;
  }

  /* ---------------------------------------------------------------- YAML out and in */
  function scalar(value) {
    if (typeof value === "boolean" || typeof value === "number") return String(value);
    if (typeof value === "string" && validDate(value)) return value;
    return JSON.stringify(String(value)); // a double-quoted YAML scalar
  }
  function yamlOf(value, indent) {
    var pad = new Array(indent + 1).join(" ");
    var lines = [];
    Object.keys(value).forEach(function (key) {
      var v = value[key];
      if (Array.isArray(v) && v.length && typeof v[0] === "object") {
        lines.push(pad + key + ":");
        v.forEach(function (item) {
          var inner = yamlOf(item, indent + 4).split("\n");
          inner[0] = pad + "  - " + inner[0].slice(indent + 4);
          lines.push(inner.join("\n"));
        });
      } else if (Array.isArray(v)) {
        lines.push(pad + key + ": [" + v.map(scalar).join(", ") + "]");
      } else if (v && typeof v === "object") {
        lines.push(pad + key + ":");
        lines.push(yamlOf(v, indent + 2));
      } else {
        lines.push(pad + key + ": " + scalar(v));
      }
    });
    return lines.join("\n");
  }
  function ordered(sheet) {
    // the schema's order, with its defaults written out where the form kept them
    var out = {};
    Object.keys(schema.properties).forEach(function (name) { if (name in sheet) out[name] = sheet[name]; });
    return out;
  }
  function exportYaml() {
    showAll = true;
    var sheet = check();
    if (problemCount) {
      $("kbl-export-status").textContent = S["event.blocked"];
      $("kbl-summary").focus();
      return;
    }
    var text = "# Event sheet written by the Prepare an event page. Check it with `kb validate`.\n" + yamlOf(ordered(sheet), 0) + "\n";
    var name = (sheet.agenda || "event") + "-" + (sheet.date || "sheet") + ".yml";
    var blob = new Blob([text], { type: "text/yaml;charset=utf-8" });
    var link = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    $("kbl-export-status").textContent = fmt(S["event.exported"], { name: name });
  }
  function plain(value) {
    if (value instanceof Date) return iso(value);
    if (Array.isArray(value)) return value.map(plain);
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (k) { out[k] = plain(value[k]); });
      return out;
    }
    return value;
  }
  function importFile(file) {
    file.text().then(function (text) {
      var loaded;
      try {
        loaded = plain(window.jsyaml.load(text));
      } catch (error) {
        $("kbl-import-status").textContent = fmt(S["event.import_failed"], { name: file.name, error: error.message });
        return;
      }
      setValues(form, loaded || {});
      showAll = true;
      check();
      $("kbl-import-status").textContent = fmt(S["event.imported"], { name: file.name });
    });
  }

  /* ---------------------------------------------------------------- the windows it fills */
  var linked = null;
  function links(sheet) {
    var list = $("kbl-open");
    var agenda = sheet.agenda && sheet.agenda in data.agendas ? sheet.agenda : "";
    if (agenda === linked) return; // the same links: never redrawn under a click
    linked = agenda;
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!agenda) { list.appendChild(el("li", {}, S["event.choose_agenda"])); return; }
    var targets = [[agenda + "/presenter.html", S["event.presenter"]]];
    data.sets.forEach(function (set) { targets.push(["../guide/" + agenda + "/" + set.slug + ".html", set.title]); });
    targets.forEach(function (t) {
      var item = el("li");
      var a = el("a", { href: t[0], target: "_blank", "data-kbl-open": "" }, t[1]);
      item.appendChild(a);
      list.appendChild(item);
    });
  }
  $("kbl-open").addEventListener("click", function (e) {
    var a = e.target.closest("a[data-kbl-open]");
    if (!a) return;
    e.preventDefault();
    var win = window.open(a.href, "_blank");
    if (win) opened.push(win);
  });
  window.addEventListener("message", function (e) {
    var m = e.data;
    if (!m || m.kbl !== "want-event" || opened.indexOf(e.source) < 0) return;
    e.source.postMessage({ kbl: "event", event: ordered(read(form)) }, "*");
  });

  /* ---------------------------------------------------------------- keeping on the device */
  function storage() {
    try { return window.localStorage; } catch (err) { return null; }
  }
  function keep() {
    var store = storage();
    if (!store) return;
    if ($("kbl-keep").checked) store.setItem(STORE, JSON.stringify(read(form)));
  }
  $("kbl-keep").addEventListener("change", function () {
    var store = storage();
    if (this.checked) { keep(); $("kbl-keep-status").textContent = S["event.kept"]; }
    else { if (store) store.removeItem(STORE); $("kbl-keep-status").textContent = S["event.not_kept"]; }
  });
  $("kbl-clear").addEventListener("click", function () {
    var store = storage();
    if (store) store.removeItem(STORE);
    $("kbl-keep").checked = false;
    while (form.firstChild) form.removeChild(form.firstChild);
    build(form, schema, "", null);
    touched = [];
    showAll = false;
    check();
    $("kbl-keep-status").textContent = S["event.cleared"];
  });

  /* ---------------------------------------------------------------- start */
  build(form, schema, "", null);
  var store = storage();
  var kept = store && store.getItem(STORE);
  if (kept) {
    try { setValues(form, JSON.parse(kept)); $("kbl-keep").checked = true; showAll = true; } catch (err) { store.removeItem(STORE); }
  }
  var touch = function (e) {
    if (e.target && e.target.hasAttribute("data-kbl-name") && touched.indexOf(e.target) < 0) touched.push(e.target);
    check();
  };
  form.addEventListener("input", touch);
  form.addEventListener("change", touch);
  form.addEventListener("focusout", touch);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  $("kbl-export").addEventListener("click", exportYaml);
  $("kbl-import-file").addEventListener("change", function () { if (this.files[0]) importFile(this.files[0]); this.value = ""; });
  check();
})();
