/** What the global setup started, handed to every browser test file with `inject('stack')`. */
export interface StackInfo {
  webUrl: string
  apiUrl: string
  projectId: string
  adminToken: string
  users: {
    admin: { username: string; password: string }
    viewer: { username: string; password: string }
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo
  }
}
