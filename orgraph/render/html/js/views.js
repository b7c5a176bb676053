/* Switching between views (before/after, timeline) and the legend. */
function showView(vi) {
  var first = S.vi < 0;
  S.vi = vi;
  S.V = prepare(vi);
  var view = DATA.views[vi];
  dateText.textContent = view.diff ? view.label : (view.date ? t("as_of") + view.date : "");
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
  legendBox.append(el("strong", null, t("legend_title")));
  DATA.legend.forEach(function (s) {
    if (s.status === "changed") return;
    var item = el("span"), sw = el("span", "swatch");
    sw.style.border = "1px solid";
    applyStyle(sw, s.status);
    sw.style.borderWidth = s.width + "px";
    item.title = s.meaning;
    item.append(sw, el("span", null, s.badge || t("status." + s.status)));
    legendBox.append(item);
  });
  [[t("thick_arrow"), t("lineage")], [t("dashed"), t("both_posts")],
    [t("dotted"), t("link")]].forEach(function (p) { legendBox.append(el("span", null, p[0] + ": " + p[1])); });
}
