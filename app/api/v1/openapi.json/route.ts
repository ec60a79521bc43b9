import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/api/v1/openapi";

/** The API's OpenAPI 3.0 document, generated from the same zod schemas the handlers use. */
export function GET() {
  return NextResponse.json(openApiDocument());
}
