// svodka dashboard: plain JS, no CDN, no innerHTML with data (every article text is set as textContent).
"use strict";
const TYPES = ["ACCUSE","AGREE","AID","ASSAULT","COERCE","CONCEDE","CONSULT","COOPERATE","MOBILIZE","PROTEST",
  "REJECT","REQUEST","RETREAT","SANCTION","SUPPORT","THREATEN"];
const view = document.getElementById("view");
const form = document.getElementById("filters");
let basemap = null;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") node.textContent = v; else if (v !== null && v !== undefined) node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}
function svg(tag, attrs = {}) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}
async function api(path, params = {}) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params)) if (v) url.searchParams.set(k, v);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return res.json();
}
function filters() {
  const data = new FormData(form);
  const out = {};
  for (const [k, v] of data.entries()) if (v) out[k] = v;
  return out;
}
function link(text, hash) { return el("a", {href: hash, text}); }
function names(list) { return (list || []).join(", "); }

async function overview(extra = {}) {
  const params = {...filters(), ...extra};
  const [timeline, points, events] = await Promise.all([
    api("/api/timeline", params), api("/api/map", params), api("/api/events", {...params, limit: 100})]);
  const timelinePanel = el("section", {class: "panel", id: "timeline"}, el("h2", {text: "Timeline: event reports per day"}));
  timelinePanel.append(drawTimeline(timeline.rows));
  const mapPanel = el("section", {class: "panel", id: "map"}, el("h2", {text: "Map: places of events"}));
  mapPanel.append(drawMap(points.rows));
  view.replaceChildren(el("div", {class: "panels"}, timelinePanel, mapPanel), eventTable(events));
}

function drawTimeline(rows) {
  const byDay = new Map();
  for (const r of rows) byDay.set(r.day, (byDay.get(r.day) || 0) + r.reports);
  const days = [...byDay.keys()].sort();
  const box = svg("svg", {viewBox: "0 0 360 120", role: "img", "aria-label": "timeline"});
  if (!days.length) { const t = svg("text", {x: 10, y: 60}); t.textContent = "no dated events"; box.append(t); return box; }
  const first = Date.parse(days[0]), last = Date.parse(days[days.length - 1]);
  const span = Math.max(1, (last - first) / 86400000 + 1);
  const max = Math.max(...byDay.values());
  const width = Math.max(1, 340 / span);
  for (const day of days) {
    const x = 10 + ((Date.parse(day) - first) / 86400000) * (340 / span);
    const h = 100 * byDay.get(day) / max;
    const bar = svg("rect", {class: "bar", x, y: 105 - h, width: Math.max(.8, width - .4), height: Math.max(h, .5)});
    const title = svg("title"); title.textContent = `${day}: ${byDay.get(day)} reports`; bar.append(title);
    bar.addEventListener("click", () => { form.start.value = day; form.end.value = day; route(); });
    box.append(bar);
  }
  for (const [x, label] of [[10, days[0]], [300, days[days.length - 1]]]) {
    const t = svg("text", {x, y: 115}); t.textContent = label; box.append(t);
  }
  return box;
}

function drawMap(rows) {
  const box = svg("svg", {viewBox: "0 0 360 180", role: "img", "aria-label": "map"});
  for (const c of (basemap && basemap.countries) || []) box.append(svg("path", {class: "land", d: c.d}));
  const max = Math.max(1, ...rows.map(r => r.reports));
  for (const r of rows) {
    const dot = svg("circle", {class: "point", cx: r.lon + 180, cy: 90 - r.lat, r: 1 + 3 * Math.sqrt(r.reports / max),
      "data-place": r.place});
    const title = svg("title"); title.textContent = `${r.name}: ${r.reports} reports`;
    dot.append(title);
    dot.addEventListener("click", () => { location.hash = `#/place/${encodeURIComponent(r.place)}`; });
    box.append(dot);
  }
  return box;
}

function eventTable(data) {
  const table = el("table", {id: "events"}, el("tr", {}, ...["Date", "Type", "Who", "Whom", "Where", "Trigger", "Source"].map(h => el("th", {text: h}))));
  for (const r of data.rows) {
    const source = link(r.title || r.doc_id, `#/doc/${encodeURIComponent(r.doc_id)}/${r.trigger_start}/${r.trigger_end}`);
    table.append(el("tr", {class: "event"},
      el("td", {text: r.date_value || r.day || "", class: r.date_resolved ? "" : "muted"}),
      el("td", {}, el("span", {class: "type", text: r.type})),
      el("td", {text: names(r.actor_names)}), el("td", {text: names(r.recipient_names)}),
      el("td", {text: r.place_name || ""}), el("td", {text: r.trigger_text}),
      el("td", {}, source, r.source_names && r.source_names.length ? el("div", {class: "muted", text: "per " + names(r.source_names)}) : "")));
  }
  return el("section", {}, el("h2", {text: `Events (${data.total} reports)`}), table);
}

