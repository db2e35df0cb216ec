// "Write a practice": checks the form as the person types and writes the practice file.
//
// Everything it knows comes from the page's data (#kbw-data), generated at build time
// from the model (scripts/practice_kb/contribute/contribute_form.py): the JSON Schema, the
// vocabularies, the template's layout, the patterns of the validator's checks and the
// validator's own messages. Nothing typed here is sent anywhere; a draft is kept in
// this browser only when the person ticks the box that says so.
(function () {
  "use strict";
  var root = document.getElementById("kbw");
  if (!root) return;
  var D = JSON.parse(document.getElementById("kbw-data").textContent);
  var S = D.strings;
  var M = D.messages;
  var schema = D.schema;
  var form = document.getElementById("kbw-form");
  var DRAFT = "kb-write-draft";
  var PLACEHOLDER = D.patterns.placeholder;
  var touched = {};
  var showAll = false;
  var idEdited = false;
  var problems = [];

  function regex(spec, extra) {
    return new RegExp(spec.source, spec.flags + (extra || ""));
  }
  var P = {};
  Object.keys(D.patterns).forEach(function (name) {
    var spec = D.patterns[name];
    if (spec && spec.source !== undefined) P[name] = regex(spec);
  });

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  function today() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  // -------------------------------------------------------------------------
  // The schema
  // -------------------------------------------------------------------------

  function inner(spec) {
    if (spec && spec.anyOf) {
      for (var i = 0; i < spec.anyOf.length; i++) {
        if (spec.anyOf[i].type !== "null") return spec.anyOf[i];
      }
    }
    return spec || {};
  }

  function definition(ref) {
    return schema.$defs[ref.split("/").pop()];
  }

  function describe(spec) {
    var s = inner(spec);
    return spec.description || (s.$ref && definition(s.$ref).description) || "";
  }

  function vocabularyOf(spec) {
    var s = inner(spec);
    return s["x-vocabulary"] || (s.items && s.items["x-vocabulary"]) || "";
  }

  // -------------------------------------------------------------------------
  // Reading the form into data, and writing data into the form
  // -------------------------------------------------------------------------

  function control(path) {
    return form.querySelector('[data-kbw-path="' + path + '"]');
  }

  function rowsOf(name) {
    return Array.prototype.slice.call(
      form.querySelector('[data-kbw-rows="' + name + '"]').children
    );
  }

  function numberRow(row, index) {
    row.querySelectorAll("*").forEach(function (element) {
      ["id", "for", "aria-describedby", "data-kbw-path", "data-kbw-problems"].forEach(function (a) {
        var original = element.getAttribute("data-kbw-original-" + a) || element.getAttribute(a);
        if (original && original.indexOf("#") >= 0) {
          element.setAttribute("data-kbw-original-" + a, original);
          element.setAttribute(a, original.split("#").join(String(index)));
        }
      });
    });
  }

  function addRow(name) {
    var template = form.querySelector('[data-kbw-template="' + name + '"]');
    var row = template.content.firstElementChild.cloneNode(true);
    form.querySelector('[data-kbw-rows="' + name + '"]').appendChild(row);
    numberRow(row, rowsOf(name).length - 1);
    return row;
  }

  function renumber(name) {
    rowsOf(name).forEach(numberRow);
  }

  function readValue(path, spec) {
    var s = inner(spec);
    if (s.$ref) {
      var def = definition(s.$ref);
      var object = {};
      var any = false;
      Object.keys(def.properties).forEach(function (part) {
        var value = readValue(path + "." + part, def.properties[part]);
        if (value !== undefined) {
          object[part] = value;
          any = true;
        }
      });
      return any ? object : undefined;
    }
    if (s.type === "array" && s.items && s.items.$ref) {
      var items = [];
      rowsOf(path).forEach(function (row, index) {
        var value = readValue(path + "." + index, s.items);
        if (value !== undefined) items.push(value);
      });
      return items.length ? items : undefined;
    }
    var element = control(path);
    if (!element) return undefined;
    var kind = element.getAttribute("data-kbw-kind");
    if (kind === "choices") {
      // in the order given (an imported file's, or the order of ticking)
      var chosen = JSON.parse(element.getAttribute("data-kbw-order") || "[]");
      return chosen.length ? chosen : undefined;
    }
    if (kind === "boolean") return element.checked ? true : undefined;
    var text = element.value.trim();
    if (!text) return undefined;
    if (kind === "list") return text.split(/[\s,]+/).filter(Boolean);
    if (kind === "map") {
      var map = {};
      text.split("\n").forEach(function (line) {
        var at = line.indexOf(":");
        if (line.trim()) map[(at >= 0 ? line.slice(0, at) : line).trim()] = at >= 0 ? line.slice(at + 1).trim() : "";
      });
      return map;
    }
    if (kind === "integer") return /^-?\d+$/.test(text) ? parseInt(text, 10) : text;
    return text;
  }

  function leftOut() {
    var provenance = control("provenance");
    return D.left_out_by_provenance[provenance ? provenance.value : ""] || [];
  }

  function read() {
    var data = {};
    var skipped = leftOut();
    Object.keys(schema.properties).forEach(function (name) {
      if (skipped.indexOf(name) >= 0) return;  // not in an entry of this provenance
      var value = readValue(name, schema.properties[name]);
      if (value !== undefined) data[name] = value;
    });
    var sections = {};
    D.sections.forEach(function (section) {
      sections[section.key] = control("body." + section.key).value.trim();
    });
    return { data: data, sections: sections };
  }

  function asDate(value) {
    if (value instanceof Date && !isNaN(value)) return value.toISOString().slice(0, 10);
    return value;
  }

  function writeValue(path, spec, value) {
    var s = inner(spec);
    if (s.$ref) {
      var def = definition(s.$ref);
      Object.keys(def.properties).forEach(function (part) {
        var given = value && typeof value === "object" ? value[part] : undefined;
        writeValue(path + "." + part, def.properties[part], given);
      });
      return;
    }
    if (s.type === "array" && s.items && s.items.$ref) {
      var holder = form.querySelector('[data-kbw-rows="' + path + '"]');
      holder.textContent = "";
      (Array.isArray(value) ? value : []).forEach(function (item, index) {
        addRow(path);
        writeValue(path + "." + index, s.items, item);
      });
      return;
    }
    var element = control(path);
    if (!element) return;
    var kind = element.getAttribute("data-kbw-kind");
    if (kind === "choices") {
      var values = Array.isArray(value) ? value.map(String) : value ? [String(value)] : [];
      element.querySelectorAll("input").forEach(function (box) {
        box.checked = values.indexOf(box.value) >= 0;
      });
      element.setAttribute("data-kbw-order", JSON.stringify(values));
      return;
    }
    if (kind === "boolean") {
      element.checked = value === true;
      return;
    }
    if (value === undefined || value === null) {
      element.value = "";
    } else if (kind === "list") {
      element.value = (Array.isArray(value) ? value : [value]).join(" ");
    } else if (kind === "map") {
      element.value = typeof value === "object"
        ? Object.keys(value).map(function (k) { return k + ": " + value[k]; }).join("\n")
        : String(value);
    } else if (kind === "choice" && !element.querySelector('option[value="' + CSS.escape(String(value)) + '"]')) {
      // a value outside the vocabulary, from an imported file: keep it to report it
      var option = document.createElement("option");
      option.value = option.textContent = String(value);
      element.appendChild(option);
      element.value = String(value);
    } else {
      element.value = String(asDate(value));
    }
  }

  function write(data, sections) {
    Object.keys(schema.properties).forEach(function (name) {
      writeValue(name, schema.properties[name], data[name]);
    });
    D.sections.forEach(function (section) {
      control("body." + section.key).value = (sections && sections[section.key]) || "";
    });
    idEdited = Boolean(data.id) && data.id !== slug(String(data.title || ""));
  }

  // -------------------------------------------------------------------------
  // Checks, in the validator's words
  // -------------------------------------------------------------------------

  function similarity(a, b) {
    function matching(x, y) {
      if (!x.length || !y.length) return 0;
      var best = 0, bx = 0, by = 0;
      for (var i = 0; i < x.length; i++) {
        for (var j = 0; j < y.length; j++) {
          var k = 0;
          while (i + k < x.length && j + k < y.length && x[i + k] === y[j + k]) k++;
          if (k > best) { best = k; bx = i; by = j; }
        }
      }
      if (!best) return 0;
      return best + matching(x.slice(0, bx), y.slice(0, by)) +
        matching(x.slice(bx + best), y.slice(by + best));
    }
    return (2 * matching(a, b)) / (a.length + b.length || 1);
  }

  function quoted(text) {
    return text.indexOf("'") >= 0 && text.indexOf('"') < 0 ? '"' + text + '"' : "'" + text + "'";
  }

  function suggest(value, choices) {
    var wanted = String(value).toLowerCase().trim();
    var close = choices.filter(function (c) { return wanted && c.toLowerCase().indexOf(wanted) >= 0; }).slice(0, 3);
    if (!close.length) {
      var best = null, score = 0.6;
      choices.forEach(function (c) {
        var s = similarity(wanted, c);
        if (s >= score) { best = c; score = s; }
      });
      if (best) close = [best];
    }
    if (close.length) {
      var q = close.map(quoted);
      var listed = q.length === 1 ? q[0] : q.slice(0, -1).join(", ") + " or " + q[q.length - 1];
      return fill(M.suggest_close, { choices: listed });
    }
    var all = choices.join(", ");
    return all.length < 200 ? fill(M.suggest_none, { choices: all }) : "";
  }

  function add(found, path, pair, values, hint) {
    found.push({
      path: path,
      message: fill(pair[0], values || {}),
      hint: hint !== undefined ? hint : fill(pair[1] || "", values || {}),
    });
  }

  function checkUrl(value) {
    var match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(value);
    return Boolean(match) && /^https?$/i.test(match[1]) && match[2].length > 0 &&
      !/[\s<>"'`\\]/.test(value);
  }

  function checkLanguage(value) {
    if (!P.language.test(value)) return false;
    var first = value.split("-")[0];
    return first.length === 3 || D.language_codes.indexOf(first) >= 0;
  }

  function checkValue(found, path, value, spec) {
    var s = inner(spec);
    if (s.$ref) {
      var def = definition(s.$ref);
      (def.required || []).forEach(function (part) {
        if (value[part] === undefined) {
          add(found, path + "." + part, M.required, {}, describe(def.properties[part]));
        }
      });
      Object.keys(value).forEach(function (part) {
        if (def.properties[part]) checkValue(found, path + "." + part, value[part], def.properties[part]);
      });
      return;
    }
    var vocab = vocabularyOf(spec);
    var fieldName = path.replace(/\.\d+/g, "");
    if (s.type === "array") {
      if (!Array.isArray(value)) return;
      if (s.minItems && value.length < s.minItems) add(found, path, M.too_few);
      var seen = {};
      value.forEach(function (item, index) {
        if (seen[item] && typeof item === "string") add(found, path, M.twice, { value: item });
        seen[item] = true;
        if (s.items && s.items.$ref) {
          checkValue(found, path + "." + index, item, s.items);
        } else {
          checkValue(found, path, item, s.items || {});
        }
      });
      return;
    }
    if (s.type === "object" && s.additionalProperties) {
      Object.keys(value).forEach(function (key) {
        if (!checkLanguage(key)) add(found, path, M.language, { value: key });
        checkValue(found, path, value[key], s.additionalProperties);
      });
      return;
    }
    if (vocab && s.enum) {
      if (s.enum.indexOf(value) < 0) {
        var message = M.vocabulary[fieldName] || M.vocabulary[path] || "'{value}'";
        add(found, path, [message, ""], { value: value }, suggest(value, s.enum));
      }
      return;
    }
    if (s.type === "integer") {
      if (typeof value !== "number" || value < s.minimum || value > s.maximum) {
        add(found, path, M.year, { value: value });
      }
      return;
    }
    if (s.format === "date") {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(String(asDate(value)))) {
        add(found, path, M.date, { value: quoted(String(value)) });
      } else if (asDate(value) > today()) {
        add(found, path, M.future, { value: asDate(value), today: today() });
      }
      return;
    }
    if (s.const === true) {
      if (value !== true) add(found, path, M.must_be_true);
      return;
    }
    if (typeof value !== "string") return;
    var length = Array.from(value).length;
    if (s.minLength && length < s.minLength) add(found, path, M.empty);
    if (s.maxLength && length > s.maxLength) {
      add(found, path, M.too_long, { length: length, limit: s.maxLength });
    }
    if (s.pattern === D.patterns.id.source) {
      if (!P.id.test(value)) {
        add(found, path, M.id, { value: value, slug: slug(value) || "peer-support-network" });
      } else if (s.not && s.not.enum && s.not.enum.indexOf(value) >= 0) {
        add(found, path, M.id_reserved, { value: value });
      }
    } else if (s.format === "uri") {
      if (!checkUrl(value)) add(found, path, M.url, { value: value });
    } else if (s.pattern === D.patterns.language.source) {
      if (!checkLanguage(value)) add(found, path, M.language, { value: value });
    } else if (s.pattern === "^[A-Z]{2}$") {
      if (D.countries.indexOf(value) < 0) add(found, path, M.country, { value: value });
    } else if (fieldName === "contact") {
      // the model's contact rule: a role mailbox, or a web form's address
      if (!P.email_contact.test(value) && !checkUrl(value)) add(found, path, M.contact, { value: value });
    }
  }

  function htmlProblems(value) {
    var found = [];
    if (!P.suspect.test(value)) return found;
    var plain = unescapeHtml(unescapeHtml(value));
    var squeezed = unescapeHtml(plain).replace(/[\s\x00-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]+/g, "").toLowerCase();
    var tags = regex(D.patterns.tag, "g");
    var match;
    while ((match = tags.exec(plain))) {
      var name = match[1].toLowerCase().replace(/>+$/, "");
      var attributes = (match[2].match(regex(D.patterns.attribute, "g")) || []).map(function (a) {
        return a.split("=")[0].toLowerCase();
      });
      if (name.charAt(0) === "!") found.push([M.markup.comment, {}]);
      else if (D.patterns.allowed_tags.indexOf(name) < 0) found.push([M.markup.tag, { value: name }]);
      else if (attributes.some(function (a) { return a !== "title"; })) found.push([M.markup.attributes, { value: name }]);
    }
    if (P.handler.test(plain) || /\bon[a-z]+=/.test(squeezed)) found.push([M.markup.handler, {}]);
    if (P.scheme.test(squeezed)) found.push([M.markup.scheme, {}]);
    if (P.attr_list.test(plain)) found.push([M.markup.attr_list, {}]);
    return found;
  }

  function unescapeHtml(text) {
    if (text.indexOf("&") < 0) return text;
    var parsed = new DOMParser().parseFromString(
      "<!doctype html><body>" + text.replace(/</g, "&lt;"), "text/html");
    return parsed.body.textContent;
  }

  function privacyProblems(value) {
    var found = [];
    if (value.indexOf("@") >= 0) {
      (value.match(regex(D.patterns.email, "g")) || []).forEach(function (address) {
        var local = address.split("@")[0].toLowerCase();
        var role = local.split(/[._+-]/).some(function (part) { return D.patterns.role_words.indexOf(part) >= 0; });
        if (!role) found.push([M.privacy.email, { value: address }]);
      });
    }
    var phones = regex(D.patterns.phone, "g");
    var match;
    while ((match = phones.exec(value))) {
      var number = match[0].trim();
      var digits = (number.match(/\d/g) || []).length;
      var before = value.slice(Math.max(0, match.index - 8), match.index).toLowerCase();
      if (P.date_like.test(number) || before.indexOf("isbn") >= 0 || before.indexOf("doi") >= 0) continue;
      if (digits >= 9 || (number.charAt(0) === "+" && digits >= 8)) {
        found.push([M.privacy.phone, { value: number }]);
      }
    }
    return found;
  }

  function textProblems(found, path, value, isUrl) {
    if (value.indexOf(PLACEHOLDER) >= 0) {
      add(found, path, path.indexOf("body.") === 0 ? M.placeholder_body : M.placeholder);
    }
    htmlProblems(value).concat(isUrl ? [] : privacyProblems(value)).forEach(function (pair) {
      add(found, path, pair[0], pair[1]);
    });
  }

  function eachString(value, path, callback) {
    if (typeof value === "string") callback(path, value);
    else if (Array.isArray(value)) {
      value.forEach(function (item, index) {
        eachString(item, typeof item === "object" ? path + "." + index : path, callback);
      });
    } else if (value && typeof value === "object") {
      Object.keys(value).forEach(function (key) {
        eachString(value[key], path ? path + "." + key : key, callback);
      });
    }
  }

  function entryLanguage(data) {
    var lang = String(data.language || "en").split("-")[0];
    return D.languages.indexOf(lang) >= 0 ? lang : "en";
  }

  function validate(state) {
    var data = state.data, found = [];
    var provenance = data.provenance;
    var required = schema.required.concat(D.required_by_provenance[provenance] || []);
    Object.keys(schema.properties).forEach(function (name) {
      if (data[name] === undefined) {
        if (required.indexOf(name) < 0) return;
        if (name === "consent") add(found, name, M.submitted_consent);
        else if (name === "sources" && provenance === "compiled") add(found, name, M.compiled_sources);
        else add(found, name, M.required, {}, describe(schema.properties[name]));
        return;
      }
      if ((D.left_out_by_provenance[provenance] || []).indexOf(name) >= 0) {
        add(found, name, M.compiled_consent);
        return;
      }
      checkValue(found, name, data[name], schema.properties[name]);
    });
    if (data.submitted && data.last_reviewed && asDate(data.last_reviewed) < asDate(data.submitted)) {
      add(found, "last_reviewed", M.date_order, { value: asDate(data.last_reviewed), submitted: asDate(data.submitted) });
    }
    var years = data.years;
    if (years && typeof years.start === "number" && typeof years.end === "number" && years.end < years.start) {
      add(found, "years.end", M.year_order, { end: years.end, start: years.start });
    }
    if (D.evaluated.indexOf(data.evidence) >= 0 &&
        !(data.sources || []).some(function (s) { return s && s.evaluation === true; })) {
      add(found, "evidence", M.evaluation, { value: data.evidence });
    }
    eachString(data, "", function (path, value) {
      textProblems(found, path, value, /\.url$/.test(path));
    });
    var lang = entryLanguage(data);
    D.sections.forEach(function (section) {
      var path = "body." + section.key;
      var text = state.sections[section.key];
      if (!text) {
        add(found, path, M.section_empty, {
          label: section.labels[lang], description: section.description[lang] });
      } else {
        textProblems(found, path, text.replace(/\n/g, " "), false);
      }
    });
    return found;
  }

  // -------------------------------------------------------------------------
  // Showing the problems
  // -------------------------------------------------------------------------

  function fieldLabel(path) {
    var bare = path.replace(/\.\d+/g, "");
    if (bare.indexOf("body.") === 0) {
      var key = bare.slice(5);
      var section = D.sections.filter(function (s) { return s.key === key; })[0];
      return section ? section.labels[D.lang] : bare;
    }
    return D.field_labels[bare] || bare;
  }

  function target(path) {
    var element = control(path) ||
      form.querySelector('[data-kbw-group="' + path + '"]') ||
      form.querySelector('[data-kbw-list="' + path + '"]');
    if (!element && path.indexOf(".") > 0) return target(path.slice(0, path.lastIndexOf(".")));
    return element;
  }

  function holderOf(path) {
    var holder = form.querySelector('[data-kbw-problems="' + path + '"]');
    if (!holder && path.indexOf(".") > 0) return holderOf(path.slice(0, path.lastIndexOf(".")));
    return holder;
  }

  function line(problem) {
    return problem.message + (problem.hint ? "; " + problem.hint : "");
  }

  function show() {
    var skipped = leftOut();
    Object.keys(schema.properties).forEach(function (name) {
      var group = target(name);
      if (group) group.closest(".kbw-field, fieldset").hidden = skipped.indexOf(name) >= 0;
    });
    var state = read();
    problems = validate(state);
    form.querySelectorAll("[data-kbw-problems]").forEach(function (ul) { ul.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    var list = document.getElementById("kbw-report-list");
    list.textContent = "";
    problems.forEach(function (problem) {
      var element = target(problem.path);
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + (element ? element.id : "kbw-form");
      link.textContent = fieldLabel(problem.path);
      var words = document.createElement("span");
      words.className = "kbw-message";
      words.lang = "en";
      words.dir = "ltr";
      words.textContent = line(problem);
      link.appendChild(words);
      item.appendChild(link);
      list.appendChild(item);
      var path = problem.path;
      if (showAll || touched[path] || touched[path.split(".")[0]]) {
        var holder = holderOf(path);
        if (holder) {
          var li = document.createElement("li");
          li.lang = "en";
          li.dir = "ltr";
          li.textContent = line(problem);
          holder.appendChild(li);
        }
        if (element) element.setAttribute("aria-invalid", "true");
      }
    });
    document.getElementById("kbw-report-status").textContent = problems.length
      ? fill(S.summary_count, { count: problems.length })
      : S.summary_none;
    document.getElementById("kbw-report").classList.toggle("kbw-clean", !problems.length);
    var text = fileText(state);
    document.getElementById("kbw-output").value = text;
    updateGithub(state, text);
    document.getElementById("kbw-blocked").hidden = !blocked();
    keepDraft(state);
    return state;
  }

  function blocked() {
    return problems.length > 0 && !document.getElementById("kbw-override").checked;
  }

  // -------------------------------------------------------------------------
  // The file, as the template writes it
  // -------------------------------------------------------------------------

  var RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i;
  var NUMBER = /^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?$|^[-+]?\.(?:inf|nan)$|^0[xob]/i;

  function scalar(value, isDate) {
    if (typeof value === "boolean") return value ? "true" : "false";
    if (typeof value === "number") return String(value);
    var text = String(asDate(value));
    if (isDate && /^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
    var plain = text.length > 0 && text === text.trim() &&
      !/^[-?:,\[\]{}#&*!|>'"%@`]/.test(text) && !/: |\s#|:$/.test(text) &&
      !/[\n\t\r\x00-\x1f\x7f\u0085\u2028\u2029\ufeff]/.test(text) &&
      !RESERVED.test(text) && !NUMBER.test(text) && !/^\d{4}-\d\d?-\d\d?/.test(text);
    if (plain) return text;
    if (!/[\n\r\x00-\x1f\x7f\u0085\u2028\u2029\ufeff]/.test(text)) return "'" + text.replace(/'/g, "''") + "'";
    return JSON.stringify(text);
  }

  function dump(name, value, spec, indent) {
    var s = inner(spec);
    var pad = new Array(indent + 1).join(" ");
    var isDate = s.format === "date";
    if (Array.isArray(value)) {
      var lines = [pad + name + ":"];
      value.forEach(function (item) {
        if (item && typeof item === "object") {
          var def = s.items && s.items.$ref ? definition(s.items.$ref) : { properties: {} };
          var first = true;
          Object.keys(def.properties).concat(Object.keys(item).filter(function (k) {
            return !def.properties[k];
          })).forEach(function (key) {
            if (item[key] === undefined) return;
            var inner_ = dump(key, item[key], def.properties[key] || {}, 0).split("\n");
            inner_.forEach(function (text, index) {
              var lead = first && index === 0 ? "- " : "  ";
              lines.push(pad + lead + text);
            });
            first = false;
          });
        } else {
          lines.push(pad + "- " + scalar(item, false));
        }
      });
      return lines.join("\n");
    }
    if (value && typeof value === "object" && !(value instanceof Date)) {
      var def2 = s.$ref ? definition(s.$ref) : { properties: {} };
      var keys = Object.keys(def2.properties).filter(function (k) { return value[k] !== undefined; })
        .concat(Object.keys(value).filter(function (k) { return !def2.properties[k]; }));
      return [pad + name + ":"].concat(keys.map(function (key) {
        var sub = def2.properties[key] || s.additionalProperties || {};
        return dump(key, value[key], sub, indent + 2);
      })).join("\n");
    }
    return pad + name + ": " + scalar(value, isDate);
  }

  function fileText(state) {
    var data = state.data;
    var layout = D.layout[data.provenance] || D.layout[D.default_provenance];
    var lines = [];
    layout.forEach(function (item) {
      lines.push.apply(lines, item.before);
      if (data[item.name] !== undefined) {
        lines.push(dump(item.name, data[item.name], schema.properties[item.name], 0));
      } else {
        lines.push.apply(lines, item.absent);
      }
    });
    var lang = entryLanguage(data);
    var body = D.sections.map(function (section) {
      var text = state.sections[section.key] || PLACEHOLDER + ": " + section.description[lang] + "]";
      return "## " + section.labels[lang] + "\n\n" + text.trim() + "\n";
    }).join("\n");
    return "---\n" + lines.join("\n") + "\n---\n\n" + body;
  }

  function fileName(data) {
    return D.folder + "/" + (data.id || "new-practice") + ".md";
  }

  function githubUrl(data, text) {
    var base = D.repo.url + "/new/" + encodeURIComponent(D.repo.branch) +
      "?filename=" + encodeURIComponent(fileName(data));
    var full = base + "&value=" + encodeURIComponent(text);
    return { base: base, full: full, fits: full.length <= D.repo.limit };
  }

  function updateGithub(state, text) {
    var link = document.getElementById("kbw-github");
    var url = githubUrl(state.data, text);
    link.setAttribute("href", blocked() ? "#kbw-report" : url.fits ? url.full : url.base);
    link.setAttribute("aria-disabled", blocked() ? "true" : "false");
  }

  // -------------------------------------------------------------------------
  // The issue form's text, both ways
  // -------------------------------------------------------------------------

  function englishLabel(vocab, value) {
    var entry = D.vocabularies[vocab] && D.vocabularies[vocab][value];
    return entry ? entry.en : String(value);
  }

  function getPath(data, key) {
    return key.reduce(function (value, part) { return value == null ? undefined : value[part]; }, data);
  }

  function issueText(state) {
    return D.issue.questions.map(function (q) {
      var answer;
      if (q.key[0] === "body") {
        answer = state.sections[q.key[1]];
      } else if (q.kind === "checkboxes") {
        var value = getPath(state.data, q.key) || {};
        var parts = Object.keys(definition(inner(schema.properties[q.key[0]]).$ref).properties);
        answer = q.options.map(function (option, index) {
          return "- [" + (value[parts[index]] === true ? "X" : " ") + "] " + option;
        }).join("\n");
      } else {
        var given = getPath(state.data, q.key);
        if (given === undefined) answer = "";
        else if (q.kind === "dropdown") {
          answer = (Array.isArray(given) ? given : [given]).map(function (v) {
            return englishLabel(q.vocabulary, v);
          }).join(", ");
        } else if (q.parts.length) {
          answer = given.map(function (record) {
            return q.parts.map(function (part) {
              var v = record[part];
              if (part === "kind") return englishLabel("resource_kinds", v);
              if (v === true) return "true";
              return v === undefined ? "" : String(v);
            }).join(" | ").replace(/( \| )+$/, "");
          }).join("\n");
        } else if (q.key[0] === "years") {
          answer = given.start + "-" + (given.end || "");
        } else if (Array.isArray(given)) {
          answer = given.join(", ");
        } else {
          answer = String(given);
        }
      }
      return "### " + q.label + "\n\n" + (answer || D.issue.no_response);
    }).join("\n\n") + "\n";
  }

  function labelToValue(vocab, answer) {
    var terms = Object.keys(D.vocabularies[vocab] || {}).map(function (value) {
      return { value: value, label: D.vocabularies[vocab][value].en };
    }).sort(function (a, b) { return b.label.length - a.label.length; });
    var values = [], rest = answer.trim();
    while (rest) {
      var term = terms.filter(function (t) { return rest.indexOf(t.label) === 0 || rest.indexOf(t.value) === 0; })[0];
      if (!term) {
        values.push(rest.split(",")[0].trim());
        rest = rest.indexOf(",") >= 0 ? rest.slice(rest.indexOf(",") + 1).trim() : "";
        continue;
      }
      values.push(term.value);
      var used = rest.indexOf(term.label) === 0 ? term.label : term.value;
      rest = rest.slice(used.length).replace(/^[,\s]+/, "");
    }
    return values;
  }

  function setPath(data, key, value) {
    var target_ = data;
    key.slice(0, -1).forEach(function (part) { target_ = target_[part] = target_[part] || {}; });
    target_[key[key.length - 1]] = value;
  }

  function fromIssue(text) {
    var answers = {}, current = null, lines = [];
    text.replace(/\r\n/g, "\n").split("\n").forEach(function (lineText) {
      var heading = /^### (.+?)\s*$/.exec(lineText);
      if (heading) {
        if (current !== null) answers[current] = lines.join("\n").trim();
        current = heading[1];
        lines = [];
      } else if (current !== null) lines.push(lineText);
    });
    if (current !== null) answers[current] = lines.join("\n").trim();
    var data = {}, sections = {};
    D.issue.questions.forEach(function (q) {
      var answer = answers[q.label];
      if (q.kind === "checkboxes") {
        if (answer === undefined) return;
        var ticks = answer.match(/^- \[([ xX])\]/gm) || [];
        var parts = Object.keys(definition(inner(schema.properties[q.key[0]]).$ref).properties);
        parts.forEach(function (part, index) {
          setPath(data, q.key.concat([part]), Boolean(ticks[index]) && /[xX]/.test(ticks[index]));
        });
        return;
      }
      if (!answer || answer === D.issue.no_response) return;
      if (q.key[0] === "body") sections[q.key[1]] = answer;
      else if (q.kind === "dropdown") {
        var chosen = labelToValue(q.vocabulary, answer);
        setPath(data, q.key, q.multiple ? chosen : chosen[0] || answer);
      } else if (q.parts.length) {
        setPath(data, q.key, answer.split("\n").filter(function (l) { return l.trim(); }).map(function (l) {
          var record = {};
          l.split("|").forEach(function (piece, index) {
            if (index < q.parts.length) record[q.parts[index]] = piece.trim();
          });
          if (record.kind) record.kind = labelToValue("resource_kinds", record.kind)[0] || "";
          if ("evaluation" in record) {
            var flag = record.evaluation.toLowerCase();
            delete record.evaluation;
            if (flag) record.evaluation = ["true", "yes", "x"].indexOf(flag) >= 0;
          }
          return record;
        }));
      } else if (q.key[0] === "years") {
        var pieces = answer.split("-");
        var years = { start: /^\s*\d+\s*$/.test(pieces[0]) ? parseInt(pieces[0], 10) : pieces[0] };
        if (pieces[1] && pieces[1].trim()) years.end = /^\s*\d+\s*$/.test(pieces[1]) ? parseInt(pieces[1], 10) : pieces[1].trim();
        setPath(data, q.key, years);
      } else if (q.key[0] === "countries") {
        setPath(data, q.key, answer.split(",").map(function (c) { return c.trim().toUpperCase(); }).filter(Boolean));
      } else {
        setPath(data, q.key, q.kind === "input" ? answer.split(/\s+/).join(" ") : answer);
      }
    });
    // as kb from-issue: the id from the title, submitted today
    data.id = slug(String(data.title || ""));
    data.provenance = "submitted";
    data.submitted = data.last_reviewed = today();
    return { data: data, sections: sections };
  }

  // -------------------------------------------------------------------------
  // Import of a practice file
  // -------------------------------------------------------------------------

  function normal(text) {
    return text.replace(/\u2019/g, "'").toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  }

  function fromFile(text) {
    text = text.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n");
    var match = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)([\s\S]*)$/.exec(text);
    if (!match) throw new Error("no frontmatter between two '---' lines");
    var data = window.jsyaml.load(match[1]) || {};
    if (typeof data !== "object" || Array.isArray(data)) throw new Error("the frontmatter is not a set of fields");
    var names = {};
    D.sections.forEach(function (section) {
      Object.keys(section.labels).forEach(function (code) { names[normal(section.labels[code])] = section.key; });
    });
    var sections = {}, current = null, lines = [];
    match[2].split("\n").forEach(function (lineText) {
      var heading = /^ {0,3}##[ \t]+(.*?)[ \t#]*$/.exec(lineText);
      if (heading && names[normal(heading[1])]) {
        if (current) sections[current] = lines.join("\n").trim();
        current = names[normal(heading[1])];
        lines = [];
      } else if (current) lines.push(lineText);
    });
    if (current) sections[current] = lines.join("\n").trim();
    ["submitted", "last_reviewed"].forEach(function (name) { if (data[name]) data[name] = asDate(data[name]); });
    return { data: data, sections: sections };
  }

  function yamlReady() {
    // js-yaml is loaded only when a file is imported: most visits never need it
    if (window.jsyaml) return Promise.resolve();
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = D.yaml_script;
      script.onload = resolve;
      script.onerror = function () { reject(new Error(D.yaml_script + " could not be loaded")); };
      document.head.appendChild(script);
    });
  }

  function importText(text) {
    var status = document.getElementById("kbw-import-status");
    status.textContent = "";
    var issue = /^\s*###\s/.test(text);
    (issue ? Promise.resolve() : yamlReady()).then(function () {
      var state = issue ? fromIssue(text) : fromFile(text);
      write(state.data, state.sections);
      showAll = true;
      show();
      status.textContent = S.import_done;
      document.getElementById("kbw-report").focus();
    }).catch(function (error) {
      status.textContent = S.import_failed + " " + (error && error.message ? error.message : error);
    });
  }

  // -------------------------------------------------------------------------
  // Ids from titles, as template.slug makes them
  // -------------------------------------------------------------------------

  function slug(title, limit) {
    limit = limit || 80;
    var ascii = title.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
    var words = ascii.toLowerCase().match(/[a-z0-9]+/g) || [];
    var result = "";
    for (var i = 0; i < words.length; i++) {
      var candidate = result ? result + "-" + words[i] : words[i];
      if (candidate.length > limit) break;
      result = candidate;
    }
    return result;
  }

  // -------------------------------------------------------------------------
  // Drafts: only when asked
  // -------------------------------------------------------------------------

  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null;
    }
  }

  function keepDraft(state) {
    var store = storage();
    if (!store || !document.getElementById("kbw-keep").checked) return;
    try {
      store.setItem(DRAFT, JSON.stringify(state));
    } catch (error) {
      // full or refused: the form still works
    }
  }

  function deleteDraft() {
    var store = storage();
    if (store) store.removeItem(DRAFT);
  }

  function restoreDraft() {
    var store = storage();
    var saved = store && store.getItem(DRAFT);
    if (!saved) return false;
    try {
      var state = JSON.parse(saved);
      write(state.data || {}, state.sections || {});
      document.getElementById("kbw-keep").checked = true;
      document.getElementById("kbw-draft-status").textContent = S.draft_restored;
      return true;
    } catch (error) {
      deleteDraft();
      return false;
    }
  }

  // -------------------------------------------------------------------------
  // The three ways out
  // -------------------------------------------------------------------------

  function say(text) {
    document.getElementById("kbw-out-status").textContent = text;
  }

  function refuse(event) {
    say("");
    showAll = true;
    show();
    if (!blocked()) return false;
    if (event) event.preventDefault();
    say(S.blocked);
    document.getElementById("kbw-report").focus();
    return true;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () {
        return copyBySelection(text);
      });
    }
    return Promise.resolve(copyBySelection(text));
  }

  function copyBySelection(text) {
    var area = document.getElementById("kbw-output");
    area.value = text;
    area.closest("details").open = true;
    area.select();
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  document.getElementById("kbw-github").addEventListener("click", function (event) {
    if (refuse(event)) return;
    var state = read();
    var text = fileText(state);
    var url = githubUrl(state.data, text);
    if (!url.fits) {
      event.preventDefault();
      copy(text).then(function (done) {
        say(done ? S.github_pasted : S.copy_failed);
        window.open(url.base, "_blank", "noopener");
      });
    }
  });

  document.getElementById("kbw-download").addEventListener("click", function (event) {
    if (refuse(event)) return;
    var state = read();
    var blob = new Blob([fileText(state)], { type: "text/markdown;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = (state.data.id || "new-practice") + ".md";
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
    say(S.done);
  });

  document.getElementById("kbw-copy-issue").addEventListener("click", function (event) {
    if (refuse(event)) return;
    var text = issueText(read());
    copy(text).then(function (done) {
      if (!done) copyBySelection(text);
      say(done ? S.copied_issue : S.copy_failed);
    });
  });

  // -------------------------------------------------------------------------
  // Wiring
  // -------------------------------------------------------------------------

  form.addEventListener("click", function (event) {
    var adding = event.target.closest("[data-kbw-add]");
    if (adding) {
      var row = addRow(adding.getAttribute("data-kbw-add"));
      var first = row.querySelector("input, select, textarea");
      if (first) first.focus();
      show();
      return;
    }
    var removing = event.target.closest("[data-kbw-remove]");
    if (removing) {
      var gone = removing.closest("[data-kbw-row]");
      var name = gone.getAttribute("data-kbw-row");
      gone.remove();
      renumber(name);
      show();
    }
  });

  function ticked(box) {
    var holder = box.closest('[data-kbw-kind="choices"]');
    var order = JSON.parse(holder.getAttribute("data-kbw-order") || "[]").filter(function (v) {
      return v !== box.value;
    });
    if (box.checked) order.push(box.value);
    holder.setAttribute("data-kbw-order", JSON.stringify(order));
  }

  function onInput(event) {
    if (event.target.hasAttribute("data-kbw-choice")) ticked(event.target);
    var element = event.target.closest("[data-kbw-path]");
    if (element) touched[element.getAttribute("data-kbw-path")] = true;
    var title = control("title"), id = control("id");
    if (element === id) idEdited = id.value.trim() !== "";
    if (element === title && !idEdited) id.value = slug(title.value);
    show();
  }
  form.addEventListener("input", onInput);
  form.addEventListener("change", onInput);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  document.getElementById("kbw-override").addEventListener("change", show);

  document.getElementById("kbw-keep").addEventListener("change", function (event) {
    if (event.target.checked) {
      keepDraft(read());
    } else {
      deleteDraft();
      document.getElementById("kbw-draft-status").textContent = S.draft_deleted;
    }
  });
  document.getElementById("kbw-delete-draft").addEventListener("click", function () {
    deleteDraft();
    document.getElementById("kbw-keep").checked = false;
    document.getElementById("kbw-draft-status").textContent = S.draft_deleted;
  });

  document.getElementById("kbw-import").addEventListener("click", function () {
    importText(document.getElementById("kbw-import-text").value);
  });
  document.getElementById("kbw-import-file").addEventListener("change", function (event) {
    var file = event.target.files && event.target.files[0];
    if (!file) return;
    file.text().then(importText);
  });

  if (!restoreDraft()) {
    write({
      provenance: D.default_provenance,
      language: D.lang,
      submitted: today(),
      last_reviewed: today(),
    }, {});
  }
  show();
})();
