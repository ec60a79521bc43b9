import type { Metadata } from "next";
import Link from "next/link";
import { ENDPOINTS, ERROR_MEANINGS, type Access } from "@/lib/api/v1/openapi";

export const metadata: Metadata = { title: "API" };

const ACCESS: Record<Access, string> = {
  public: "anyone (a token or session shows private challenges you joined)",
  user: "API token or signed-in session",
  session: "signed-in browser session only",
};

/** The API for humans, rendered from the same endpoint table as /api/v1/openapi.json. */
export default function ApiDocsPage() {
  return (
    <div className="max-w-4xl space-y-6">
      <h1 className="text-2xl font-bold">API and command-line client</h1>
      <p className="text-slate-700">
        Everything the site does for competitors can be scripted. Create a personal token on your{" "}
        <Link href="/profile" className="text-brand-600 underline">
          profile page
        </Link>{" "}
        and send it as <code>Authorization: Bearer ca_…</code>. The machine-readable description is at{" "}
        <a href="/api/v1/openapi.json" className="text-brand-600 underline">
          /api/v1/openapi.json
        </a>{" "}
        (OpenAPI 3.0). Each token may make a limited number of requests a minute; over it the API answers 429 with <code>Retry-After</code>.
      </p>
      <section className="space-y-2">
        <h2 className="text-xl font-semibold">Command-line client</h2>
        <p className="text-sm text-slate-600">
          The client is in the platform&apos;s repository, not on npm. In a clone, after <code>npm install</code>, run <code>npm link</code>{" "}
          once (or <code>npm install -g .</code>) to get the <code>collider-arena</code> command, or run it in place with{" "}
          <code>node bin/collider-arena.js</code>.
        </p>
        <pre className="overflow-x-auto rounded bg-slate-900 p-4 text-sm text-slate-100">{`collider-arena login --url http://localhost:3000      # paste the token when asked, or pipe it in
collider-arena challenges list
collider-arena download higgs-boson --dir data/
collider-arena submit higgs-boson predictions.csv.gz -m "xgboost, 400 trees" --wait
collider-arena submissions higgs-boson
collider-arena leaderboard higgs-boson`}</pre>
        <p className="text-sm text-slate-600">
          The token is stored in <code>~/.config/collider-arena/config.json</code> (mode 0600); <code>COLLIDER_ARENA_TOKEN</code> and{" "}
          <code>COLLIDER_ARENA_URL</code> override it. Exit codes: 0 success, 1 usage or unexpected error, 2 the file was rejected (bad
          format, too large), 3 not signed in or not allowed, 4 not found, 5 limit reached or challenge closed, 6 rate limited, 7 cannot
          reach the server, 8 scoring failed.
        </p>
      </section>
      <section className="space-y-3">
        <h2 className="text-xl font-semibold">Endpoints</h2>
        <p className="text-sm text-slate-600">
          Paths are relative to <code>/api/v1</code>. Errors always have the shape <code>{`{"error": {"code", "message", "line"?}}`}</code>.
        </p>
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <tbody>
              {ENDPOINTS.map((e) => (
                <tr key={`${e.method} ${e.path}`} className="border-t border-slate-200 align-top">
                  <td className="py-2 pr-3 font-mono font-semibold uppercase">{e.method}</td>
                  <td className="py-2 pr-3 font-mono">{e.path}</td>
                  <td className="py-2">
                    {e.summary}
                    <div className="text-xs text-slate-500">
                      Access: {ACCESS[e.access]}. Success: {e.ok.status}. Errors: {e.errors.join(", ")}.
                    </div>
                    {e.headers?.map((h) => (
                      <div key={h.name} className="text-xs text-slate-500">
                        Header <code>{h.name}</code>: {h.description}.
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="space-y-2">
        <h2 className="text-xl font-semibold">Status codes</h2>
        <dl className="grid grid-cols-[4rem_1fr] gap-y-1 text-sm">
          {Object.entries(ERROR_MEANINGS).map(([code, meaning]) => (
            <div key={code} className="contents">
              <dt className="font-mono">{code}</dt>
              <dd>{meaning}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
