import { defineConfig } from "@playwright/test";

// E2E_PORT lets two checkouts on one machine run their browser tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 3100);
// A fresh embedded database per run, with small built-in datasets so start-up is quick.
const DATA_DIR = `.data/e2e-${process.pid}`;

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    // Auth.js builds its URLs from the host name: use localhost, not 127.0.0.1.
    baseURL: `http://localhost:${PORT}`,
    launchOptions: {
      // Debian's Chromium: `npx playwright install` cannot download browsers here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
    trace: "retain-on-failure",
  },
  webServer: {
    command: `rm -rf ${DATA_DIR} && npm start`,
    url: `http://localhost:${PORT}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    env: {
      PORT: String(PORT),
      DATA_DIR,
      BUILTIN_DATA_SCALE: "0.01",
      // Training the benchmark models at start would compete with the first tests for the CPU (the integration
      // test built-in-training covers it).
      BUILTIN_BASELINE_TRAINING: "false",
      AUTH_URL: `http://localhost:${PORT}`,
      INITIAL_ADMIN_EMAIL: "admin@example.org",
      INITIAL_ADMIN_PASSWORD: "admin-passphrase-42",
    },
    stdout: "pipe",
  },
});
