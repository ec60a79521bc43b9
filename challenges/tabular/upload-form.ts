/**
 * The tabular kind's import form (KindUpload): the three files, the target type, the metric and its parameters.
 * The metric must suit the target (a regression cannot be scored by an accuracy); its parameters are checked against
 * the metric's allowed ranges (scoring/metric-descriptor.ts) before anything is stored.
 */
import { GATES } from "../../scoring/gates/gate-descriptor";
import { controlCounts, gateField, gateRequirementIssues, gateSettingsSchema, type GateSetting } from "../../scoring/gates/gate-settings";
import { validateMetricParams } from "../../scoring/metric-descriptor";
import { isMetricId, METRICS, type MetricId } from "../../scoring/registry";
import { type KindUpload, type UploadField, UploadError } from "../kind";
import { uploadBytes } from "../shared/upload-bytes";
import { TABULAR_FILES, tabularDataset } from "./upload";

/** The train and test files are published as they came, so each is held whole: a limit where the edge sets none. */
const UPLOAD_MAX_BYTES = 1024 * 1024 * 1024;

const TARGETS = [
  { value: "binary", label: "binary classification (Label 1/0 or s/b)" },
  { value: "multiclass", label: "multi-class classification (a class name per event)" },
  { value: "real", label: "regression (a number per event)" },
] as const;
type Target = (typeof TARGETS)[number]["value"];

const direction = (id: MetricId) => (METRICS[id].higherIsBetter ? "higher is better" : "lower is better");

/** Every parameter of the offered metrics, once each, as an optional field named after it. */
function paramFields(metrics: readonly MetricId[]): UploadField[] {
  const seen = new Map<string, UploadField>();
  for (const id of metrics) {
    for (const p of METRICS[id].params)
      if (!seen.has(p.id))
        seen.set(p.id, { name: p.id, label: `${p.name} (for ${METRICS[id].name}; default ${p.default})`, optional: true });
  }
  return [...seen.values()];
}

/** Each gate: on/off, its threshold (empty: the published one), and the correlation column's name. */
function gateFields(): UploadField[] {
  return GATES.flatMap((g): UploadField[] => [
    {
      name: gateField(g.id),
      label: `Check: ${g.name} (needs Control rows with ${g.id === "ks-agreement" ? "Origin real/simulated" : "Aux"} in the key)`,
      options: [
        { value: "off", label: "off" },
        { value: "on", label: "on: a submission that fails it is not ranked" },
      ],
    },
    { name: gateField(g.id, "threshold"), label: `Its threshold (default ${g.defaultThreshold})`, optional: true },
    ...(g.id === "cvm-correlation"
      ? [{ name: gateField(g.id, "column"), label: "What the key's Aux column is (e.g. mass)", optional: true }]
      : []),
  ]);
}

/** The gates the form switched on, or their problems. */
function chosenGates(
  fields: Readonly<Record<string, string | undefined>>,
  problems: { file: string; line: null; message: string }[],
): GateSetting[] {
  const parsed = gateSettingsSchema.safeParse(fields);
  if (parsed.success) return parsed.data.gates;
  for (const issue of parsed.error.issues) problems.push({ file: "gates", line: null, message: issue.message });
  return [];
}

export function tabularUpload(metrics: readonly MetricId[]): KindUpload {
  return {
    id: "tabular",
    label: "Tabular: your own train.csv, test.csv and answer key, any metric",
    files: [
      { name: "train", label: `Training data (${TABULAR_FILES.train}: features, target, optional Weight)` },
      { name: "test", label: `Test data (${TABULAR_FILES.test}: EventId and features)` },
      { name: "solution", label: `Answer key (EventId, Label or Class, optional Weight, Usage Public/Private)` },
    ],
    fields: [
      { name: "target", label: "Target", options: TARGETS },
      {
        name: "metric",
        label: "Metric",
        options: metrics.map((id) => ({ value: id, label: `${METRICS[id].name} (${METRICS[id].targets.join("/")}; ${direction(id)})` })),
      },
      { name: "classes", label: "Class names in order, comma-separated (multi-class; default: the key's names, sorted)", optional: true },
      ...paramFields(metrics),
      ...gateFields(),
    ],
    async prepare({ files, fields, maxBytes = UPLOAD_MAX_BYTES }) {
      const target = (TARGETS.find((t) => t.value === fields.target)?.value ?? null) as Target | null;
      const metricId = fields.metric ?? "";
      const problems: { file: string; line: null; message: string }[] = [];
      if (!target)
        problems.push({
          file: "target",
          line: null,
          message: `choose binary, multiclass or real (got ${JSON.stringify(fields.target ?? "")})`,
        });
      if (!isMetricId(metricId) || !metrics.includes(metricId))
        problems.push({ file: "metric", line: null, message: `unknown metric ${JSON.stringify(metricId)} (known: ${metrics.join(", ")})` });
      else if (target && !METRICS[metricId].targets.includes(target)) {
        problems.push({
          file: "metric",
          line: null,
          message: `${METRICS[metricId].name} scores ${METRICS[metricId].targets.join(" or ")} targets, not ${target}`,
        });
      }
      let metricParams: Record<string, number> = {};
      if (isMetricId(metricId) && metrics.includes(metricId)) {
        const given = Object.fromEntries(
          METRICS[metricId].params.flatMap((p) => (fields[p.id]?.trim() ? [[p.id, Number(fields[p.id])]] : [])),
        );
        try {
          metricParams = { ...validateMetricParams(METRICS[metricId], given) };
        } catch (err) {
          if (!(err instanceof RangeError)) throw err;
          problems.push({ file: "metric", line: null, message: err.message });
        }
      }
      const gates = chosenGates(fields, problems);
      const classes = fields.classes
        ?.split(",")
        .map((c) => c.trim())
        .filter(Boolean);
      const bytes: Partial<Record<"train" | "test" | "solution", Uint8Array>> = {};
      for (const f of ["train", "test", "solution"] as const) {
        const src = files[f];
        if (src !== undefined) bytes[f] = await uploadBytes(src, TABULAR_FILES[f], maxBytes);
        if (!bytes[f]?.byteLength) problems.push({ file: TABULAR_FILES[f], line: null, message: "attach this file" });
      }
      if (problems.length > 0 || !target || !bytes.train || !bytes.test || !bytes.solution) throw new UploadError(problems);
      const data = await tabularDataset({
        train: bytes.train,
        test: bytes.test,
        solution: bytes.solution,
        target,
        classes: classes?.length ? classes : undefined,
      });
      const gateIssues = gateRequirementIssues(gates, controlCounts(data.solution), target !== "multiclass");
      if (gateIssues.length > 0)
        throw new UploadError(gateIssues.map((message) => ({ file: TABULAR_FILES.solution, line: null, message })));
      const config = { ...(Object.keys(metricParams).length ? { metricParams } : {}), ...(gates.length ? { gates } : {}) };
      return { metricId: metricId as MetricId, config, data };
    },
  };
}
