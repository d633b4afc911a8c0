// pilcrow graph view: draws graph.json as an SVG above the plain lists of
// the graph page. No libraries, no external requests; without JavaScript
// the lists are the graph.
(function () {
  "use strict";
  var box = document.getElementById("graph-view");
  if (!box || !window.fetch) return;
  var MAX_NODES = 400;
  var SVG = "http://www.w3.org/2000/svg";
  var base = box.getAttribute("data-base") || "/";

  function el(name, attrs) {
    var e = document.createElementNS(SVG, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }

  fetch(box.getAttribute("data-src"))
    .then(function (r) { return r.json(); })
    .then(draw)
    .catch(function () { box.hidden = true; });

  function draw(g) {
    // Keep the pages that take part in a link, most mentioned first.
    var degree = {};
    g.edges.forEach(function (e) {
      degree[e.source] = (degree[e.source] || 0) + e.mentions;
      degree[e.target] = (degree[e.target] || 0) + e.mentions;
    });
    var nodes = g.nodes.filter(function (n) { return degree[n.id]; });
    nodes.sort(function (a, b) { return degree[b.id] - degree[a.id] || (a.id < b.id ? -1 : 1); });
    nodes = nodes.slice(0, MAX_NODES);
    if (nodes.length === 0) { box.hidden = true; return; }
    var index = {};
    nodes.forEach(function (n, i) {
      index[n.id] = i;
      var angle = (2 * Math.PI * i) / nodes.length;
      n.x = Math.cos(angle) * 200;
      n.y = Math.sin(angle) * 200;
      n.vx = 0; n.vy = 0;
    });
    var edges = g.edges.filter(function (e) {
      return e.source in index && e.target in index;
    });

    // A few hundred steps of a plain force layout: nodes repel, links pull.
    for (var step = 0; step < 300; step++) {
      var cool = 1 - step / 300;
      for (var i = 0; i < nodes.length; i++) {
        for (var j = i + 1; j < nodes.length; j++) {
          var a = nodes[i], b = nodes[j];
          var dx = a.x - b.x, dy = a.y - b.y;
          var d2 = dx * dx + dy * dy + 0.01;
          var f = 900 / d2;
          a.vx += dx * f; a.vy += dy * f;
          b.vx -= dx * f; b.vy -= dy * f;
        }
      }
      edges.forEach(function (e) {
        var a = nodes[index[e.source]], b = nodes[index[e.target]];
        var dx = b.x - a.x, dy = b.y - a.y;
        a.vx += dx * 0.05; a.vy += dy * 0.05;
        b.vx -= dx * 0.05; b.vy -= dy * 0.05;
      });
      nodes.forEach(function (n) {
        n.vx -= n.x * 0.02; n.vy -= n.y * 0.02;
        n.x += Math.max(-20, Math.min(20, n.vx)) * cool;
        n.y += Math.max(-20, Math.min(20, n.vy)) * cool;
        n.vx *= 0.5; n.vy *= 0.5;
      });
    }

    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    nodes.forEach(function (n) {
      minX = Math.min(minX, n.x); minY = Math.min(minY, n.y);
      maxX = Math.max(maxX, n.x); maxY = Math.max(maxY, n.y);
    });
    // Fit the layout into a fixed drawing box, so sizes mean the same
    // whatever the number of pages.
    var W = 800, H = 560, pad = 30;
    var scale = Math.min((W - 2 * pad) / (maxX - minX || 1), (H - 2 * pad) / (maxY - minY || 1));
    nodes.forEach(function (n) {
      n.x = pad + (n.x - minX) * scale;
      n.y = pad + (n.y - minY) * scale;
    });
    var svg = el("svg", {
      viewBox: "0 0 " + W + " " + H,
      role: "group",
      "aria-label": box.getAttribute("data-label") || "Graph"
    });
    var lines = el("g", { "class": "graph-lines" });
    edges.forEach(function (e) {
      var a = nodes[index[e.source]], b = nodes[index[e.target]];
      lines.appendChild(el("line", {
        x1: a.x, y1: a.y, x2: b.x, y2: b.y,
        "stroke-width": Math.min(4, 0.5 + Math.log(1 + e.mentions))
      }));
    });
    svg.appendChild(lines);
    nodes.forEach(function (n) {
      var link = el("a", { href: base + n.id, "class": "graph-dot kind-" + n.kind });
      var r = 2.5 + Math.min(10, Math.sqrt(degree[n.id]) / 2);
      link.appendChild(el("circle", { cx: n.x, cy: n.y, r: r }));
      var title = el("title", {});
      title.textContent = n.title + (n.entity ? " (" + n.entity + ")" : "");
      link.appendChild(title);
      if (r > 6) {
        // Names, never ids: "Digital evidence", not "digital-evidence".
        var label = el("text", { x: n.x + r + 2, y: n.y + 4 });
        label.textContent = n.title;
        link.appendChild(label);
      }
      link.setAttribute("data-section", section(n.id));
      svg.appendChild(link);
    });
    box.appendChild(svg);
    box.hidden = false;
    filterByKind(svg, nodes, edges, index, lines);
  }

  // The section a node's page is in (`countries/arg/` → `countries`).
  function section(id) {
    return id.split("/")[0];
  }

  // The page's kind checkboxes (rendered hidden, shown once the drawing
  // exists) hide and show the pages of a kind and their links.
  function filterByKind(svg, nodes, edges, index, lines) {
    var box = document.getElementById("graph-kinds");
    if (!box) return;
    var inputs = box.querySelectorAll("input[type=checkbox]");
    function apply() {
      var shown = {};
      inputs.forEach(function (i) { shown[i.value] = i.checked; });
      var visible = function (id) { return shown[section(id)] !== false; };
      svg.querySelectorAll("a[data-section]").forEach(function (a) {
        a.style.display = shown[a.getAttribute("data-section")] === false ? "none" : "";
      });
      var k = 0;
      edges.forEach(function (e) {
        var line = lines.childNodes[k++];
        line.style.display = visible(e.source) && visible(e.target) ? "" : "none";
      });
    }
    inputs.forEach(function (i) { i.addEventListener("change", apply); });
    box.hidden = false;
  }
})();
