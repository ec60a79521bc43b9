/**
 * The v1 API described once, as data: the OpenAPI document (/api/v1/openapi.json)
 * and the human-readable API page are both rendered from `ENDPOINTS`, and the
 * entity schemas come from the zod schemas the handlers use.
 */
import { z } from "zod";
import { KIND_UPLOADS } from "@/challenges";
import {
  challengeDetailSchema,
  challengeSummarySchema,
  createdTokenSchema,
  dataFileSchema,
  errorSchema,
  finalSelectionSchema,
  leaderboardSchema,
  readerStandingSchema,
  newTokenSchema,
  submissionDetailSchema,
  submissionSchema,
  tokenSchema,
  userSchema,
} from "./schemas";

const COMPONENTS = {
  Error: errorSchema,
  User: userSchema,
  Token: tokenSchema,
  NewToken: newTokenSchema,
  CreatedToken: createdTokenSchema,
  ChallengeSummary: challengeSummarySchema,
  ChallengeDetail: challengeDetailSchema,
  DataFile: dataFileSchema,
  Submission: submissionSchema,
  SubmissionDetail: submissionDetailSchema,
  FinalSelection: finalSelectionSchema,
  Leaderboard: leaderboardSchema,
  ReaderStanding: readerStandingSchema,
} as const;

type ComponentName = keyof typeof COMPONENTS;

/** Who may call: anyone, anyone (more with a token/session), a token or session, a browser session only. */
export type Access = "public" | "user" | "session";

export interface Endpoint {
  method: "get" | "post" | "put" | "delete";
  path: string;
  summary: string;
  access: Access;
  query?: { name: string; description: string }[];
  headers?: { name: string; description: string }[];
  body?: { contentType: string; schema?: ComponentName; description: string };
  /** Success: a JSON body `{ [key]: Component }` (or a list of them), or another content type. */
  ok: { status: number; key?: string; schema?: ComponentName; list?: boolean; contentType?: string; description: string };
  errors: number[];
}