async function documentView(docId, start, end) {
  const rec = await api(`/api/documents/${encodeURIComponent(docId)}`);
  const text = rec.text || "";
  const s = Number(start), e = Number(end);
  const article = el("article", {class: "doc", id: "document"});
  if (Number.isInteger(s) && Number.isInteger(e) && s >= 0 && e <= text.length && s < e) {
    // the sentence around the span: from the previous sentence end to the next one
    let a = s; while (a > 0 && !".!?\n".includes(text[a - 1])) a--;
    let b = e; while (b < text.length && !".!?\n".includes(text[b])) b++;
    if (b < text.length) b++;
    const sentence = el("span", {class: "sentence"}, text.slice(a, s), el("mark", {text: text.slice(s, e)}), text.slice(e, b));
    article.append(text.slice(0, a), sentence, text.slice(b));
  } else {
    article.textContent = text;
  }
  const ents = el("ul", {});
  for (const ent of rec.entities || []) {
    ents.append(el("li", {}, ent.store_id ? link(ent.name, `#/entity/${encodeURIComponent(ent.store_id)}`) : ent.name,
      el("span", {class: "muted", text: ` ${ent.type}${ent.subtype ? "/" + ent.subtype : ""}`})));
  }
  view.replaceChildren(el("h2", {text: rec.title || rec.id}),
    el("p", {class: "muted", text: `${rec.date || "undated"} · ${rec.source || ""} · story `},
      link(rec.story_id || "", `#/story/${encodeURIComponent(rec.story_id || "")}`)),
    article, el("h3", {text: "Entities"}), ents);
  const mark = article.querySelector("mark");
  if (mark) mark.scrollIntoView({block: "center"});
}

async function entityView(id) {
  const data = await api(`/api/entities/${encodeURIComponent(id)}`);
  const events = await api("/api/events", {entity: id, limit: 100});
  const docs = el("ul", {});
  for (const d of data.documents) docs.append(el("li", {}, link(d.title || d.id, `#/doc/${encodeURIComponent(d.id)}`), ` ${d.day || ""}`));
  view.replaceChildren(el("h2", {text: `${data.entity.name} (${data.entity.type})`}),
    el("p", {class: "muted", text: `${data.entity.name_en || ""} · also: ${data.aliases.join(", ")}`}),
    eventTable(events), el("h3", {text: "Documents"}), docs);
}

async function storyView(id) {
  const docs = await api("/api/documents", {story: id, limit: 200});
  const events = await api("/api/events", {story: id, limit: 200});
  const list = el("ul", {});
  for (const d of docs.rows) list.append(el("li", {}, link(d.title || d.id, `#/doc/${encodeURIComponent(d.id)}`), ` ${d.day || ""}`));
  view.replaceChildren(el("h2", {text: `Story ${id}`}), list, eventTable(events));
}

async function listView(kind) {
  const data = await api(`/api/${kind}`, {...filters(), limit: 200});
  const table = el("table", {id: kind});
  if (kind === "entities") {
    table.append(el("tr", {}, ...["Name", "Type", "English", "Documents"].map(h => el("th", {text: h}))));
    for (const r of data.rows) table.append(el("tr", {}, el("td", {}, link(r.name, `#/entity/${encodeURIComponent(r.entity_id)}`)),
      el("td", {text: r.type + (r.subtype ? "/" + r.subtype : "")}), el("td", {text: r.name_en || ""}), el("td", {text: r.documents})));
  } else if (kind === "stories") {
    table.append(el("tr", {}, ...["Story", "Documents", "From", "To"].map(h => el("th", {text: h}))));
    for (const r of data.rows) table.append(el("tr", {}, el("td", {}, link(r.title || r.story_id, `#/story/${encodeURIComponent(r.story_id)}`)),
      el("td", {text: r.documents}), el("td", {text: r.first_day || ""}), el("td", {text: r.last_day || ""})));
  } else {
    table.append(el("tr", {}, ...["Date", "Kind", "Value", "Qualifier", "Text", "Sources", "Document"].map(h => el("th", {text: h}))));
    for (const r of data.rows) table.append(el("tr", {}, el("td", {text: r.day || ""}), el("td", {text: r.kind}),
      el("td", {text: r.value}), el("td", {text: r.qualifier}), el("td", {text: r.text}), el("td", {text: names(r.sources)}),
      el("td", {}, link(r.title || r.doc_id, `#/doc/${encodeURIComponent(r.doc_id)}/${r.start}/${r.end}`))));
  }
  view.replaceChildren(table);
}

