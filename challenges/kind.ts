/**
 * A challenge kind as one declarative object (as RAMP's problem.py): everything the platform needs to know about
 * a kind — its label, the metrics it offers, what competitors submit and how it is scored, the answer key it
 * needs, the data an organiser can generate, its built-in challenges, its baselines and the extra parts of its
 * pages. Each kind lives in challenges/<kind>/kind.ts; challenges/index.ts holds the only list, and the database,
 * bundles, forms, labels and the scoring worker read it from there instead of naming kinds.
 */
import type { ByteSource } from "../scoring/parsing/byte-source";
import type { MetricId } from "../scoring/registry";
import type { Solution } from "../scoring/solution";
import type { BuiltInChallenge, GeneratedDataset } from "./built-in";
import type { GateOutcome } from "../scoring/gates/apply-gates";
import type { GateSetting } from "../scoring/gates/gate-settings";
import type { ModelContract } from "./shared/model-contract";
import type { Seed } from "./shared/random";

/** Leaderboard numbers per subset, as the scoring worker stores them (primary score, its ±, details). */
export type KindScore = Record<"Public" | "Private", { primary: number; std?: number }> & { gates?: GateOutcome[] };

/** Where a submission that is not a valid input for its kind is wrong (a field's path, or "" for the whole file). */
export interface SubmissionIssue {
  path: string;
  message: string;
}

/**
 * A submission its kind cannot score for reasons other than its CSV format (a detector design out of bounds): the
 * scoring worker fails it with this message, and the scoring thread passes the issues back across its boundary.
 */
export class SubmissionIssuesError extends Error {
  override name = "SubmissionIssuesError";
  constructor(readonly issues: SubmissionIssue[]) {
    super(issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("\n"));
  }
}

/** What the scoring worker hands a kind's scorer: the submission, and what the kind's `scoring` asked for. */
export interface KindScoreInput {
  /** The submission file, decompressed. */
  submission: Uint8Array;
  metricId: MetricId;
  /** The organiser's choices for the metric's parameters (validated by the scorer). */
  params?: Record<string, unknown>;
  bootstrap?: number;
  seed?: number;
  /** The answer key, for kinds scored against one. */
  solution?: Solution;
  /** The challenge's gates (challenge.config.gates), run on the key's Control rows (loaded with them). */
  gates?: readonly GateSetting[];
  /** The dataset's server-side secrets, for kinds scored by simulation. */
  secrets?: Record<string, unknown>;
}

/** What an organiser's generated dataset for the kind is made from. */
export interface SimulationRequest {
  /** A fresh 32-byte key (secret data), or a typed integer (data anyone who knows it can rebuild). */
  seed: Seed;
  trainEvents: number;
  testEvents: number;
  publicFraction: number;
  /** Shifts of the test set's systematic uncertainties by knob name (kinds that declare knobs); nominal when absent. */
  testSystematics?: Readonly<Record<string, number>>;
}

/** A systematic uncertainty an organiser can shift a kind's simulated test set by (a robustness challenge). */
export interface SystematicKnob {
  name: string;
  label: string;
  nominal: number;
  min: number;
  max: number;
}

export interface BaselineFamily {
  id: string;
  label: string;
  /** Needs the XGBoost library (the option is disabled, with the reason, where it cannot load). */
  needsXgboost?: boolean;
}

/** One of an organiser's upload form fields: free text, or a choice among options. */
export interface UploadField {
  name: string;
  label: string;
  options?: readonly { value: string; label: string }[];
  /** Left empty by default (a choice defaults to its first option). */
  optional?: boolean;
}

/** What an organiser's upload became: the challenge's metric, its settings, the dataset and its page. */
export interface PreparedUpload {
  metricId: MetricId;
  config: Record<string, unknown>;
  data: GeneratedDataset;
  /** The challenge list's line; empty when absent. */
  summary?: string;
  /** The challenge page's text for a challenge of this title; the kind's standard description when absent. */
  describe?(title: string): string;
  /** How many days the one phase stays open from its creation (90 when absent). */
  openDays?: number;
}

/** Problems in an organiser's files or choices, each with its file (or field) and line: nothing was stored. */
export class UploadError extends Error {
  override readonly name = "UploadError";
  constructor(readonly issues: readonly { file: string; line: number | null; message: string }[]) {
    const listed = issues.map((i) => `  ${i.file}${i.line === null ? "" : ` line ${i.line}`}: ${i.message}`);
    super(`Nothing was created; ${issues.length === 1 ? "one problem" : `${issues.length} problems`}:\n${listed.join("\n")}`);
  }
}

