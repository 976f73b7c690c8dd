// @ts-check
// The search page (/tim-kiem/): reads the query and filters from the URL,
// runs search.js, shows the results, and keeps the URL in step so that a
// search can be shared. All text comes from the page (src/strings.ts).
import { periodLabel, search } from "./search.js";

const form = /** @type {HTMLFormElement} */ (document.getElementById("tim-kiem"));
const input = /** @type {HTMLInputElement} */ (document.getElementById("q"));
const status = /** @type {HTMLElement} */ (document.getElementById("trang-thai"));
const list = /** @type {HTMLElement} */ (document.getElementById("ket-qua"));
/** @type {Record<string, string>} */
const text = JSON.parse(document.getElementById("chuoi-tim-kiem")?.textContent ?? "{}");
const PAGE = 10;

/** URL parameter names, as the form names them, to search.js options. */
const selects = [...form.querySelectorAll("select")];
/** @param {string} template @param {Record<string, string>} values */
const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => values[k]);

/** Every period is searched (the reader asked for older years): "toan-bo=1" in the address. */
let everyPeriod = false;

function readUrl() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") ?? "";
  everyPeriod = params.get("toan-bo") === "1";
  for (const s of selects) {
    const v = params.get(s.name);
    // An option by its value (a stable id), or by the label it shows: addresses shared before the ids still work.
    const option = v === null ? undefined : [...s.options].find((o) => o.value === v || o.text === v);
    if (option) s.value = option.value;
  }
}

/** The address of the query and filters on the form. */
function formUrl() {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const s of selects) if (s.value && s.value !== "relevance") params.set(s.name, s.value);
  if (everyPeriod) params.set("toan-bo", "1");
  const query = params.toString();
  return query ? `?${query}` : location.pathname;
}

/**
 * Each query is a history entry, so that Back returns to the one before.
 * "push" makes a new entry (unless the address is the same), "replace"
 * changes the current one (the words of a query still being typed).
 * @param {"push" | "replace"} how
 */
function writeUrl(how) {
  const url = formUrl();
  const same = url === location.search || (url === location.pathname && !location.search);
  if (how === "push" && !same) {
    remember();
    history.pushState({ shown: 0, scroll: 0 }, "", url);
  } else {
    history.replaceState({ shown: 0, scroll: 0 }, "", url);
  }
}

/** Keeps, in the current history entry, how many results are shown and where the page is scrolled: Back restores them. */
function remember() {
  history.replaceState({ shown: list.children.length, scroll: Math.round(window.scrollY) }, "");
}

/** The search's options from the form: its filters, its order, and whether every period is searched (the limit is run's). */
function options() {
  /** @type {Record<string, string>} */
  const filters = {};
  for (const s of selects) if (s.dataset.filter && s.value) filters[s.dataset.filter] = s.value;
  const sort = /** @type {"relevance" | "newest" | "oldest"} */ (/** @type {HTMLSelectElement} */ (form.elements.namedItem("sap-xep")).value);
  return { filters, sort, all: everyPeriod };
}

/** @param {import("./search.js").Result} result */
function render(result) {
  const item = document.createElement("article");
  item.className = "result";
  if (result.image) {
    const img = document.createElement("img");
    img.src = result.image;
    img.alt = result.imageAlt ?? "";
    img.loading = "lazy";
    img.width = 96;
    img.height = 60;
    item.append(img);
  }
  const h = document.createElement("h2");
  const a = document.createElement("a");
  a.href = result.url;
  a.textContent = result.title;
  h.append(a);
  const meta = document.createElement("p");
  meta.className = "meta";
  const time = document.createElement("time");
  time.dateTime = result.iso;
  time.textContent = result.date;
  meta.append(time, ` · ${result.kind}`);
  const excerpt = document.createElement("p");
  excerpt.className = "excerpt";
  excerpt.innerHTML = result.excerpt; // escaped by search.js, with <mark> around matches
  item.append(h, meta, excerpt);
  return item;
}

let generation = 0;

