/* Drawing only what is on screen; pan, zoom and fit; opening and closing subtrees. */
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
  var label = e[2] + (e[4].length && e[4][0] !== "kept" ? " (" + statusWords(e[4]) + ")" : "");
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