export const ENDPOINTS: Endpoint[] = [
  {
    method: "get",
    path: "/me",
    summary: "The account the token belongs to",
    access: "user",
    ok: { status: 200, key: "user", schema: "User", description: "Your account" },
    errors: [401, 429],
  },
  {
    method: "get",
    path: "/tokens",
    summary: "List your live API tokens",
    access: "session",
    ok: { status: 200, key: "tokens", schema: "Token", list: true, description: "Tokens (never their secrets)" },
    errors: [401, 403],
  },
  {
    method: "post",
    path: "/tokens",
    summary: "Create an API token (the secret is shown once)",
    access: "session",
    body: { contentType: "application/json", schema: "NewToken", description: "A name to recognise the token by" },
    ok: { status: 201, schema: "CreatedToken", description: "The new token and its secret" },
    errors: [400, 401, 403],
  },
  {
    method: "delete",
    path: "/tokens/{id}",
    summary: "Revoke a token (a token may revoke itself)",
    access: "user",
    ok: { status: 200, description: "Revoked" },
    errors: [401, 403, 404],
  },
  {
    method: "get",
    path: "/challenges",
    summary: "Challenges you can see",
    access: "public",
    ok: {
      status: 200,
      key: "challenges",
      schema: "ChallengeSummary",
      list: true,
      description: "Public challenges and the private ones you joined",
    },
    errors: [401, 429],
  },
  {
    method: "get",
    path: "/challenges/{slug}",
    summary: "A challenge: rules, phases, limits and data files",
    access: "public",
    ok: { status: 200, key: "challenge", schema: "ChallengeDetail", description: "The challenge" },
    errors: [401, 404, 429],
  },
  {
    method: "get",
    path: "/challenges/{slug}/files/{file}",
    summary: "Download a data file (gzip-compressed; X-Content-SHA256 is the uncompressed file's hash)",
    access: "public",
    ok: { status: 200, contentType: "application/gzip", description: "The file, gzip-compressed" },
    errors: [401, 404, 429],
  },
  {
    method: "post",
    path: "/challenges/{slug}/submissions",
    summary:
      "Upload predictions (.csv or .csv.gz): the raw file as the body with X-Filename / X-Description headers, or multipart with `file` and `description`",
    access: "user",
    body: { contentType: "text/csv", description: "The predictions file; gzip is detected from its bytes" },
    headers: [
      {
        name: "Idempotency-Key",
        description:
          "Any unique string (e.g. a UUID) per file you upload: repeating the upload with the same key (after a lost answer, a 503, a network error) returns the first upload's submission with `Idempotent-Replayed: true` and counts once",
      },
    ],
    ok: {
      status: 201,
      key: "submission",
      schema: "Submission",
      description: "Accepted and queued for scoring (or, with a repeated Idempotency-Key, the submission stored the first time)",
    },
    errors: [400, 401, 403, 404, 409, 413, 422, 429, 503],
  },
  {
    method: "get",
    path: "/challenges/{slug}/submissions",
    summary: "Your team's submissions, newest first",
    access: "user",
    ok: { status: 200, key: "submissions", schema: "Submission", list: true, description: "Submissions with public scores" },
    errors: [401, 404, 429],
  },
  {
    method: "get",
    path: "/challenges/{slug}/submissions/{id}",
    summary: "One submission: status, public score, private score once revealed",
    access: "user",
    ok: { status: 200, key: "submission", schema: "SubmissionDetail", description: "The submission" },
    errors: [401, 404, 429],
  },
  {
    method: "get",
    path: "/challenges/{slug}/submissions/{id}/file",
    summary: "Download a submission's file as it was submitted (your team's, or any for organisers)",
    access: "user",
    ok: { status: 200, contentType: "text/csv", description: "The file" },
    errors: [401, 404, 429],
  },
  {
    method: "post",
    path: "/challenges/{slug}/submissions/{id}/final",
    summary: "Select (or unselect) a scored submission as one of your team's finals",
    access: "user",
    body: { contentType: "application/json", schema: "FinalSelection", description: '{"selected": true}' },
    ok: { status: 200, description: "Done" },
    errors: [400, 401, 403, 404, 409, 429],
  },
  {
    method: "get",
    path: "/challenges/{slug}/leaderboard",
    summary: "The leaderboard (private view only after the reveal)",
    access: "public",
    query: [
      { name: "view", description: "public (default) or private" },
      { name: "page", description: "Page number, from 1" },
      { name: "pageSize", description: "Rows per page, 1–500 (default 50)" },
      { name: "format", description: "json (default) or csv (the whole board)" },
    ],
    ok: { status: 200, schema: "Leaderboard", description: "One page of the leaderboard" },
    errors: [401, 404, 429],
  },
  {
    method: "get",
    path: "/challenges/{slug}/leaderboard/me",
    summary:
      "The caller's own place on the leaderboard: their team, its rank and best public score (the leaderboard page fills its highlighted row from this)",
    access: "public",
    ok: { status: 200, schema: "ReaderStanding", description: "The caller's standing (all null for an anonymous caller)" },
    errors: [401, 404, 429],
  },
  {
    method: "get",
    path: "/challenges/{slug}/bundle",
    summary: "Export a challenge you organise as a bundle (zip with manifest, data, answer key and secrets)",
    access: "user",
    ok: { status: 200, contentType: "application/zip", description: "The bundle" },
    errors: [401, 404, 429],
  },
  {
    method: "post",
    path: "/challenges/{slug}/reveal",
    summary:
      "Reveal the private leaderboard of a challenge you organise. Revealing ends the challenge now: no submission is accepted after it, and it cannot reopen",
    access: "user",
    ok: { status: 200, description: "{ revealed: true, ended: true, rule }" },
    errors: [401, 404, 429],
  },
  {
    method: "get",
    path: "/challenges/{slug}/gates",
    summary: "The Flavours-of-Physics checks (gates) of a challenge you organise: each switched-on check with its threshold",
    access: "user",
    ok: { status: 200, description: '{ gates: [{ id: "ks-agreement" | "cvm-correlation", threshold, column? }] }' },
    errors: [401, 404, 429],
  },
  {
    method: "put",
    path: "/challenges/{slug}/gates",
    summary:
      "Switch a challenge's checks on or off (organisers): the KS agreement of scores on real and simulated control events, and the Cramér–von Mises correlation with a column on background control events. They need enough Control rows in the answer key; a submission that fails one is failed and not ranked. A change queues the challenge's finished submissions for rescoring under the new checks; the same checks again change nothing",
    access: "user",
    body: {
      contentType: "application/json",
      description:
        '{"gates": [{"id": "ks-agreement", "threshold": 0.09}, {"id": "cvm-correlation", "column": "mass"}]} (threshold optional: the published one; [] switches them off)',
    },
    ok: {
      status: 200,
      description:
        '{ gates (as stored), rescoring: number of submissions queued for rescoring, message: "N submissions will be rescored." }',
    },
    errors: [400, 401, 404, 415, 429],
  },
  {
    method: "post",
    path: "/imports",
    summary: `Create a challenge from real data files (organisers): ${KIND_UPLOADS.map(({ upload: u }) => uploadSummary(u)).join("; or ")}; plus slug and title`,
    access: "user",
    body: { contentType: "multipart/form-data", description: "kind, slug, title and the files (.csv or .csv.gz)" },
    ok: { status: 201, description: "The new challenge's slug and URL" },
    errors: [400, 401, 403, 409, 413, 429],
  },
  {
    method: "post",
    path: "/bundles",
    summary: "Create a challenge from a bundle (organisers; `?slug=` to rename)",
    access: "user",
    body: { contentType: "application/zip", description: "The bundle's zip" },
    ok: { status: 201, description: "The new challenge's slug and URL" },
    errors: [400, 401, 403, 413, 429],
  },
];