/**
 * Runs the search on the form's query and filters. `offset` > 0 adds the next
 * results ("Xem thêm"): the search runs again for `offset` more results (it
 * may then open older periods, whose best matches rank higher) and the
 * results not shown yet are added. `restore` shows as many results as before
 * and scrolls back to where the reader was.
 * @param {number} offset
 * @param {{ how?: "push" | "replace" | "keep", restore?: { shown: number, scroll: number } }} [options]
 */
async function run(offset = 0, { how = "push", restore } = {}) {
  const query = input.value.trim();
  const mine = ++generation;
  if (how !== "keep") writeUrl(how);
  if (offset === 0) list.replaceChildren();
  document.getElementById("xem-them")?.remove();
  document.getElementById("nam-truoc")?.remove();
  if (!query) {
    status.textContent = text.empty;
    return;
  }
  status.textContent = text.searching;
  let results;
  try {
    const wanted = restore && restore.shown > PAGE ? restore.shown : PAGE;
    results = await search(query, { ...options(), limit: offset + wanted });
  } catch (error) {
    console.error(error);
    if (mine === generation) status.textContent = text.failed;
    return;
  }
  if (mine !== generation) return; // a newer search has started
  status.textContent = fill(results.total ? text.found : text.none, { n: results.total.toLocaleString("vi-VN"), q: query });
  const before = new Set([...list.querySelectorAll("h2 a")].map((a) => a.getAttribute("href")));
  const items = results.filter((r) => !before.has(r.url)).map(render);
  list.append(...items);
  const shown = list.children.length;
  if (shown < results.total || (results.partial && !results.older && !results.gaps)) {
    const more = document.createElement("button");
    more.type = "button";
    more.id = "xem-them";
    more.className = "more";
    more.textContent = text.more;
    more.addEventListener("click", () => run(shown, { how: "keep" }));
    list.after(more);
  }
  // Only the newest periods were searched, or the one of a phrase: say which, and offer the rest.
  if ((results.older || results.gaps) && results.period) {
    const note = document.createElement("p");
    note.id = "nam-truoc";
    note.className = "search-period";
    const sort = /** @type {HTMLSelectElement} */ (form.elements.namedItem("sap-xep")).value;
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = results.gaps ? text.otherYears : sort === "oldest" ? text.newerYears : text.olderYears;
    button.addEventListener("click", () => {
      everyPeriod = true;
      run(shown, { how: "push" });
    });
    note.append(`${fill(text.period, { period: periodLabel(results.period) })} `, button);
    (document.getElementById("xem-them") ?? list).after(note);
  }
  // "Xem thêm": the keyboard goes on from the first new result, not back to the top.
  if (offset > 0) items[0]?.querySelector("a")?.focus();
  if (restore) window.scrollTo(0, restore.scroll);
  remember();
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(typing);
  typedEntry = false;
  everyPeriod = false;
  run(0, { how: "push" });
});
for (const s of selects) s.addEventListener("change", () => {
  everyPeriod = false;
  run(0, { how: "push" });
});
/** While a query is being typed, its entry is replaced; the first search of a new query makes a new entry. @type {ReturnType<typeof setTimeout> | undefined} */
let typing;
let typedEntry = false;
input.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => {
    everyPeriod = false;
    run(0, { how: typedEntry ? "replace" : "push" });
    typedEntry = true;
  }, 300);
});
input.addEventListener("blur", () => (typedEntry = false));

// Back and Forward: the query of that entry, with as many results as it showed, where it was scrolled.
window.addEventListener("popstate", (event) => {
  typedEntry = false;
  readUrl();
  run(0, { how: "keep", restore: event.state ?? { shown: 0, scroll: 0 } });
});
// Leaving for a result: keep the scroll position for the way back.
window.addEventListener("pagehide", remember);
list.addEventListener("click", (event) => {
  if (/** @type {Element} */ (event.target).closest("a")) remember();
});

if ("scrollRestoration" in history) history.scrollRestoration = "manual";
readUrl();
// A shared address may name a filter by its label: the address shown uses the ids.
history.replaceState(history.state, "", formUrl());
if (input.value.trim()) run(0, { how: "keep", restore: history.state ?? undefined });
else status.textContent = text.empty;
