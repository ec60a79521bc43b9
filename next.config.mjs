/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from its own package folder at run
  // time, pg has optional native bindings, koffi is a native addon and the
  // tfjs wasm backend loads its .wasm files: all must stay outside the bundle.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pg-boss", "koffi", "@tensorflow/tfjs", "@tensorflow/tfjs-backend-wasm"],
  poweredByHeader: false,
  // `npm test` type-checks the whole repo with tsc; repeating it in every
  // `npm start` rebuild would only slow the quick start down.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    serverActions: { bodySizeLimit: "1mb" },
  },
};

export default nextConfig;
