// @ts-check
// Starts preview-builder.ts on its worker thread. tsx's loader does not
// follow a program into its worker threads, so the thread registers it first.
import { register } from "tsx/esm/api";

register();
await import("./preview-builder.ts");
