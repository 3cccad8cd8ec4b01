// Jixiao: search over window.JIXIAO_INDEX (loaded from search-index.js, so it works from
// file://), and opening every issue list before printing.
(function () {
  "use strict";

  // Chinese has no spaces between words: match any fragment (substring), and rank
  // near misses by shared character pairs (bigrams).
  function norm(s) {
    return (s || "").normalize("NFKC").toLowerCase().replace(/\s+/g, "");
  }
  function bigrams(s) {
    var out = [];
    for (var i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
    return out.length ? out : [s];
  }
  function score(entry, terms) {
    var hay = entry._hay || (entry._hay = norm([entry.t, entry.a, entry.u, entry.c, entry.y, entry.k].join(" ")));
    var name = norm(entry.t);
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i];
      if (hay.indexOf(term) >= 0) {
        total += name.indexOf(term) >= 0 ? 3 : 2;
        continue;
      }
      var pairs = bigrams(term), hits = 0;
      for (var j = 0; j < pairs.length; j++) if (hay.indexOf(pairs[j]) >= 0) hits++;
      if (pairs.length < 2 || hits / pairs.length < 0.5) return 0;
      total += hits / pairs.length;
    }
    return total;
  }
  function search(query) {
    var terms = (query || "").split(/\s+/).map(norm).filter(Boolean);
    if (!terms.length) return [];
    var index = window.JIXIAO_INDEX || [];
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var s = score(index[i], terms);
      if (s > 0) hits.push({ entry: index[i], score: s });
    }
    hits.sort(function (a, b) { return b.score - a.score || a.entry.t.localeCompare(b.entry.t, "zh"); });
    return hits.slice(0, 200);
  }
  function text(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (cls) el.className = cls;
    return el;
  }
  function show(query) {
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    if (!list || !status) return;
    while (list.firstChild) list.removeChild(list.firstChild);
    var hits = search(query);
    status.textContent = query ? "「" + query + "」：找到 " + hits.length + " 条结果" : "";
    hits.forEach(function (hit) {
      var e = hit.entry, li = document.createElement("li"), a = document.createElement("a");
      a.href = e.h;
      a.textContent = e.t;
      li.appendChild(a);
      var meta = [e.k, e.a, e.u, e.c, e.y].filter(Boolean).join(" · ");
      li.appendChild(text("div", meta, "meta"));
      list.appendChild(li);
    });
  }

  var form = document.getElementById("search-form");
  if (form) {
    var input = document.getElementById("q");
    var params = new URLSearchParams(window.location.search);
    var initial = params.get("q") || "";
    input.value = initial;
    show(initial);
    input.addEventListener("input", function () { show(input.value); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      show(input.value);
    });
  }

  window.addEventListener("beforeprint", function () {
    var open = document.querySelectorAll("details");
    for (var i = 0; i < open.length; i++) open[i].setAttribute("open", "");
  });
})();
