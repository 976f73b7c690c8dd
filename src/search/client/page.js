// @ts-check
// The search page (/tim-kiem/): reads the query and filters from the URL,
// runs search.js, shows the results, and keeps the URL in step so that a
// search can be shared. All text comes from the page (src/strings.ts).
import { search } from "./search.js";

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

function readUrl() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") ?? "";
  for (const s of selects) {
    const v = params.get(s.name);
    // An option by its value (a stable id), or by the label it shows: addresses shared before the ids still work.
    const option = v === null ? undefined : [...s.options].find((o) => o.value === v || o.text === v);
    if (option) s.value = option.value;
  }
}

function writeUrl() {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const s of selects) if (s.value && s.value !== "relevance") params.set(s.name, s.value);
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

/** @param {number} offset */
function options(offset) {
  /** @type {Record<string, string>} */
  const filters = {};
  for (const s of selects) if (s.dataset.filter && s.value) filters[s.dataset.filter] = s.value;
  const sort = /** @type {"relevance" | "newest" | "oldest"} */ (/** @type {HTMLSelectElement} */ (form.elements.namedItem("sap-xep")).value);
  return { filters, sort, limit: PAGE, offset };
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

async function run(offset = 0) {
  const query = input.value.trim();
  const mine = ++generation;
  writeUrl();
  if (offset === 0) list.replaceChildren();
  document.getElementById("xem-them")?.remove();
  if (!query) {
    status.textContent = text.empty;
    return;
  }
  status.textContent = text.searching;
  let results;
  try {
    results = await search(query, options(offset));
  } catch (error) {
    console.error(error);
    if (mine === generation) status.textContent = text.failed;
    return;
  }
  if (mine !== generation) return; // a newer search has started
  status.textContent = fill(results.total ? text.found : text.none, { n: results.total.toLocaleString("vi-VN"), q: query });
  list.append(...results.map(render));
  if (offset + results.length < results.total) {
    const more = document.createElement("button");
    more.type = "button";
    more.id = "xem-them";
    more.textContent = text.more;
    more.addEventListener("click", () => run(offset + PAGE));
    list.after(more);
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  run();
});
for (const s of selects) s.addEventListener("change", () => run());
/** @type {ReturnType<typeof setTimeout> | undefined} */
let typing;
input.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => run(), 300);
});

readUrl();
if (input.value.trim()) run();
else status.textContent = text.empty;
