/* The tree's keyboard navigation, and mouse, touch and keyboard panning and zooming. */
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