/** What an upload is made from. The edge (a route, a command) reads the files; the upload parses them. */
export interface UploadInput {
  /** By file name (`files[].name`): whole bytes or a stream, plain or gzip (scoring/parsing/byte-source.ts). */
  files: Readonly<Record<string, ByteSource>>;
  /** The names the organiser's files had, for messages (the declared name when absent). */
  fileNames?: Readonly<Record<string, string>>;
  /** By field name (`fields[].name`), as typed; absent or "" when left empty. */
  fields: Readonly<Record<string, string | undefined>>;
  /** A fresh secret key for the upload's random draws (a control sample, a Public/Private hash): this code cannot make one. */
  seed: Seed;
  /** The largest file, decompressed, the edge accepts; the upload's own limit when absent. */
  maxBytes?: number;
}

/**
 * One way to make a challenge of the kind from an organiser's own files, as the import form, POST /api/v1/imports
 * and the import commands read it. A kind may offer several (the same data in different formats).
 */
export interface KindUpload {
  /** The import form's choice and the API's `kind` field: unique among every kind's uploads. */
  id: string;
  /** The import form's option. */
  label: string;
  files: readonly { name: string; label: string }[];
  fields: readonly UploadField[];
  /** Reads and checks every file: an UploadError or a CsvFormatError (file and line) when anything is wrong. */
  prepare(input: UploadInput): Promise<PreparedUpload>;
}

export interface ChallengeKind {
  /** Stored in challenge.kind and written in bundles (challenge.yaml `kind:`). */
  id: string;
  /** The organiser's form: what the kind is. */
  label: string;
  /** The challenge list: the kind's category in a word or two. */
  category: string;
  /** Metric ids this kind can be scored by; the first is the default. */
  metrics: readonly MetricId[];
  /** How a submission is scored: against the stored answer key, or by simulating the submission (no answer key). */
  scoring:
    | {
        by: "answer-key";
        /** The kind gates every challenge itself: the key is always loaded with its Control rows' Origin and Aux. */ control?: boolean;
      }
    | { by: "simulation" };
  score(input: KindScoreInput): Promise<KindScore> | KindScore;
  /** The answer key's requirements: files whose EventIds must be exactly the solution's, and the control rows' Aux. */
  answerKey: { testFiles: readonly string[]; controlNeedsAux?: boolean } | null;
  /** A bundle's data files: "csv" counts data rows under a header; "lines" counts every line. */
  fileRows: "csv" | "lines";
  /** Checks of the dataset's secrets a bundle must carry; a message per problem. */
  secretsIssues?(secrets: Record<string, unknown> | undefined): string[];
  /** ONNX models: what a model receives and returns; absent = the kind takes uploaded files only. */
  modelContract?: ModelContract;
  /** The kind's standard description, and the headings of its reference sections (facts of the platform). */
  description: string;
  reference: RegExp;
  /** Organiser-made challenges from their own files; absent = none. */
  uploads?: readonly KindUpload[];
  /** Organiser-made challenges from the kind's simulator; absent = none. */
  simulate?: {
    sized: boolean;
    maxTrain: number;
    maxTest: number;
    /** Knobs the organiser's form offers for the test set; absent = none. */
    systematics?: readonly SystematicKnob[];
    generate(r: SimulationRequest): GeneratedDataset;
  };
  /** When data are regenerated: old submissions are rescored (a submission is independent of the data) or voided. */
  regenerate: "rescore" | "void";
  builtIns: readonly BuiltInChallenge[];
  /** The reference trainer an organiser can start from the manage page, and its families ("both" runs each). */
  baselines?: { trainer: "higgs" | "anomaly" | "generic"; families: readonly BaselineFamily[]; defaultFamily: string };
  /** Extra parts of the kind's pages. */
  pages?: {
    /** What competitors upload, in words; "predictions files" when absent. */
    uploads?: string;
    /** Said above the submit form. */
    submitIntro?: string;
    /** An example file shown by the submit form. */
    submitExample?: string;
    /** The submission page draws the detector a design describes. */
    designPicture?: boolean;
  };
}
