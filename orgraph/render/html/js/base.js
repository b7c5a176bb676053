/* Helpers, the parsed data and the page's skeleton (toolbar, chart area, panel). */
var T0 = performance.now();
var DATA = JSON.parse(document.getElementById("orgraph-data").textContent);
var SVGNS = "http://www.w3.org/2000/svg";
var LEGEND = {};
DATA.legend.forEach(function (s) { LEGEND[s.status] = s; });
var ENDED = { merged: 1, split: 1, dissolved: 1 };
// The page's own words, in the language the page was written in (orgraph.labels).
var WORDS = DATA.words || {};
function t(key) { return WORDS[key] !== undefined ? WORDS[key] : key; }
function statusWords(list) { return list.map(function (s) { return t("status." + s); }).join(", "); }
function changeWord(code) { return WORDS["change." + code] !== undefined ? WORDS["change." + code] : code; }
var PAD = 4;  // padding inside a box or list item (points)
var LINE = 1.38;
var LOD = 0.2;  // below this zoom, boxes are drawn without their text  // line height over font size, as the placement measured it

/* helpers */
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

/* the page skeleton */
document.title = DATA.title;
var bar = el("header", "bar");
var h1 = el("h1", null, DATA.title);
var dateText = el("span", "date");
bar.append(h1, dateText);
var compareGroup = null, compareButtons = [];
if (DATA.compare) {
  compareGroup = el("div", "group");
  compareGroup.setAttribute("role", "group");
  compareGroup.setAttribute("aria-label", t("before_after"));
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
  var lab = el("label", null, t("date"));
  slider = el("input");
  slider.type = "range";
  slider.min = "0";
  slider.max = String(DATA.timeline.length - 1);
  slider.step = "1";
  slider.setAttribute("aria-label", t("date_label"));
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
search.placeholder = t("search");
search.setAttribute("aria-label", t("search_label"));
var count = el("span", "count");
count.setAttribute("aria-live", "polite");
sg.append(search, count);
bar.append(sg);
var tools = el("div", "group");
tools.append(
  button("−", t("zoom_out"), function () { zoomBy(1 / 1.25); }),
  button("+", t("zoom_in"), function () { zoomBy(1.25); }),
  button(t("fit"), t("fit_label"), function () { fit(); }),
  button(t("expand"), null, function () { setAll(false); }),
  button(t("collapse"), null, function () { setAll(true); }),
  button("SVG", t("svg"), function () { download("svg"); }),
  button("PNG", t("png"), function () { download("png"); })
);
bar.append(tools);
var main = el("main");
var viewport = el("div", "viewport");
viewport.tabIndex = 0;
viewport.setAttribute("aria-label", t("area"));
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
tree.setAttribute("aria-label", t("chart"));
stage.append(wires, tree);
viewport.append(stage);
var legendBox = el("div", "legend");
legendBox.setAttribute("role", "note");
legendBox.setAttribute("aria-label", t("legend"));
legendBox.hidden = true;
var panel = el("aside", "panel");
panel.setAttribute("role", "region");
panel.setAttribute("aria-label", t("details"));
panel.hidden = true;
main.append(viewport, panel);
document.body.append(bar, legendBox, main);