// The сводка page: the report of /api/report drawn with textContent only; every sentence links to its sources.
function reportParams() {
  const query = new URLSearchParams(location.hash.split("?")[1] || "");
  const out = {lang: query.get("lang") || "ru"};
  for (const k of ["place", "entity", "story"]) if (query.get(k)) out[k] = query.get(k);
  const f = filters();
  for (const k of ["start", "end"]) if (query.get(k) || f[k]) out[k] = query.get(k) || f[k];
  return out;
}

function drawReportMap(places) {
  // the base map scaled into a 480 x 240 drawing, so dots and labels keep one size at any zoom
  const points = places.filter(p => p.lat !== null && p.lon !== null);
  if (!points.length) return null;
  const xs = points.map(p => p.lon + 180), ys = points.map(p => 90 - p.lat);
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2, cy = (Math.min(...ys) + Math.max(...ys)) / 2;
  const w = Math.max(24, (Math.max(...xs) - Math.min(...xs)) * 1.4, (Math.max(...ys) - Math.min(...ys)) * 2.8);
  const x0 = cx - w / 2, y0 = cy - w / 4, scale = 480 / w;
  const box = svg("svg", {class: "map", viewBox: "0 0 480 240", role: "img", "aria-label": "map"});
  const land = svg("g", {transform: `scale(${scale}) translate(${-x0} ${-y0})`});
  for (const c of (basemap && basemap.countries) || []) land.append(svg("path", {class: "land", "vector-effect": "non-scaling-stroke", d: c.d}));
  box.append(land);
  const most = Math.max(...points.map(p => p.events));
  points.forEach((p, i) => {
    const x = (xs[i] - x0) * scale, y = (ys[i] - y0) * scale, r = 4 * (1 + 1.5 * Math.sqrt(p.events / most));
    const dot = svg("circle", {class: "point", cx: x, cy: y, r, "data-place": p.entity_id});
    const title = svg("title"); title.textContent = `${p.name}: ${p.events}`; dot.append(title);
    const label = svg("text", {class: "label", x: x + r + 3, y: y + 4});
    label.textContent = p.name;
    box.append(dot, label);
  });
  return box;
}

