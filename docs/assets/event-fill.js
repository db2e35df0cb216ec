/* A print set filled in from the event form (issue 17). When a print page of the
   session kit (guide/<agenda>/<set>.html) was opened by the "Prepare an event" page,
   it asks that window for the event sheet (window.postMessage: it works from the
   offline copy opened from the file system too) and puts the sheet's values in place
   of the guide's placeholders, as `make kit` does. Nothing is stored or sent. */
(function () {
  "use strict";
  var sheet = document.querySelector(".kb-print");
  if (!sheet || !window.opener) return;
  // each placeholder and the event field that fills it, from guide/event.py
  var FIELDS = JSON.parse(sheet.getAttribute("data-kb-placeholders") || "{}");
  function valueOf(event, path) {
    var value = event;
    path.split(".").forEach(function (part) { value = value && typeof value === "object" ? value[part] : undefined; });
    return typeof value === "string" && value.trim() ? value.trim() : "";
  }
  function fill(event) {
    var walker = document.createTreeWalker(sheet, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var text = node.nodeValue;
      if (text.indexOf("[") < 0) return;
      Object.keys(FIELDS).forEach(function (placeholder) {
        var value = valueOf(event, FIELDS[placeholder]);
        if (value) text = text.split(placeholder).join(value);
      });
      node.nodeValue = text;
    });
    // the support slips' line left to fill by hand becomes the event's referral table
    var referrals = Array.isArray(event.referrals) ? event.referrals : [];
    if (referrals.length) {
      sheet.querySelectorAll(".kb-fill--tall").forEach(function (line) {
        var list = document.createElement("ul");
        list.className = "kb-referrals";
        referrals.forEach(function (r) {
          if (!r || typeof r !== "object") return;
          var item = document.createElement("li");
          item.textContent = [r.country, r.service, r.contact, r.hours].filter(Boolean).join(" · ");
          list.appendChild(item);
        });
        line.replaceWith(list);
      });
    }
    sheet.setAttribute("data-kb-filled", "true");
  }
  window.addEventListener("message", function (e) {
    var m = e.data;
    if (e.source !== window.opener || !m || m.kbl !== "event" || !m.event || typeof m.event !== "object") return;
    fill(m.event);
  });
  try { window.opener.postMessage({ kbl: "want-event" }, "*"); } catch (err) { /* no opener */ }
})();
