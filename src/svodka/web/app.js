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

async function route() {
  const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  try {
    if (parts[0] === "doc") await documentView(parts[1], parts[2], parts[3]);
    else if (parts[0] === "entity") await entityView(parts[1]);
    else if (parts[0] === "story") await storyView(parts[1]);
    else if (parts[0] === "place") await overview({place: parts[1]});
    else if (["entities", "stories", "figures"].includes(parts[0])) await listView(parts[0]);
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
