/** The inferred-denial classifier (SEMCONV.md §1.3, §3.4, §4.1). */
export { DEFAULT_DENIAL_PATTERNS } from './default-patterns.js'
export { createDenialClassifier } from './denial-classifier.js'
export type {
  DenialClassifier,
  DenialClassifierInput,
  DenialClassifierOptions,
  InferredDenial,
} from './types.js'
