/* The evaluation and the follow-up pack (issue 17), pages of scripts/practice_kb/guide/live.py.

   - live/evaluation.html: a facilitator types in the answers of each paper form; they
     stay in this tab (a variable: nothing is saved, nothing is sent) and are exported
     as CSV and JSON files on the device.
   - live/<agenda>/follow-up.html: the commitment themes typed in go into the pack on
     the page, to print; lines that look like an email address or a phone number are
     pointed out. Nothing is saved or sent. */
(function () {
  "use strict";
  var root = document.getElementById("kbl");
  if (!root) return;
  var role = root.getAttribute("data-kbl");
  var S = JSON.parse(document.getElementById("kbl-strings").textContent);
  function $(id) { return document.getElementById(id); }
  function fmt(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (m, k) { return values && k in values ? values[k] : m; });
  }
  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function save(name, text, type) {
    var blob = new Blob([text], { type: type });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  if (role === "evaluation") {
    var data = JSON.parse(document.getElementById("kbl-data").textContent);
    var questions = data.questions;
    var forms = [];
    var form = $("kbl-eval-form");
    var dirty = false;

    var answer = function (q) {
      if (q.scale.length) {
        var checked = form.querySelector('input[name="' + q.id + '"]:checked');
        return checked && checked.value ? Number(checked.value) : null;
      }
      var text = form.querySelector('[name="' + q.id + '"]').value.trim();
      return text || null;
    };
    var shown = function (q, value) {
      if (value === null || value === undefined) return "";
      return q.scale.length ? value + " " + q.scale[value - 1] : value;
    };
    var draw = function () {
      $("kbl-eval-count").textContent = fmt(S["eval.count"], { count: forms.length });
      var box = $("kbl-eval-table");
      while (box.firstChild) box.removeChild(box.firstChild);
      if (!forms.length) return;
      var table = el("table");
      var head = el("tr");
      head.appendChild(el("th", S["eval.form"])).setAttribute("scope", "col");
      questions.forEach(function (q, i) { head.appendChild(el("th", "Q" + (i + 1))).setAttribute("scope", "col"); });
      table.appendChild(el("thead")).appendChild(head);
      var body = el("tbody");
      forms.forEach(function (f, n) {
        var row = el("tr");
        row.appendChild(el("th", String(n + 1))).setAttribute("scope", "row");
        questions.forEach(function (q) { row.appendChild(el("td", shown(q, f[q.id]))); });
        body.appendChild(row);
      });
      table.appendChild(body);
      box.appendChild(table);
    };
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var record = {};
      questions.forEach(function (q) { record[q.id] = answer(q); });
      forms.push(record);
      dirty = true;
      form.reset();
      $("kbl-eval-status").textContent = fmt(S["eval.added"], { number: forms.length });
      draw();
      var first = form.querySelector("input, textarea");
      if (first) first.focus();
    });
    var csvCell = function (value) {
      if (value === null || value === undefined) return "";
      var text = String(value);
      if (/^[=+\-@\t\r]/.test(text)) text = "'" + text; // never a formula in a spreadsheet
      return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    };
    $("kbl-eval-csv").addEventListener("click", function () {
      var lines = [["form"].concat(questions.map(function (q) { return q.id; })).join(",")];
      forms.forEach(function (f, n) {
        lines.push([String(n + 1)].concat(questions.map(function (q) { return csvCell(f[q.id]); })).join(","));
      });
      save("evaluation.csv", "\ufeff" + lines.join("\r\n") + "\r\n", "text/csv;charset=utf-8");
      dirty = false;
      $("kbl-eval-status").textContent = fmt(S["eval.exported"], { name: "evaluation.csv" });
    });
    $("kbl-eval-json").addEventListener("click", function () {
      var out = {
        questions: questions.map(function (q) { return { id: q.id, text: q.text, aim: q.aim, scale: q.scale }; }),
        forms: forms
      };
      save("evaluation.json", JSON.stringify(out, null, 2) + "\n", "application/json");
      dirty = false;
      $("kbl-eval-status").textContent = fmt(S["eval.exported"], { name: "evaluation.json" });
    });
    $("kbl-eval-clear").addEventListener("click", function () {
      forms = [];
      dirty = false;
      draw();
      $("kbl-eval-status").textContent = S["eval.cleared"];
    });
    window.addEventListener("beforeunload", function (e) {
      if (dirty && forms.length) { e.preventDefault(); e.returnValue = ""; }
    });
    draw();
    return;
  }

  if (role === "follow-up") {
    var themes = $("kbl-follow-themes");
    var list = $("kbl-pack-themes");
    var warning = $("kbl-follow-warning");
    var EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;
    var PHONE = /(\+?\d[\d\s().-]{6,}\d)/;
    var update = function () {
      var lines = themes.value.split("\n").map(function (l) { return l.trim(); });
      while (list.firstChild) list.removeChild(list.firstChild);
      var flagged = [];
      lines.forEach(function (line, i) {
        if (!line) return;
        if (EMAIL.test(line) || PHONE.test(line)) { flagged.push(i + 1); return; }
        list.appendChild(el("li", line));
      });
      if (!list.firstChild) list.appendChild(el("li", S["follow.no_themes"]));
      warning.textContent = flagged.map(function (n) { return fmt(S["follow.warning"], { line: n }); }).join(" ");
      var date = $("kbl-follow-date").value;
      $("kbl-pack-date").textContent = date ? fmt(S["follow.session_date"], { date: date }) : "";
    };
    themes.addEventListener("input", update);
    $("kbl-follow-date").addEventListener("input", update);
    $("kbl-follow-print").addEventListener("click", function () { window.print(); });
    update();
  }
})();
