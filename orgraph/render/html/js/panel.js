/* The details panel: attributes, posts and holders, links, lineage. */
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
  var close = button("×", t("close"), closePanel);
  close.className = "close";
  panel.append(close, el("h2", null, d.name));
  if (status.length && status[0] !== "kept") panel.append(el("p", "note", t("change") + statusWords(status)));
  if (!S.V.byUnit.has(uid)) panel.append(el("p", "note", t("not_drawn")));
  var dl = el("dl");
  row(dl, "Id", d.id);
  row(dl, t("kind"), d.kind);
  row(dl, t("level"), d.level);
  row(dl, t("bloc"), d.bloc);
  row(dl, t("code"), d.code);
  if (d.quota) {
    var q = d.quota, parts = [];
    if (q.civil_servants !== null) parts.push(q.civil_servants + t("civil_servants"));
    if (q.public_employees !== null) parts.push(q.public_employees + t("public_employees"));
    if (q.contracts !== null) parts.push(q.contracts + t("contracts"));
    row(dl, t("quota"), q.total + (parts.length ? " (" + parts.join(", ") + ")" : ""));
  }
  row(dl, t("funding"), d.funding);
  row(dl, t("functions"), d.functions.length ? d.functions.join(", ") : null);
  row(dl, t("founded"), d.founded);
  row(dl, t("ended"), d.ended);
  panel.append(dl);
  if (d.posts.length) {
    panel.append(el("h3", null, t("posts")));
    var ul = el("ul", "posts");
    d.posts.forEach(function (p) {
      var li = el("li", "post");
      li.append(el("span", "title", p.title));
      if (!p.holders.length) li.append(el("span", "tag vacant", t("vacant")));
      p.holders.forEach(function (h) {
        li.append(document.createTextNode(": "), el("span", "holder", h.name));
        if (h.acting) li.append(el("span", "tag acting", t("acting")));
        if (h.also.length) {
          var tag = el("span", "tag concurrent", t("concurrent"));
          tag.title = t("also") + h.also.join("; ");
          li.append(tag, el("span", "note", " " + t("also") + h.also.join("; ")));
        }
      });
      ul.append(li);
    });
    panel.append(ul);
  }
  if (d.links.length) {
    panel.append(el("h3", null, t("links")));
    var lu = el("ul", "links");
    d.links.forEach(function (l) {
      var li = el("li");
      li.append(el("span", null, l.kind + (l.dir === "to" ? " → " : " ← ")), goButton(l.other, nameOf(l.other)));
      if (l.note) li.append(el("span", "note", " (" + l.note + ")"));
      lu.append(li);
    });
    panel.append(lu);
  }
  [[t("came_from"), d.came_from], [t("became"), d.became]].forEach(function (pair) {
    if (!pair[1].length) return;
    panel.append(el("h3", null, pair[0]));
    var list = el("ul", "lineage");
    pair[1].forEach(function (x) {
      var li = el("li");
      li.append(goButton(x.id, nameOf(x.id)), el("span", "note", " " + changeWord(x.change) + (x.date ? ", " + x.date : "")));
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
