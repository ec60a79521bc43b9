#!/usr/bin/env node
// The CLI is TypeScript; tsx (a dependency) compiles it on the fly, resolved from this package.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli/main.ts");
await main();
