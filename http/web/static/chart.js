// The link chart (README, "Link chart"): pan by dragging, zoom with the
// wheel, a pinch or the buttons, and a PNG drawn from the SVG in the browser. The
// chart and its tables work without this script.
(function () {
  "use strict";
  var svg = document.getElementById("link-chart");
  var tools = document.getElementById("chart-tools");
  if (!svg || !tools) { return; }
  tools.hidden = false;
  var full = svg.viewBox.baseVal;
  var home = { x: full.x, y: full.y, w: full.width, h: full.height };
  var view = { x: home.x, y: home.y, w: home.w, h: home.h };
  var fit = tools.querySelector('[data-zoom="fit"]');
  var hint = document.getElementById("chart-hint");
  // Zoomed in twice or more, the labels of minor identifiers show at half
  // size, as large on the screen as the others were: the layout keeps room
  // for them (link_chart_layout.go).
  function apply() {
    svg.setAttribute("viewBox", view.x + " " + view.y + " " + view.w + " " + view.h);
    svg.classList.toggle("zoomed", view.w <= home.w / 2);
  }
  // Screen pixels to a unit of the chart, the whole chart fitted.
  function scale() {
    var r = svg.getBoundingClientRect();
    return Math.min(r.width / home.w, r.height / home.h);
  }
  // On a narrow screen the fitted chart would draw its 11-unit labels
  // smaller than 9 pixels: it opens at their own size instead, centred on
  // its most connected node, with a hint that it pans and a button that
  // fits it whole (README, "Link chart"). The downloads stay whole.
  var first = { x: home.x, y: home.y, w: home.w, h: home.h }, tall = "";
  var s = scale();
  if (s > 0 && s * 11 < 9) {
    var count = {};
    svg.querySelectorAll("line[data-ends]").forEach(function (el) {
      el.getAttribute("data-ends").split(" ").forEach(function (id) { count[id] = (count[id] || 0) + 1; });
    });
    var best = null, most = -1;
    svg.querySelectorAll("a.node").forEach(function (node) {
      var n = count[node.id] || 0;
      if (n > most) { most = n; best = node; }
    });
    // The frame grows as tall as the chart at that size, up to 70% of the
    // screen's height, so that it shows more than a strip of it.
    var r = svg.getBoundingClientRect();
    tall = Math.round(Math.max(r.height, Math.min(window.innerHeight * 0.7, home.h))) + "px";
    svg.style.height = tall;
    r = svg.getBoundingClientRect();
    var c = best && best.querySelector("circle");
    var w = r.width, h = r.height;
    var cx = c ? c.cx.baseVal.value : home.x + home.w / 2, cy = c ? c.cy.baseVal.value : home.y + home.h / 2;
    function place(at, lo, span, size) { return size >= span ? lo + (span - size) / 2 : Math.max(lo, Math.min(lo + span - size, at - size / 2)); }
    first = { x: place(cx, home.x, home.w, w), y: place(cy, home.y, home.h, h), w: w, h: h };
    view = { x: first.x, y: first.y, w: first.w, h: first.h };
    apply();
    if (fit) { fit.hidden = false; }
    if (hint) { hint.hidden = false; }
  }
  // Back to the first view, or the whole chart in the frame it first had.
  function show(v, height) {
    svg.style.height = height;
    view = { x: v.x, y: v.y, w: v.w, h: v.h };
    apply();
  }
  var least = Math.min(home.w / 8, first.w);
  function zoom(f, cx, cy) {
    if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
    var w = Math.min(home.w * 4, Math.max(least, view.w * f));
    var h = w * view.h / view.w;
    view.x = cx - (cx - view.x) * w / view.w;
    view.y = cy - (cy - view.y) * h / view.h;
    view.w = w; view.h = h;
    apply();
  }
  function point(ev) {
    var r = svg.getBoundingClientRect();
    return { x: view.x + (ev.clientX - r.left) * view.w / r.width, y: view.y + (ev.clientY - r.top) * view.h / r.height };
  }
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var p = point(ev);
    zoom(ev.deltaY > 0 ? 1.15 : 1 / 1.15, p.x, p.y);
  }, { passive: false });
  // One pointer pans, a finger or the mouse alike, even from a node: it
  // pans once it has moved a few pixels, and the node is then not opened.
  // Two fingers pinch to zoom.
  var pointers = {}, drag = null, pinch = null, dragged = false;
  function pair() {
    var ids = Object.keys(pointers);
    if (ids.length !== 2) { return null; }
    var a = pointers[ids[0]], b = pointers[ids[1]];
    return { d: Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY), clientX: (a.clientX + b.clientX) / 2, clientY: (a.clientY + b.clientY) / 2 };
  }
  svg.addEventListener("pointerdown", function (ev) {
    pointers[ev.pointerId] = { clientX: ev.clientX, clientY: ev.clientY };
    dragged = false;
    var p = pair();
    if (p) {
      pinch = p; drag = null;
      Object.keys(pointers).forEach(function (id) { try { svg.setPointerCapture(Number(id)); } catch (e) { /* already released */ } });
      return;
    }
    drag = { id: ev.pointerId, x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y, on: false };
  });
  svg.addEventListener("pointermove", function (ev) {
    if (!pointers[ev.pointerId]) { return; }
    pointers[ev.pointerId] = { clientX: ev.clientX, clientY: ev.clientY };
    if (pinch) {
      var p = pair();
      if (p && p.d > 0 && pinch.d > 0) {
        // The point of the chart that was between the fingers stays
        // between them: zoom about it, then move it to where they are now.
        var at = point(pinch), r = svg.getBoundingClientRect();
        zoom(pinch.d / p.d, at.x, at.y);
        view.x -= (p.clientX - pinch.clientX) * view.w / r.width;
        view.y -= (p.clientY - pinch.clientY) * view.h / r.height;
        apply();
        pinch = p;
        dragged = true;
      }
      return;
    }
    if (!drag || drag.id !== ev.pointerId) { return; }
    if (!drag.on) {
      if (Math.hypot(ev.clientX - drag.x, ev.clientY - drag.y) < 5) { return; }
      drag.on = true; dragged = true;
      svg.setPointerCapture(ev.pointerId);
    }
    var r = svg.getBoundingClientRect();
    view.x = drag.vx - (ev.clientX - drag.x) * view.w / r.width;
    view.y = drag.vy - (ev.clientY - drag.y) * view.h / r.height;
    apply();
  });
  function up(ev) {
    delete pointers[ev.pointerId];
    if (Object.keys(pointers).length < 2) { pinch = null; }
    if (!drag || drag.id === ev.pointerId) { drag = null; }
  }
  svg.addEventListener("pointerup", up);
  svg.addEventListener("pointercancel", up);
  svg.addEventListener("click", function (ev) {
    if (dragged) { ev.preventDefault(); ev.stopPropagation(); dragged = false; }
  }, true);
  svg.addEventListener("dragstart", function (ev) { ev.preventDefault(); });
  tools.addEventListener("click", function (ev) {
    var z = ev.target.getAttribute("data-zoom");
    if (z === "in") { zoom(1 / 1.3); } else if (z === "out") { zoom(1.3); } else if (z === "reset") { show(first, tall); } else if (z === "fit") { show(home, ""); }
  });
  // Pointing at or focusing a node lights its edges and shows their
  // labels, and its own.
  function light(node, on) {
    node.classList.toggle("lit", on);
    svg.querySelectorAll("[data-ends]").forEach(function (el) {
      if (el.getAttribute("data-ends").split(" ").indexOf(node.id) >= 0) { el.classList.toggle("lit", on); }
    });
  }
  svg.querySelectorAll("a.node").forEach(function (node) {
    node.addEventListener("pointerenter", function () { light(node, true); });
    node.addEventListener("pointerleave", function () { light(node, false); });
    node.addEventListener("focus", function () { light(node, true); });
    node.addEventListener("blur", function () { light(node, false); });
  });
  var png = document.getElementById("chart-png");
  var link = document.getElementById("chart-svg");
  if (png && link) {
    png.hidden = false;
    png.addEventListener("click", function () {
      fetch(link.href, { credentials: "same-origin" }).then(function (r) { return r.text(); }).then(function (text) {
        var img = new Image();
        img.onload = function () {
          var c = document.createElement("canvas");
          c.width = home.w * 2; c.height = home.h * 2;
          var g = c.getContext("2d");
          g.fillStyle = "#fff"; g.fillRect(0, 0, c.width, c.height);
          g.drawImage(img, 0, 0, c.width, c.height);
          var a = document.createElement("a");
          a.href = c.toDataURL("image/png");
          a.download = "link-chart.png";
          a.click();
        };
        img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(text.replace(/^<\?xml[^>]*>\s*/, ""));
      });
    });
  }
}());
