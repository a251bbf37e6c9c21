/** Configuration of the inferred-denial classifier (SEMCONV.md §1.3, §3.4). */
export interface DenialClassifierOptions {
  /**
   * Extra patterns tested against error messages and `isError` result texts, before the
   * defaults. A match reports rule `pattern:custom_<index>` (index into this array).
   * The flags `g` and `y` are ignored, and the caller's `RegExp` objects are not touched.
   * @default []
   */
  patterns?: readonly RegExp[]
  /**
   * Use only `patterns`, without the default patterns. The -32602 "Unknown tool" rule
   * and `codes` still apply.
   * @default false
   */
  replaceDefaults?: boolean
  /**
   * JSON-RPC codes whose errors are always denials, whatever the message. Reported as
   * rule `code:<code>`.
   * @default []
   */
  codes?: readonly number[]
  /** `false` turns the classifier off: it then never reports a denial. @default true */
  enabled?: boolean
}

/** What the classifier saw in a failed call. */
export interface DenialClassifierInput {
  /** The JSON-RPC error code, when the call ended in a JSON-RPC error. */
  errorCode?: number
  /** The JSON-RPC error message. */
  errorMessage?: string
  /** The texts of a `CallToolResult` with `isError: true` (e.g. `content[].text`). */
  toolErrorTexts?: readonly string[]
}

/** An error or `isError` result mapped to a denial (`tollgate.authz.denial_source = inferred`). */
export interface InferredDenial {
  /**
   * The message or text that matched, whitespace-trimmed and cut to 256 characters
   * (for `tollgate.denial.reason`).
   */
  reason: string
  /** Stable id of the rule that matched: `code:<code>`, `code:-32602_unknown_tool`, `pattern:<id>`. */
  rule: string
}

/** Classifies one failed call; `undefined` when it does not look like a denial. Never throws. */
export type DenialClassifier = (input: DenialClassifierInput) => InferredDenial | undefined
