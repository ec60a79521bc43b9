/**
 * Content-Security-Policy for every page. Next.js streams its page data as inline <script> tags, so scripts need
 * 'unsafe-inline' (nonces would force every page to render per request); what the policy buys is the rest: no
 * plugins, no foreign scripts or connections, no <base> hijack, forms post only here (and to the OAuth providers
 * a sign-in redirects to), and no page of ours inside another site's frame (clickjacking).
 * Challenge descriptions may show images from https sites; `next dev` needs eval for fast refresh.
 */
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self' https://github.com https://accounts.google.com",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: csp },
  // For browsers that predate frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Links to other sites carry our origin only, never a page's path (join codes live in paths).
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
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
