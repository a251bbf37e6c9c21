/** Instrumentation scope of every span this SDK creates. */
export const SDK_NAME = '@tollgate/sdk'
/** Kept equal to package.json's version by `test/package-version.test.ts`. */
export const SDK_VERSION = '0.1.0'
