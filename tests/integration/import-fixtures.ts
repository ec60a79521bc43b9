import * as imports from "@/app/api/v1/imports/route";

/** POST /api/v1/imports as the browser's form sends it: the train, test and solution fields as files, the rest as text. */
export function postImport(fields: Record<string, string>): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (["train", "test", "solution"].includes(k)) form.set(k, new Blob([v]), `${k}.csv`);
    else form.set(k, v);
  }
  return imports.POST(
    new Request("http://localhost/api/v1/imports", { method: "POST", body: form, headers: { Origin: "http://localhost" } }),
  );
}
