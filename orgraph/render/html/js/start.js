/* Start: the first view, #unit=ID, and the handle the tests drive. */
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
