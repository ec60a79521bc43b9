// Lint rules run by `npm test` (scripts/test.sh): typescript-eslint's strict set, React hooks and Next's rules.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["node_modules/", ".next/", ".data/", "test-results/", "playwright-report/", "bench/out/", "next-env.d.ts", "db/migrations/"],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "@next/next": nextPlugin, "react-hooks": reactHooks },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
      ...reactHooks.configs.recommended.rules,
      // TypeScript checks names itself; the core rule does not know its globals and types.
      "no-undef": "off",
      // With noUncheckedIndexedAccess every indexed read is `T | undefined`: in the typed-array loops of scoring/
      // a `!` after a bounds-checked index is the idiom, not a shortcut.
      "@typescript-eslint/no-non-null-assertion": "off",
      // `Promise<T | void>` is how a callback type says it may return nothing.
      "@typescript-eslint/no-invalid-void-type": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    // Plain JavaScript run by Node (the model runner's child, configs): Node's globals.
    files: ["**/*.{js,mjs,cjs}"],
    languageOptions: {
      globals: {
        process: "readonly",
        performance: "readonly",
        console: "readonly",
        Buffer: "readonly",
        URL: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
      },
    },
  },
);
