/* Views: each view's boxes and tree order, and which boxes show once subtrees close. */
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
