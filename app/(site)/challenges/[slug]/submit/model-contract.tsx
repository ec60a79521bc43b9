import { DEFAULT_THRESHOLD, type ModelContract, THRESHOLD_METADATA_KEY } from "@/challenges/shared/model-contract";

/** What an uploaded ONNX model must look like: the exact feature order, missing values, the output, and the limits. */
export function ModelContractPanel({
  contract,
  maxMb,
  latencyBudgetMs,
}: {
  contract: ModelContract;
  maxMb: number;
  latencyBudgetMs: number | null;
}) {
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="model-contract">
      <summary className="cursor-pointer font-medium">ONNX models: what the server feeds your model and reads back</summary>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700">
        <li>
          One input, float32, shape [N, {contract.features.length}] with a variable N (the number of events), columns in this order (as in
          test.csv after EventId):
          <ol className="mt-1 list-decimal columns-2 pl-6 font-mono text-xs sm:columns-3">
            {contract.features.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ol>
        </li>
        <li>Missing values: {contract.missing}.</li>
        <li>Output: {contract.output}.</li>
        <li>
          Only the standard ai.onnx and ai.onnx.ml operators; every weight inside the file (no external data); at most {maxMb} MB. The model
          runs in a sandboxed process with one thread; its size, operator count and time per 1,000 events are shown with its score
          {latencyBudgetMs !== null && <>, and a model slower than {latencyBudgetMs} ms per 1,000 events fails</>}.
        </li>
        <li>
          Exported classifiers (skl2onnx, onnxmltools for XGBoost/LightGBM, tf2onnx, torch.onnx) work as they are; a ZipMap output is read
          through. Default threshold {DEFAULT_THRESHOLD}; set metadata_props &quot;{THRESHOLD_METADATA_KEY}&quot; to change it.
        </li>
      </ul>
    </details>
  );
}
