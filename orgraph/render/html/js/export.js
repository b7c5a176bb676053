/* SVG and PNG export of the chart as it is, and printing. */
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
