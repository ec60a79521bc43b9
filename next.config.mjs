/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from its own package folder at run
  // time, and pg has optional native bindings: both must stay outside the bundle.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pg-boss"],
  poweredByHeader: false,
  // `npm test` type-checks the whole repo with tsc; repeating it in every
  // `npm start` rebuild would only slow the quick start down.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    serverActions: { bodySizeLimit: "1mb" },
  },
};

export default nextConfig;
