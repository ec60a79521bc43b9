import type { ComponentProps } from "react";
import { ActionForm } from "@/app/_components/action-form";

/** One organiser action as a form: the challenge's slug travels hidden with the caller's fields. */
export function ManageForm({
  slug,
  hidden,
  ...rest
}: Omit<ComponentProps<typeof ActionForm>, "hidden"> & { slug: string; hidden?: Record<string, string> }) {
  return <ActionForm {...rest} hidden={{ slug, ...hidden }} />;
}
