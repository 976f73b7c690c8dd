// Where the generator's own files are, wherever it is run from.
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The project's root: package.json, layouts/, static/. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Eleventy's input: one template per kind of page. */
export const LAYOUTS_DIR = path.join(ROOT, "layouts");
