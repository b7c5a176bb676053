/* Accent-insensitive search by name, id and code, with the path to the root. */
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
  count.textContent = words.length ? S.matches.length + (S.matches.length === 1 ? t("match") : t("matches")) : "";
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