async function reportView() {
  const params = reportParams();
  const controls = el("form", {class: "report-controls", id: "report-controls"},
    el("label", {}, "Язык / language", el("select", {name: "lang"}, el("option", {value: "ru", text: "русский"}),
      el("option", {value: "en", text: "English"}))),
    el("label", {}, "Место / place", el("input", {name: "place", maxlength: "200", placeholder: "Казахстан, KZ"})),
    el("label", {}, "Участник / entity", el("input", {name: "entity", maxlength: "200"})),
    el("button", {type: "submit", text: "Сводка"}));
  controls.lang.value = params.lang;
  controls.place.value = params.place || "";
  controls.entity.value = params.entity || "";
  controls.addEventListener("submit", ev => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const k of ["lang", "place", "entity"]) if (controls[k].value) q.set(k, controls[k].value);
    for (const k of ["story", "start", "end"]) if (params[k]) q.set(k, params[k]);
    location.hash = `#/report?${q}`;
  });
  const data = await api("/api/report", params);
  const standalone = new URL("/api/report", location.origin);
  for (const [k, v] of Object.entries({...params, format: "html"})) standalone.searchParams.set(k, v);
  const root = el("div", {class: "report", id: "report"}, controls, el("h1", {text: data.title}),
    el("p", {class: "about"}, el("a", {href: standalone.pathname + standalone.search, text: "HTML"})));
  for (const n of data.notes) root.append(el("p", {class: "note", text: n}));
  const cited = new Map(), list = [];
  function refs(sources) {
    const span = el("span", {class: "refs"});
    for (const s of sources) {
      const key = `${s.doc_id}|${s.start}|${s.end}|${s.field}`;
      if (!cited.has(key)) { list.push(s); cited.set(key, list.length); }
      const n = cited.get(key);
      const href = s.start === null ? `#/doc/${encodeURIComponent(s.doc_id)}`
        : `#/doc/${encodeURIComponent(s.doc_id)}/${s.start}/${s.end}`;
      span.append(" ", el("a", {class: "ref", href, title: `${s.outlet || ""} ${s.doc_id}`, text: `[${n}]`}));
    }
    return span;
  }
  function item(s, tag = "li") {
    const node = el(tag, {class: `sentence ${s.kind}${s.data && s.data.new ? " new" : ""}`},
      el("span", {class: "text", text: s.text}), refs(s.sources));
    if (s.evidence) node.append(el("blockquote", {class: "evidence"}, s.evidence.before,
      el("mark", {text: s.evidence.mark}), s.evidence.after));
    return node;
  }
  const ru = data.lang === "ru";
  if (data.stories.length) {
    const ol = el("ol", {});
    data.stories.forEach((st, k) => ol.append(el("li", {}, el("a", {href: `#/report-story-${k + 1}`, text: st.headline.text}),
      refs(st.headline.sources), el("span", {class: "muted", text: ` — ${st.summary.text}`}))));
    ol.querySelectorAll("a[href^='#/report-story-']").forEach(a => a.addEventListener("click", ev => {
      ev.preventDefault(); document.getElementById(a.getAttribute("href").slice(2)).scrollIntoView(); }));
    root.append(el("section", {id: "main-stories"}, el("h2", {text: ru ? "Главное" : "Main stories"}), ol));
  }
  if (data.previous_start) {
    const ul = el("ul", {});
    for (const s of data.since) ul.append(item(s));
    if (!data.since.length) ul.append(el("li", {text: ru ? "Нового нет." : "Nothing new."}));
    root.append(el("section", {id: "since"}, el("h2", {text: `${ru ? "С прошлой сводки" : "Since the last report"} (${data.previous_label})`}), ul));
  }
  data.stories.forEach((st, k) => {
    const sec = el("section", {class: "story", id: `report-story-${k + 1}`}, el("h2", {text: `${k + 1}. ${st.headline.text}`}), item(st.summary, "p"));
    const map = drawReportMap(st.places);
    if (map) sec.append(el("figure", {class: "map"}, map, el("figcaption", {text: st.places.map(p => `${p.name} (${p.events})`).join(", ")})));
    if (st.timeline.length) {
      const ul = el("ul", {class: "timeline"});
      for (const s of st.timeline) ul.append(item(s));
      sec.append(el("h3", {text: ru ? "Хроника" : "Timeline"}), ul);
    }
    if (st.figures.length) {
      const ul = el("ul", {class: "figures"});
      for (const g of st.figures) {
        const inner = el("ul", {});
        for (const s of g.items) inner.append(item(s));
        ul.append(el("li", {class: "figure-group"}, el("strong", {text: g.label}), g.summary ? item(g.summary, "div") : "", inner));
      }
      sec.append(el("h3", {text: ru ? "Цифры" : "Figures"}), ul);
    }
    if (st.quotes.length) {
      const ul = el("ul", {class: "quotes"});
      for (const s of st.quotes) ul.append(item(s));
      sec.append(el("h3", {text: ru ? "Цитаты" : "Quotes"}), ul);
    }
    root.append(sec);
  });
  if (list.length) {
    const ol = el("ol", {});
    list.forEach((s, i) => ol.append(el("li", {id: `src-${i + 1}`},
      el("a", {href: s.start === null ? `#/doc/${encodeURIComponent(s.doc_id)}` : `#/doc/${encodeURIComponent(s.doc_id)}/${s.start}/${s.end}`, text: s.doc_id}),
      ` · ${s.outlet || (ru ? "издание не указано" : "outlet unknown")}${s.date ? " · " + s.date : ""} · `,
      s.field === "title" ? (ru ? "заголовок" : "title") : `${s.start}–${s.end}`, `: «${s.quote}»`,
      s.per.length ? ` · ${s.per.join(" → ")}` : "")));
    root.append(el("section", {id: "sources"}, el("h2", {text: ru ? "Источники" : "Sources"}), ol));
  }
  if (!data.stories.length && !data.since.length) root.append(el("p", {class: "muted", text: ru ? "За период ничего нет." : "Nothing in this period."}));
  view.replaceChildren(root);
}

async function route() {
  const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  try {
    if (parts[0] === "doc") await documentView(parts[1], parts[2], parts[3]);
    else if (parts[0] === "entity") await entityView(parts[1]);
    else if (parts[0] === "story") await storyView(parts[1]);
    else if (parts[0] === "place") await overview({place: parts[1]});
    else if (["entities", "stories", "figures"].includes(parts[0])) await listView(parts[0]);
    else if (parts[0].split("?")[0] === "report") await reportView();
    else await overview();
  } catch (err) {
    view.replaceChildren(el("p", {class: "error", text: `Error: ${err.message}`}));
  }
}

async function start() {
  for (const t of TYPES) form.type.append(el("option", {value: t, text: t}));
  form.addEventListener("submit", ev => { ev.preventDefault(); route(); });
  window.addEventListener("hashchange", route);
  try { basemap = await (await fetch("/static/basemap.json")).json(); } catch { basemap = null; }
  api("/api/health").then(h => { document.getElementById("counts").textContent =
    `${h.documents} documents · ${h.entities} entities · ${h.events} event reports`; });
  await route();
  document.body.dataset.ready = "1";
}
start();
