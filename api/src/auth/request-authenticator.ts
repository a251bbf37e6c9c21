import type { Storage } from '@tollgate/collector'
import { AuthRepository } from './auth.repository'
import { BearerAuthenticator } from './authenticate'
import type { Viewer } from './viewer'

/** The parts of an HTTP request a credential can be in. */
export interface CredentialHeaders {
  authorization?: string
  cookie?: string
}

/**
 * Establishes who sends a request, for every entry point (GraphQL, the audit export):
 * one place decides which credentials count. Today a bearer API token.
 */
export class RequestAuthenticator {
  private readonly bearer: BearerAuthenticator

  constructor(storage: Storage) {
    this.bearer = new BearerAuthenticator(new AuthRepository(storage))
  }

  /** The viewer behind `headers`, or null when they carry no valid credential. */
  authenticate(headers: CredentialHeaders): Promise<Viewer | null> {
    return this.bearer.authenticate(headers.authorization)
  }
}
