// The link chart (README, "Link chart"): pan by dragging, zoom with the
// wheel or the buttons, and a PNG drawn from the SVG in the browser. The
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
  // Zoomed in twice or more, the labels of minor identifiers show at half
  // size, as large on the screen as the others were: the layout keeps room
  // for them (link_chart_layout.go).
  function apply() {
    svg.setAttribute("viewBox", view.x + " " + view.y + " " + view.w + " " + view.h);
    svg.classList.toggle("zoomed", view.w <= home.w / 2);
  }
  function zoom(f, cx, cy) {
    if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
    var w = Math.min(home.w * 4, Math.max(home.w / 8, view.w * f));
    var h = w * home.h / home.w;
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
  var drag = null;
  svg.addEventListener("pointerdown", function (ev) {
    if (ev.target.closest && ev.target.closest("a")) { return; }
    drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y };
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener("pointermove", function (ev) {
    if (!drag) { return; }
    var r = svg.getBoundingClientRect();
    view.x = drag.vx - (ev.clientX - drag.x) * view.w / r.width;
    view.y = drag.vy - (ev.clientY - drag.y) * view.h / r.height;
    apply();
  });
  svg.addEventListener("pointerup", function () { drag = null; });
  tools.addEventListener("click", function (ev) {
    var z = ev.target.getAttribute("data-zoom");
    if (z === "in") { zoom(1 / 1.3); } else if (z === "out") { zoom(1.3); } else if (z === "reset") { view = { x: home.x, y: home.y, w: home.w, h: home.h }; apply(); }
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