/** One upload's form for the API page: its kind value, its files and its fields (challenges/<kind>/kind.ts). */
function uploadSummary(u: (typeof KIND_UPLOADS)[number]["upload"]): string {
  const names = (list: readonly { name: string; optional?: boolean }[]) =>
    list.map((f) => `\`${f.name}\`${f.optional ? " (optional)" : ""}`).join(", ");
  return `kind=${u.id} (${u.label}) with the files ${names(u.files)}${u.fields.length ? ` and the fields ${names(u.fields)}` : ""}`;
}

export const ERROR_MEANINGS: Record<number, string> = {
  400: "Bad request or bad file (code bad_file etc.; `line` points into the file)",
  401: "No valid session or token (codes unauthenticated, invalid_token)",
  403: "Not allowed now (challenge_closed, session_required), or a session-cookie request from another origin (cross_site: browsers must send it from this site; scripts use a token)",
  404: "No such challenge, file, submission or token visible to you",
  409: "Daily submission limit reached (limit_reached), final-selection rule, or a slug already taken (slug_taken)",
  413: "Upload larger than the limit (too_large)",
  415: "A JSON body sent without Content-Type: application/json (unsupported_media_type)",
  422: "This Idempotency-Key was already used for another file or challenge (idempotency_key_reused)",
  429: "Too many requests with this token (rate_limited; see Retry-After)",
  503: "The database is briefly unavailable (unavailable; see Retry-After): repeat the request, an upload with the same Idempotency-Key",
};

const ref = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });

function successSchema(ok: Endpoint["ok"]) {
  if (!ok.schema) return { type: "object", properties: { ok: { type: "boolean" } } };
  const inner = ok.list ? { type: "array", items: ref(ok.schema) } : ref(ok.schema);
  return ok.key ? { type: "object", properties: { [ok.key]: inner }, required: [ok.key] } : inner;
}

function operation(e: Endpoint) {
  const pathParams = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  const queryParams = (e.query ?? []).map((q) => ({
    name: q.name,
    in: "query",
    required: false,
    description: q.description,
    schema: { type: "string" },
  }));
  const headerParams = (e.headers ?? []).map((h) => ({
    name: h.name,
    in: "header",
    required: false,
    description: h.description,
    schema: { type: "string" },
  }));
  const responses: Record<string, unknown> = {
    [e.ok.status]: {
      description: e.ok.description,
      content: e.ok.contentType ? { [e.ok.contentType]: {} } : { "application/json": { schema: successSchema(e.ok) } },
    },
  };
  for (const code of e.errors) {
    responses[code] = { description: ERROR_MEANINGS[code] ?? "Error", content: { "application/json": { schema: ref("Error") } } };
  }
  return {
    summary: e.summary,
    security:
      e.access === "public"
        ? [{}, { bearerToken: [] }]
        : e.access === "session"
          ? [{ session: [] }]
          : [{ bearerToken: [] }, { session: [] }],
    parameters: [...pathParams, ...queryParams, ...headerParams],
    ...(e.body
      ? {
          requestBody: {
            required: true,
            description: e.body.description,
            content: { [e.body.contentType]: e.body.schema ? { schema: ref(e.body.schema) } : {} },
          },
        }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.0 document of the v1 API. */
export function openApiDocument(serverUrl = "/api/v1") {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { target: "openapi-3.0", uri: (id) => `#/components/schemas/${id}` });
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of ENDPOINTS) (paths[e.path] ??= {})[e.method] = operation(e);
  return {
    openapi: "3.0.3",
    info: {
      title: "Collider Arena API",
      version: "1",
      description:
        "Scripted access to challenges, data, submissions and leaderboards. Authenticate with a personal token from your profile page: `Authorization: Bearer ca_…`.",
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "A personal API token (ca_…) from your profile page" },
        session: { type: "apiKey", in: "cookie", name: "authjs.session-token", description: "The site's browser session" },
      },
      schemas: Object.fromEntries(
        Object.entries(schemas).map(([k, v]) => [k, Object.fromEntries(Object.entries(v).filter(([key]) => key !== "$id"))]),
      ),
    },
    paths,
  };
}
