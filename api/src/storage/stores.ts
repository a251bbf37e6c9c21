import { IngestKeyStore, ProjectStore, type Storage } from '@tollgate/collector'
import { AuthRepository } from '../auth/auth.repository'

/** The stores the server and the CLI work with, all on one storage handle. */
export interface Stores {
  projects: ProjectStore
  keys: IngestKeyStore
  auth: AuthRepository
}

/** Builds the {@link Stores} over `storage` (one instance each per process; nothing global). */
export function createStores(storage: Storage): Stores {
  return {
    projects: new ProjectStore(storage),
    keys: new IngestKeyStore(storage),
    auth: new AuthRepository(storage),
  }
}
