/* orgraph viewer: hand-written, no dependencies. Every name and attribute is data:
   text goes in with textContent, never as HTML. */
(function () {
  "use strict";
  var T0 = performance.now();
  var DATA = JSON.parse(document.getElementById("orgraph-data").textContent);
  var SVGNS = "http://www.w3.org/2000/svg";
  var LEGEND = {};
  DATA.legend.forEach(function (s) { LEGEND[s.status] = s; });
  var ENDED = { merged: 1, split: 1, dissolved: 1 };
  var PAD = 4;  // padding inside a box or list item (points)
  var LINE = 1.38;
  var LOD = 0.2;  // below this zoom, boxes are drawn without their text  // line height over font size, as the placement measured it

  /* ------------------------------------------------------------ helpers */
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function button(text, label, onClick) {
    var b = el("button", null, text);
    b.type = "button";
    if (label) b.setAttribute("aria-label", label);
    b.addEventListener("click", onClick);
    return b;
  }
  // Accent-insensitive key: NFD drops combining marks, but đ/Đ do not decompose.
  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function applyStyle(node, status) {
    var s = status && LEGEND[status];
    if (!s) return;
    node.style.background = s.fill;
    node.style.borderColor = s.color;
    if (s.border === "dashed" || s.border === "dotted") node.style.borderStyle = s.border;
    if (s.border === "rounded") node.style.borderRadius = "8px";
  }

  /* ------------------------------------------------------------ page skeleton */
  document.title = DATA.title;
  var bar = el("header", "bar");
  var h1 = el("h1", null, DATA.title);
  var dateText = el("span", "date");
  bar.append(h1, dateText);
  var compareGroup = null, compareButtons = [];
  if (DATA.compare) {
    compareGroup = el("div", "group");
    compareGroup.setAttribute("role", "group");
    compareGroup.setAttribute("aria-label", "Before and after");
    DATA.compare.forEach(function (vi) {
      var b = button(DATA.views[vi].label, null, function () { showView(vi); });
      b.dataset.view = DATA.views[vi].key;
      compareButtons.push([vi, b]);
      compareGroup.append(b);
    });
    bar.append(compareGroup);
  }
  var slider = null, sliderOut = null;
  if (DATA.timeline) {
    var tg = el("div", "group");
    var lab = el("label", null, "Date ");
    slider = el("input");
    slider.type = "range";
    slider.min = "0";
    slider.max = String(DATA.timeline.length - 1);
    slider.step = "1";
    slider.setAttribute("aria-label", "Date in the history");
    sliderOut = el("output");
    lab.append(slider);
    tg.append(lab, sliderOut);
    slider.addEventListener("input", function () {
      showView(DATA.timeline[Number(slider.value)][1]);
    });
    bar.append(tg);
  }
  var sg = el("div", "group");
  var search = el("input");
  search.type = "search";
  search.placeholder = "Search name, id or code";
  search.setAttribute("aria-label", "Search units by name, id or code");
  var count = el("span", "count");
  count.setAttribute("aria-live", "polite");
  sg.append(search, count);
  bar.append(sg);
  var tools = el("div", "group");
  tools.append(
    button("−", "Zoom out", function () { zoomBy(1 / 1.25); }),
    button("+", "Zoom in", function () { zoomBy(1.25); }),
    button("Fit", "Fit to screen", function () { fit(); }),
    button("Expand all", null, function () { setAll(false); }),
    button("Collapse all", null, function () { setAll(true); }),
    button("SVG", "Export the current view as SVG", function () { download("svg"); }),
    button("PNG", "Export the current view as PNG", function () { download("png"); })
  );
  bar.append(tools);
  var main = el("main");
  var viewport = el("div", "viewport");
  viewport.tabIndex = 0;
  viewport.setAttribute("aria-label", "Chart area: drag or use Shift+arrows to pan, + and - to zoom, 0 to fit");
  var stage = el("div", "stage");
  var wires = document.createElementNS(SVGNS, "svg");
  wires.setAttribute("class", "wires");
  wires.setAttribute("aria-hidden", "true");
  function arrowDefs() {
    var defs = document.createElementNS(SVGNS, "defs"), m = document.createElementNS(SVGNS, "marker");
    m.setAttribute("id", "arrow"); m.setAttribute("viewBox", "0 0 10 10"); m.setAttribute("refX", "9");
    m.setAttribute("refY", "5"); m.setAttribute("markerWidth", "7"); m.setAttribute("markerHeight", "7");
    m.setAttribute("orient", "auto-start-reverse");
    var tip = document.createElementNS(SVGNS, "path");
    tip.setAttribute("d", "M0 0 L10 5 L0 10 z"); tip.setAttribute("fill", "#a04a00");
    m.append(tip); defs.append(m);
    return defs;
  }
  wires.append(arrowDefs());
  var tree = el("div", "tree");
  tree.setAttribute("role", "tree");
  tree.setAttribute("aria-label", "Org chart");
  stage.append(wires, tree);
  viewport.append(stage);
  var legendBox = el("div", "legend");
  legendBox.setAttribute("role", "note");
  legendBox.setAttribute("aria-label", "Legend");
  legendBox.hidden = true;
  var panel = el("aside", "panel");
  panel.setAttribute("role", "region");
  panel.setAttribute("aria-label", "Unit details");
  panel.hidden = true;
  main.append(viewport, panel);
  document.body.append(bar, legendBox, main);

  /* ------------------------------------------------------------ views */
  var S = { vi: -1, V: null, k: 1, tx: 0, ty: 0, user: new Map(), selected: null,
    query: "", matches: [], mi: -1, matchSet: new Set(), pathSet: new Set(), active: null,
    printing: false };
  var prepared = [];

  function prepare(vi) {
    if (prepared[vi]) return prepared[vi];
    var view = DATA.views[vi];
    var boxes = [], byNode = new Map(), byUnit = new Map();
    view.boxes.forEach(function (b, i) {
      var box = { i: i, node: b[0], kind: b[1], x: b[2], y: b[3], w: b[4], h: b[5], parentNode: b[6],
        depth: b[7], status: b[8], entries: b[9], border: b[10], parent: -1, kids: [], mx: b[2], my: b[3] };
      boxes.push(box);
      byNode.set(box.node, i);
      box.entries.forEach(function (e, j) { byUnit.set(e[0], [i, j]); });
    });
    boxes.forEach(function (box) {
      if (box.parentNode !== null && byNode.has(box.parentNode)) {
        box.parent = byNode.get(box.parentNode);
        boxes[box.parent].kids.push(box.i);
      }
    });
    // Position among siblings for assistive technology: only part of the tree is in the
    // document at a time, so each item says where it stands.
    var place = new Map(), groups = [[]];
    boxes.forEach(function (b) { if (b.parent < 0) groups[0].push(b.i); });
    boxes.forEach(function (b) { if (b.kids.length) groups.push(b.kids); });
    groups.forEach(function (kids) {
      var ids = [];
      kids.forEach(function (i) { boxes[i].entries.forEach(function (e) { ids.push(e[0]); }); });
      ids.forEach(function (id, n) { place.set(id, [n + 1, ids.length]); });
    });
    var order = [], stack = [];
    for (var r = boxes.length - 1; r >= 0; r--) if (boxes[r].parent < 0) stack.push(r);
    while (stack.length) {
      var cur = stack.pop();
      order.push(cur);
      for (var c = boxes[cur].kids.length - 1; c >= 0; c--) stack.push(boxes[cur].kids[c]);
    }
    var fullX = union(boxes.map(function (b) { return [b.x, b.x + b.w]; }));
    var fullY = union(boxes.map(function (b) { return [b.y, b.y + b.h]; }));
    var wiresOf = view.wires.map(function (w) {
      return { kind: w[0], a: byNode.get(w[1]), b: byNode.get(w[2]), pts: w[3], arrow: w[4] };
    }).filter(function (w) { return w.a !== undefined && w.b !== undefined; });
    var marks = new Map();
    (view.markers || []).forEach(function (m) {
      var at = byNode.get(m[0]);
      if (at === undefined) return;
      if (!marks.has(at)) marks.set(at, []);
      marks.get(at).push(m);
    });
    prepared[vi] = { view: view, marks: marks, boxes: boxes, byUnit: byUnit, order: order, place: place, fullX: fullX, fullY: fullY,
      wires: wiresOf, keys: null, visible: null, seq: null, width: view.width, height: view.height };
    return prepared[vi];
  }

  function union(spans) {
    spans.sort(function (p, q) { return p[0] - q[0]; });
    var out = [];
    spans.forEach(function (s) {
      var last = out[out.length - 1];
      if (last && s[0] <= last[1]) { if (s[1] > last[1]) last[1] = s[1]; } else out.push([s[0], s[1]]);
    });
    var covered = [0];
    out.forEach(function (s, i) { covered.push(covered[i] + s[1] - s[0]); });
    return { spans: out, covered: covered };
  }
  // Length of [a, b] that boxes of the full chart cover.
  function coveredIn(full, a, b) {
    var total = 0, spans = full.spans;
    var lo = 0, hi = spans.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (spans[mid][1] <= a) lo = mid + 1; else hi = mid; }
    for (var i = lo; i < spans.length && spans[i][0] < b; i++) {
      total += Math.min(b, spans[i][1]) - Math.max(a, spans[i][0]);
    }
    return total;
  }

  // A monotone map of one axis: visible spans keep their length, the gap between two keeps
  // only what the full chart leaves empty there (at least the smallest gap of the full chart).
  var MARGIN = 12;
  function squeeze(u, full) {
    var minGap = Infinity;
    for (var g = 1; g < full.spans.length; g++) minGap = Math.min(minGap, full.spans[g][0] - full.spans[g - 1][1]);
    if (!isFinite(minGap)) minGap = 12;
    var starts = [], pos = MARGIN;
    u.forEach(function (s, i) {
      if (i > 0) {
        var empty = (s[0] - u[i - 1][1]) - coveredIn(full, u[i - 1][1], s[0]);
        pos += (u[i - 1][1] - u[i - 1][0]) + Math.max(empty, minGap);
      }
      starts.push(pos);
    });
    return function (x) {
      if (!u.length) return x;
      if (x <= u[0][0]) return x - u[0][0] + starts[0];
      var lo = 0, hi = u.length - 1;
      while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (u[mid][0] <= x) lo = mid; else hi = mid - 1; }
      var s = u[lo];
      if (x <= s[1] || lo === u.length - 1) return starts[lo] + (x - s[0]);
      var from = starts[lo] + (s[1] - s[0]), to = starts[lo + 1];
      return from + (x - s[1]) / (u[lo + 1][0] - s[1]) * (to - from);
    };
  }

  function collapsed(V, box) {
    if (box.kind !== "unit" || !box.kids.length) return false;
    var uid = box.entries[0][0];
    if (S.user.has(uid)) return S.user.get(uid);
    return DATA.depth !== null && box.depth >= DATA.depth;
  }

  // Which boxes show, then close the gaps that collapsed subtrees leave: a gap keeps only the
  // space the full chart leaves empty there, so the fully expanded chart is drawn as laid out.
  function relayout() {
    var V = S.V, boxes = V.boxes;
    var vis = new Uint8Array(boxes.length);
    V.order.forEach(function (i) {
      var b = boxes[i];
      vis[i] = b.parent < 0 ? 1 : (vis[b.parent] && !collapsed(V, boxes[b.parent]) ? 1 : 0);
    });
    V.visible = vis;
    var shownX = [], shownY = [];
    boxes.forEach(function (b) {
      if (vis[b.i]) { shownX.push([b.x, b.x + b.w]); shownY.push([b.y, b.y + b.h]); }
    });
    V.mapX = squeeze(union(shownX).spans, V.fullX);
    V.mapY = squeeze(union(shownY).spans, V.fullY);
    var maxX = 0, maxY = 0;
    boxes.forEach(function (b) {
      if (!vis[b.i]) return;
      b.mx = V.mapX(b.x);
      b.my = V.mapY(b.y);
      maxX = Math.max(maxX, b.mx + b.w);
      maxY = Math.max(maxY, b.my + b.h);
    });
    V.width = maxX + MARGIN;
    V.height = maxY + MARGIN;
    V.wires.forEach(function (w) {
      w.show = vis[w.a] && vis[w.b];
      if (!w.show) return;
      var p = w.pts, d = "", x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
      for (var i = 0; i < p.length; i += 2) {
        var x = V.mapX(p[i]), y = V.mapY(p[i + 1]);
        d += (i ? " L" : "M") + x.toFixed(1) + " " + y.toFixed(1);
        x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
      }
      w.d = d; w.bb = [x0, y0, x1, y1];
    });
    V.seq = null;
    wires.setAttribute("width", String(Math.max(1, V.width)));
    wires.setAttribute("height", String(Math.max(1, V.height)));
    clearDrawn();
  }

  /* ------------------------------------------------------------ drawing */
  var drawn = new Map(), drawnWires = new Map(), frame = 0;
  function clearDrawn() {
    drawn.forEach(function (node) { node.remove(); });
    drawn.clear();
    drawnWires.forEach(function (node) { node.remove(); });
    drawnWires.clear();
  }
  function schedule() { if (!frame) frame = requestAnimationFrame(function () { frame = 0; draw(); }); }

  function hiddenBelow(V, box) {
    var n = 0, stack = box.kids.slice();
    while (stack.length) { var b = V.boxes[stack.pop()]; n += b.entries.length; stack.push.apply(stack, b.kids); }
    return n;
  }

  function entryNode(V, box, e, node) {
    node.dataset.unitId = e[0];
    node.setAttribute("role", "treeitem");
    node.setAttribute("aria-level", String(box.depth + 1));
    var at = V.place.get(e[0]);
    if (at) { node.setAttribute("aria-posinset", String(at[0])); node.setAttribute("aria-setsize", String(at[1])); }
    node.tabIndex = -1;
    if (e[4].length && ENDED[e[4][0]]) node.classList.add("ended");
    // Far out, text would be under a pixel high: draw the boxes alone (still one element
    // per unit), and the rows once the chart is near enough to read.
    if (S.k < LOD && !S.printing) return labelled(node, e);
    e[3].forEach(function (r) {
      var row = el("div", "r " + r[0], r[3]);
      row.style.fontSize = r[1] + "px";
      row.style.lineHeight = (r[1] * LINE) + "px";
      row.style.height = r[2] + "px";
      node.append(row);
    });
    return labelled(node, e);
  }
  function labelled(node, e) {
    var label = e[2] + (e[4].length && e[4][0] !== "kept" ? " (" + e[4].join(", ") + ")" : "");
    node.setAttribute("aria-label", label);
    return node;
  }

  function makeBox(V, box) {
    var node = el("div", "box");
    node.style.left = box.mx + "px";
    node.style.top = box.my + "px";
    node.style.width = box.w + "px";
    node.style.height = box.h + "px";
    node.dataset.box = String(box.i);
    applyStyle(node, box.status[0]);
    node.style.borderWidth = box.border + "px";
    if (box.kind === "list") {
      node.classList.add("list");
      node.setAttribute("role", "none");
      box.entries.forEach(function (e) {
        var item = el("div", "entry");
        if (e[5]) {
          item.style.left = (e[5][0] - box.x - box.border) + "px";
          item.style.top = (e[5][1] - box.y - box.border) + "px";
          item.style.width = e[5][2] + "px";
          item.style.height = e[5][3] + "px";
        }
        applyStyle(item, e[4][0]);
        item.style.borderWidth = e[6] + "px";
        node.append(entryNode(V, box, e, item));
      });
    } else {
      entryNode(V, box, box.entries[0], node);
      if (box.kind === "count") node.setAttribute("role", "none");
      if (box.kids.length) {
        var closed = collapsed(V, box);
        node.setAttribute("aria-expanded", closed ? "false" : "true");
        var knob = el("span", "knob", closed ? "+" + hiddenBelow(V, box) : "−");
        knob.setAttribute("aria-hidden", "true");
        knob.dataset.knob = "1";
        node.append(knob);
      }
    }
    (V.marks.get(box.i) || []).forEach(function (m) {
      var tag = el("span", "marker", m[5]);
      tag.style.left = (m[1] - box.x - box.border) + "px";
      tag.style.top = (m[2] - box.y - box.border) + "px";
      tag.style.width = m[3] + "px";
      tag.style.height = m[4] + "px";
      tag.title = m[6];
      tag.setAttribute("aria-hidden", "true");
      node.append(tag);
    });
    mark(V, box, node);
    return node;
  }

  function markItem(item, uid) {
    item.classList.toggle("match", S.matchSet.has(uid));
    item.classList.toggle("current", S.mi >= 0 && S.matches[S.mi] === uid);
    item.classList.toggle("selected", S.selected === uid);
    item.setAttribute("aria-selected", S.selected === uid ? "true" : "false");
  }
  function mark(V, box, node) {
    node.classList.toggle("path", S.pathSet.has(box.i));
    if (box.kind === "unit") { markItem(node, box.entries[0][0]); return; }
    Array.prototype.forEach.call(node.querySelectorAll(".entry"), function (item) {
      markItem(item, item.dataset.unitId);
    });
  }
  // Highlights change only where a mark was or now is, so a search costs what it finds,
  // not what is drawn.
  var marked = { units: new Set(), boxes: new Set() };
  function remark() {
    var V = S.V, units = new Set(S.matchSet), boxes = new Set(S.pathSet);
    if (S.selected) units.add(S.selected);
    marked.units.forEach(function (u) { units.add(u); });
    marked.boxes.forEach(function (b) { boxes.add(b); });
    units.forEach(function (uid) { var item = itemOf(uid); if (item) markItem(item, uid); });
    boxes.forEach(function (i) {
      var node = drawn.get(i);
      if (node && V.boxes[i]) node.classList.toggle("path", S.pathSet.has(i));
    });
    marked.units = new Set(S.matchSet);
    if (S.selected) marked.units.add(S.selected);
    marked.boxes = new Set(S.pathSet);
  }

  var detailed = null;
  function draw() {
    var V = S.V;
    if (!V) return;
    var near = S.k >= LOD || S.printing;
    if (detailed !== null && near !== detailed) clearDrawn();
    detailed = near;
    var vw = viewport.clientWidth, vh = viewport.clientHeight, pad = 200 / S.k;
    var x0 = -S.tx / S.k - pad, y0 = -S.ty / S.k - pad;
    var x1 = (vw - S.tx) / S.k + pad, y1 = (vh - S.ty) / S.k + pad;
    var keep = new Set(), focused = document.activeElement;
    V.boxes.forEach(function (b) {
      if (!V.visible[b.i]) return;
      if (S.printing || (b.mx < x1 && b.mx + b.w > x0 && b.my < y1 && b.my + b.h > y0)) keep.add(b.i);
    });
    drawn.forEach(function (node, i) {
      if (!keep.has(i) && !node.contains(focused)) { node.remove(); drawn.delete(i); }
    });
    var fresh = document.createDocumentFragment();
    keep.forEach(function (i) {
      if (!drawn.has(i)) { var node = makeBox(V, V.boxes[i]); drawn.set(i, node); fresh.append(node); }
    });
    tree.append(fresh);
    var wfresh = document.createDocumentFragment();
    V.wires.forEach(function (w, i) {
      var on = w.show && (S.printing || (w.bb[0] < x1 && w.bb[2] > x0 && w.bb[1] < y1 && w.bb[3] > y0));
      var have = drawnWires.get(i);
      if (on && !have) {
        var path = document.createElementNS(SVGNS, "path");
        path.setAttribute("d", w.d);
        path.setAttribute("class", w.kind);
        if (w.arrow) path.setAttribute("marker-end", "url(#arrow)");
        drawnWires.set(i, path);
        wfresh.append(path);
      } else if (!on && have) { have.remove(); drawnWires.delete(i); }
    });
    wires.append(wfresh);
  }

  function transform() {
    stage.style.transform = "translate(" + S.tx + "px," + S.ty + "px) scale(" + S.k + ")";
    schedule();
  }
  function zoomAt(factor, mx, my) {
    var k = Math.min(4, Math.max(0.01, S.k * factor));
    S.tx = mx - (mx - S.tx) * k / S.k;
    S.ty = my - (my - S.ty) * k / S.k;
    S.k = k;
    transform();
  }
  function zoomBy(f) { zoomAt(f, viewport.clientWidth / 2, viewport.clientHeight / 2); }
  function fit() {
    var V = S.V, vw = viewport.clientWidth || 800, vh = viewport.clientHeight || 600;
    var k = Math.min(1.5, 0.95 * Math.min(vw / Math.max(V.width, 1), vh / Math.max(V.height, 1)));
    S.k = Math.max(k, 0.01);
    S.tx = (vw - V.width * S.k) / 2;
    S.ty = Math.max(8, (vh - V.height * S.k) / 2);
    transform();
  }
  // The whole chart when it can be read at that size; else the top of it, readable.
  function start() {
    fit();
    if (S.k >= LOD) return;
    var root = S.V.boxes[S.V.order[0]];
    S.k = 0.75;
    S.tx = viewport.clientWidth / 2 - (root.mx + root.w / 2) * S.k;
    S.ty = 12 - root.my * S.k;
    transform();
  }
  function centerOn(box) {
    var vw = viewport.clientWidth, vh = viewport.clientHeight;
    if (S.k < 0.6) S.k = 0.9;
    S.tx = vw / 2 - (box.mx + box.w / 2) * S.k;
    S.ty = vh / 3 - (box.my + box.h / 2) * S.k;
    transform();
  }
  function inView(box) {
    var vw = viewport.clientWidth, vh = viewport.clientHeight;
    var x = box.mx * S.k + S.tx, y = box.my * S.k + S.ty;
    return x >= 0 && y >= 0 && x + box.w * S.k <= vw && y + box.h * S.k <= vh;
  }

  /* ------------------------------------------------------------ expand, collapse, reveal */
  function toggle(box, close) {
    var V = S.V;
    if (box.kind !== "unit" || !box.kids.length) return;
    var uid = box.entries[0][0];
    S.user.set(uid, close === undefined ? !collapsed(V, box) : close);
    relayout();
    draw();
    var node = drawn.get(box.i);
    if (!node) { centerOn(box); draw(); }
  }
  function setAll(close) {
    S.V.boxes.forEach(function (b) { if (b.kind === "unit" && b.kids.length) S.user.set(b.entries[0][0], close); });
    relayout();
    fit();
    draw();
  }
  function reveal(uid) {
    var V = S.V, at = V.byUnit.get(uid);
    if (!at) return null;
    var box = V.boxes[at[0]], changed = false, p = box.parent;
    while (p >= 0) {
      if (collapsed(V, V.boxes[p])) { S.user.set(V.boxes[p].entries[0][0], false); changed = true; }
      p = V.boxes[p].parent;
    }
    if (changed) relayout();
    return box;
  }
  function itemOf(uid) {
    var at = S.V.byUnit.get(uid);
    if (!at) return null;
    var node = drawn.get(at[0]);
    if (!node) return null;
    return node.dataset.unitId === uid ? node : node.querySelector('[data-unit-id="' + CSS.escape(uid) + '"]');
  }
  function focusUnit(uid, opts) {
    var box = reveal(uid);
    if (!box) return;
    if (!inView(box) || (opts && opts.center)) centerOn(box);
    draw();
    S.active = uid;
    var item = itemOf(uid);
    if (item && !(opts && opts.keepFocus)) item.focus({ preventScroll: true });
  }

  /* ------------------------------------------------------------ tree keyboard */
  function sequence() {
    var V = S.V;
    if (V.seq) return V.seq;
    var seq = [];
    V.order.forEach(function (i) { if (V.visible[i]) V.boxes[i].entries.forEach(function (e) { seq.push(e[0]); }); });
    V.seq = seq;
    return seq;
  }
  tree.addEventListener("keydown", function (ev) {
    var item = ev.target.closest("[data-unit-id]");
    if (!item) return;
    var uid = item.dataset.unitId, V = S.V, at = V.byUnit.get(uid), box = V.boxes[at[0]];
    var seq = sequence(), pos = seq.indexOf(uid), next = null;
    switch (ev.key) {
      case "ArrowDown": next = seq[Math.min(seq.length - 1, pos + 1)]; break;
      case "ArrowUp": next = seq[Math.max(0, pos - 1)]; break;
      case "Home": next = seq[0]; break;
      case "End": next = seq[seq.length - 1]; break;
      case "ArrowRight":
        if (box.kind === "unit" && box.kids.length) {
          if (collapsed(V, box)) { toggle(box, false); next = uid; } else next = V.boxes[box.kids[0]].entries[0][0];
        }
        break;
      case "ArrowLeft":
        if (box.kind === "unit" && box.kids.length && !collapsed(V, box)) { toggle(box, true); next = uid; }
        else if (box.parent >= 0) next = V.boxes[box.parent].entries[0][0];
        break;
      case "Enter": case " ": select(uid); ev.preventDefault(); return;
      default: return;
    }
    ev.preventDefault();
    ev.stopPropagation();
    if (next) focusUnit(next);
  });
  tree.addEventListener("focusin", function (ev) {
    var item = ev.target.closest("[data-unit-id]");
    if (item) S.active = item.dataset.unitId;
  });

  /* ------------------------------------------------------------ pointer: pan, pinch, click */
  var pointers = new Map(), drag = null;
  viewport.addEventListener("pointerdown", function (ev) {
    pointers.set(ev.pointerId, [ev.clientX, ev.clientY]);
    drag = { x: ev.clientX, y: ev.clientY, tx: S.tx, ty: S.ty, moved: false, dist: 0, k: S.k };
    if (pointers.size === 2) {
      var p = Array.from(pointers.values());
      drag.dist = Math.hypot(p[0][0] - p[1][0], p[0][1] - p[1][1]);
      drag.mid = [(p[0][0] + p[1][0]) / 2, (p[0][1] + p[1][1]) / 2];
    }
  });
  viewport.addEventListener("pointermove", function (ev) {
    if (!drag || !pointers.has(ev.pointerId)) return;
    pointers.set(ev.pointerId, [ev.clientX, ev.clientY]);
    if (pointers.size === 2 && drag.dist) {
      var p = Array.from(pointers.values()), r = viewport.getBoundingClientRect();
      var dist = Math.hypot(p[0][0] - p[1][0], p[0][1] - p[1][1]);
      zoomAt(drag.k * dist / drag.dist / S.k, drag.mid[0] - r.left, drag.mid[1] - r.top);
      drag.moved = true;
      return;
    }
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) { drag.moved = true; viewport.classList.add("dragging"); viewport.setPointerCapture(ev.pointerId); }
    S.tx = drag.tx + dx;
    S.ty = drag.ty + dy;
    transform();
  });
  function endPointer(ev) {
    pointers.delete(ev.pointerId);
    viewport.classList.remove("dragging");
    if (!pointers.size) setTimeout(function () { drag = null; }, 0);
  }
  viewport.addEventListener("pointerup", endPointer);
  viewport.addEventListener("pointercancel", endPointer);
  viewport.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var r = viewport.getBoundingClientRect();
    zoomAt(Math.exp(-ev.deltaY * 0.0015), ev.clientX - r.left, ev.clientY - r.top);
  }, { passive: false });
  tree.addEventListener("click", function (ev) {
    if (drag && drag.moved) return;
    var boxNode = ev.target.closest("[data-box]");
    if (!boxNode) return;
    var box = S.V.boxes[Number(boxNode.dataset.box)];
    if (ev.target.closest("[data-knob]")) { toggle(box); focusUnit(box.entries[0][0]); return; }
    var item = ev.target.closest("[data-unit-id]");
    if (item) { select(item.dataset.unitId); item.focus({ preventScroll: true }); }
  });
  tree.addEventListener("dblclick", function (ev) {
    var boxNode = ev.target.closest("[data-box]");
    if (boxNode) toggle(S.V.boxes[Number(boxNode.dataset.box)]);
  });
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA")) return;
    if (ev.key === "+" || ev.key === "=") zoomBy(1.25);
    else if (ev.key === "-" || ev.key === "_") zoomBy(1 / 1.25);
    else if (ev.key === "0") fit();
    else if (ev.key === "Escape" && !panel.hidden) closePanel();
    else if (ev.key === "/") { search.focus(); }
    else if (ev.key.indexOf("Arrow") === 0 && (ev.shiftKey || t === viewport || t === document.body)) {
      var step = 60;
      if (ev.key === "ArrowLeft") S.tx += step; else if (ev.key === "ArrowRight") S.tx -= step;
      else if (ev.key === "ArrowUp") S.ty += step; else S.ty -= step;
      transform();
    } else return;
    ev.preventDefault();
  });
  window.addEventListener("resize", schedule);

  /* ------------------------------------------------------------ search */
  function keys(V) {
    if (V.keys) return V.keys;
    var out = [];
    V.order.forEach(function (i) {
      V.boxes[i].entries.forEach(function (e) {
        var d = e[1] >= 0 ? DATA.details[e[1]] : null;
        out.push([e[0], fold(e[2] + " " + e[0] + " " + (d && d.code ? d.code : ""))]);
      });
    });
    V.keys = out;
    return out;
  }
  function runSearch(query) {
    // The phrase as typed, accents aside; failing that, every word in any order.
    var V = S.V, phrase = fold(query), words = phrase.split(" ").filter(Boolean);
    S.query = query;
    S.matches = [];
    S.mi = -1;
    S.matchSet = new Set();
    S.pathSet = new Set();
    if (words.length) {
      var all = keys(V);
      all.forEach(function (k) { if (k[1].indexOf(phrase) >= 0) S.matches.push(k[0]); });
      if (!S.matches.length && words.length > 1) {
        all.forEach(function (k) {
          for (var w = 0; w < words.length; w++) if (k[1].indexOf(words[w]) < 0) return;
          S.matches.push(k[0]);
        });
      }
      S.matches.forEach(function (uid) {
        S.matchSet.add(uid);
        var p = V.boxes[V.byUnit.get(uid)[0]].parent;
        while (p >= 0 && !S.pathSet.has(p)) { S.pathSet.add(p); p = V.boxes[p].parent; }
      });
    }
    count.textContent = words.length ? S.matches.length + (S.matches.length === 1 ? " match" : " matches") : "";
    remark();
  }
  function step(dir) {
    if (!S.matches.length) return;
    S.mi = (S.mi + dir + S.matches.length) % S.matches.length;
    var uid = S.matches[S.mi];
    count.textContent = (S.mi + 1) + " of " + S.matches.length;
    focusUnit(uid, { center: true, keepFocus: true });
    select(uid, { keepFocus: true });
  }
  search.addEventListener("input", function () { runSearch(search.value); });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { ev.preventDefault(); step(ev.shiftKey ? -1 : 1); }
  });

  /* ------------------------------------------------------------ details panel */
  function detailOf(uid) {
    var at = S.V.byUnit.get(uid);
    if (at) {
      var e = S.V.boxes[at[0]].entries[at[1]];
      if (e[1] >= 0) return [DATA.details[e[1]], e[4]];
    }
    var known = DATA.names[uid];
    return known ? [DATA.details[known[1]], []] : null;
  }
  function nameOf(uid) { return DATA.names[uid] ? DATA.names[uid][0] : uid; }
  function goButton(uid, text) {
    if (!DATA.names[uid]) return el("span", null, text);
    var b = button(text, null, function () { select(uid, { focus: true }); });
    b.className = "go";
    b.dataset.goto = uid;
    return b;
  }
  function row(dl, term, value) {
    if (value === null || value === undefined || value === "") return;
    dl.append(el("dt", null, term), el("dd", null, value));
  }
  // The address follows the unit shown; a sandboxed frame (Jupyter) may refuse to change it.
  function address(fragment) {
    try { history.replaceState(null, "", (fragment || location.pathname + location.search) ); } catch (err) { /* keep it */ }
  }
  function closePanel() {
    panel.hidden = true;
    S.selected = null;
    remark();
    address("");
  }
  function select(uid, opts) {
    var found = detailOf(uid);
    if (!found) return;
    var d = found[0], status = found[1];
    S.selected = uid;
    panel.replaceChildren();
    var close = button("×", "Close the details", closePanel);
    close.className = "close";
    panel.append(close, el("h2", null, d.name));
    if (status.length && status[0] !== "kept") panel.append(el("p", "note", "Change: " + status.join(", ")));
    if (!S.V.byUnit.has(uid)) panel.append(el("p", "note", "Not on this chart (shown from the file's records)."));
    var dl = el("dl");
    row(dl, "Id", d.id);
    row(dl, "Kind", d.kind);
    row(dl, "Level", d.level);
    row(dl, "Bloc", d.bloc);
    row(dl, "Code", d.code);
    if (d.quota) {
      var q = d.quota, parts = [];
      if (q.civil_servants !== null) parts.push(q.civil_servants + " civil servants");
      if (q.public_employees !== null) parts.push(q.public_employees + " public employees");
      if (q.contracts !== null) parts.push(q.contracts + " contracts");
      row(dl, "Quota", q.total + (parts.length ? " (" + parts.join(", ") + ")" : ""));
    }
    row(dl, "Funding", d.funding);
    row(dl, "Functions", d.functions.length ? d.functions.join(", ") : null);
    row(dl, "Founded", d.founded);
    row(dl, "Ended", d.ended);
    panel.append(dl);
    if (d.posts.length) {
      panel.append(el("h3", null, "Posts"));
      var ul = el("ul", "posts");
      d.posts.forEach(function (p) {
        var li = el("li", "post");
        li.append(el("span", "title", p.title));
        if (!p.holders.length) li.append(el("span", "tag vacant", "vacant"));
        p.holders.forEach(function (h) {
          li.append(document.createTextNode(": "), el("span", "holder", h.name));
          if (h.acting) li.append(el("span", "tag acting", "acting"));
          if (h.also.length) {
            var tag = el("span", "tag concurrent", "concurrent");
            tag.title = "also " + h.also.join("; ");
            li.append(tag, el("span", "note", " also " + h.also.join("; ")));
          }
        });
        ul.append(li);
      });
      panel.append(ul);
    }
    if (d.links.length) {
      panel.append(el("h3", null, "Links"));
      var lu = el("ul", "links");
      d.links.forEach(function (l) {
        var li = el("li");
        li.append(el("span", null, l.kind + (l.dir === "to" ? " → " : " ← ")), goButton(l.other, nameOf(l.other)));
        if (l.note) li.append(el("span", "note", " (" + l.note + ")"));
        lu.append(li);
      });
      panel.append(lu);
    }
    [["Came from", d.came_from], ["Became", d.became]].forEach(function (pair) {
      if (!pair[1].length) return;
      panel.append(el("h3", null, pair[0]));
      var list = el("ul", "lineage");
      pair[1].forEach(function (x) {
        var li = el("li");
        li.append(goButton(x.id, nameOf(x.id)), el("span", "note", " " + x.change + (x.date ? ", " + x.date : "")));
        list.append(li);
      });
      panel.append(list);
    });
    panel.hidden = false;
    address("#unit=" + encodeURIComponent(uid));
    remark();
    if (opts && opts.focus && S.V.byUnit.has(uid)) focusUnit(uid, { center: true });
    else if (opts && opts.focus) close.focus();
  }

  /* ------------------------------------------------------------ switching views */
  function showView(vi) {
    var first = S.vi < 0;
    S.vi = vi;
    S.V = prepare(vi);
    var view = DATA.views[vi];
    dateText.textContent = view.diff ? view.label : (view.date ? "as of " + view.date : "");
    compareButtons.forEach(function (pair) { pair[1].setAttribute("aria-pressed", pair[0] === vi ? "true" : "false"); });
    if (DATA.timeline) {
      var on = -1;
      DATA.timeline.forEach(function (t, i) { if (t[1] === vi) on = i; });
      if (on >= 0 || first) {
        var at = on >= 0 ? on : DATA.timeline.length - 1;
        slider.value = String(at);
        sliderOut.textContent = DATA.timeline[at][0];
        slider.setAttribute("aria-valuetext", DATA.timeline[at][0]);
      }
    }
    legend(view.diff);
    relayout();
    if (first) start(); else transform();
    if (S.query) runSearch(S.query);
    draw();
    if (S.selected) {
      if (detailOf(S.selected)) select(S.selected); else closePanel();
    }
  }
  function legend(on) {
    legendBox.hidden = !on;
    if (!on || legendBox.childNodes.length) return;
    legendBox.append(el("strong", null, "Legend:"));
    DATA.legend.forEach(function (s) {
      if (s.status === "changed") return;
      var item = el("span"), sw = el("span", "swatch");
      sw.style.border = "1px solid";
      applyStyle(sw, s.status);
      sw.style.borderWidth = s.width + "px";
      item.title = s.meaning;
      item.append(sw, el("span", null, s.badge || s.status));
      legendBox.append(item);
    });
    [["thick arrow", "lineage: became (part of)"], ["dashed line", "one person holds both posts"],
      ["dotted line", "link"]].forEach(function (p) { legendBox.append(el("span", null, p[0] + ": " + p[1])); });
  }

  /* ------------------------------------------------------------ export and print */
  function exportSVG() {
    var V = S.V, pad = 10, W = Math.ceil(V.width + 2 * pad), H = Math.ceil(V.height + 2 * pad);
    var svg = document.createElementNS(SVGNS, "svg");
    svg.setAttribute("xmlns", SVGNS);
    svg.setAttribute("width", String(W));
    svg.setAttribute("height", String(H));
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    svg.setAttribute("font-family", "Noto Sans, DejaVu Sans, sans-serif");
    var title = document.createElementNS(SVGNS, "title");
    title.textContent = DATA.title;
    svg.append(title);
    var bg = document.createElementNS(SVGNS, "rect");
    bg.setAttribute("width", String(W)); bg.setAttribute("height", String(H)); bg.setAttribute("fill", "#ffffff");
    svg.append(bg);
    svg.append(arrowDefs());
    var g = document.createElementNS(SVGNS, "g");
    g.setAttribute("transform", "translate(" + pad + "," + pad + ")");
    svg.append(g);
    var styles = { parent: ["#6b6b6b", "1.2", ""], lineage: ["#a04a00", "2.2", ""], concurrent: ["#1f3b73", "1.2", "6 4"], link: ["#555555", "1.2", "2 3"] };
    V.wires.forEach(function (w) {
      if (!w.show) return;
      var p = document.createElementNS(SVGNS, "path"), s = styles[w.kind] || styles.parent;
      p.setAttribute("d", w.d); p.setAttribute("fill", "none"); p.setAttribute("stroke", s[0]);
      p.setAttribute("stroke-width", s[1]); if (s[2]) p.setAttribute("stroke-dasharray", s[2]);
      if (w.arrow) p.setAttribute("marker-end", "url(#arrow)");
      g.append(p);
    });
    function rect(x, y, w, h, status, width) {
      var st = LEGEND[status] || { fill: "#ffffff", color: "#555555", border: "" };
      var r = document.createElementNS(SVGNS, "rect");
      r.setAttribute("x", x.toFixed(1)); r.setAttribute("y", y.toFixed(1));
      r.setAttribute("width", w.toFixed(1)); r.setAttribute("height", h.toFixed(1));
      r.setAttribute("fill", st.fill); r.setAttribute("stroke", st.color); r.setAttribute("stroke-width", String(width));
      if (st.border === "dashed") r.setAttribute("stroke-dasharray", "6 3");
      if (st.border === "dotted") r.setAttribute("stroke-dasharray", "2 2");
      if (st.border === "rounded") r.setAttribute("rx", "6");
      g.append(r);
    }
    function texts(e, x, y) {
      var group = document.createElementNS(SVGNS, "g");
      group.setAttribute("data-unit-id", e[0]);
      e[3].forEach(function (r) {
        r[3].split("\n").forEach(function (line, n) {
          var t = document.createElementNS(SVGNS, "text");
          t.setAttribute("x", x.toFixed(1));
          t.setAttribute("y", (y + r[1] * LINE * (n + 0.78)).toFixed(1));
          t.setAttribute("font-size", String(r[1]));
          t.setAttribute("fill", "#1a1a1a");
          if (r[0] === "name" || r[0] === "badge") t.setAttribute("font-weight", "700");
          if (r[0] === "more") t.setAttribute("font-style", "italic");
          if (r[0] === "name" && ENDED[e[4][0]]) t.setAttribute("text-decoration", "line-through");
          t.textContent = line;
          group.append(t);
        });
        y += r[2];
      });
      g.append(group);
    }
    V.boxes.forEach(function (b) {
      if (!V.visible[b.i]) return;
      var half = b.border / 2;
      rect(b.mx + half, b.my + half, b.w - b.border, b.h - b.border, b.status[0], b.border);
      if (b.kind === "list") {
        b.entries.forEach(function (e) {
          if (!e[5]) return;
          var x = b.mx + e[5][0] - b.x, y = b.my + e[5][1] - b.y, h2 = e[6] / 2;
          rect(x + h2, y + h2, e[5][2] - e[6], e[5][3] - e[6], e[4][0], e[6]);
          texts(e, x + e[6] + PAD, y + e[6] + PAD);
        });
      } else {
        texts(b.entries[0], b.mx + b.border + PAD, b.my + b.border + PAD);
      }
      (V.marks.get(b.i) || []).forEach(function (m) {
        var x = b.mx + m[1] - b.x, y = b.my + m[2] - b.y;
        rect(x, y, m[3], m[4], null, 1);
        var t = document.createElementNS(SVGNS, "text");
        t.setAttribute("x", (x + 2).toFixed(1)); t.setAttribute("y", (y + m[4] - 3).toFixed(1));
        t.setAttribute("font-size", "8"); t.setAttribute("fill", "#1a1a1a");
        t.textContent = m[5];
        var tip = document.createElementNS(SVGNS, "title");
        tip.textContent = m[6];
        t.append(tip);
        g.append(t);
      });
    });
    return new XMLSerializer().serializeToString(svg);
  }
  function save(blob, name) {
    var a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }
  function fileName(ext) {
    var base = DATA.title.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d")
      .replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || "chart";
    return base + "." + ext;
  }
  function download(kind) {
    var text = exportSVG();
    if (kind === "svg") { save(new Blob([text], { type: "image/svg+xml" }), fileName("svg")); return Promise.resolve(); }
    return new Promise(function (resolve, reject) {
      var img = new Image();
      img.onload = function () {
        var scale = Math.min(2, 16000 / Math.max(img.width, img.height, 1));
        var canvas = el("canvas");
        canvas.width = Math.max(1, Math.round(img.width * scale));
        canvas.height = Math.max(1, Math.round(img.height * scale));
        var ctx = canvas.getContext("2d");
        ctx.scale(scale, scale);
        ctx.drawImage(img, 0, 0);
        canvas.toBlob(function (blob) { if (blob) { save(blob, fileName("png")); resolve(); } else reject(new Error("PNG")); }, "image/png");
      };
      img.onerror = function () { reject(new Error("the SVG did not load")); };
      img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(text);
    });
  }
  var beforePrint = null;
  window.addEventListener("beforeprint", function () {
    beforePrint = [S.k, S.tx, S.ty];
    S.printing = true;
    var k = Math.min(1, 1000 / Math.max(S.V.width, 1));
    S.k = k; S.tx = 0; S.ty = 0;
    stage.style.transform = "scale(" + k + ")";
    viewport.style.height = Math.ceil(S.V.height * k + 20) + "px";
    draw();
  });
  window.addEventListener("afterprint", function () {
    S.printing = false;
    viewport.style.height = "";
    if (beforePrint) { S.k = beforePrint[0]; S.tx = beforePrint[1]; S.ty = beforePrint[2]; }
    clearDrawn();
    transform();
  });

  /* ------------------------------------------------------------ start */
  function fromHash() {
    var m = /^#unit=(.+)$/.exec(location.hash);
    if (!m) return;
    var uid;
    try { uid = decodeURIComponent(m[1]); } catch (err) { return; }
    if (!detailOf(uid)) return;
    if (S.V.byUnit.has(uid)) focusUnit(uid, { center: true });
    select(uid);
  }
  window.addEventListener("hashchange", fromHash);
  showView(DATA.initial || 0);
  fromHash();
  window.orgraphViewer = {
    readyMs: performance.now(),
    scriptMs: performance.now() - T0,
    search: function (q) { search.value = q; runSearch(q); return S.matches.slice(); },
    view: showView,
    exportSVG: exportSVG,
    download: download,
    state: function () {
      if (frame) { cancelAnimationFrame(frame); frame = 0; draw(); }
      return { view: DATA.views[S.vi].key, k: S.k, tx: S.tx, ty: S.ty, drawn: drawn.size, matches: S.matches.length }; }
  };
  setTimeout(function () { keys(S.V); }, 0);
  document.body.dataset.ready = "true";
})();
