import { Global, Module } from '@nestjs/common'
import type { Storage } from '@tollgate/collector'
import { STORAGE } from '../tokens'
import { RequestAuthenticator } from './request-authenticator'

/** Who is asking, for every module that serves requests. */
@Global()
@Module({
  providers: [
    {
      provide: RequestAuthenticator,
      inject: [STORAGE],
      useFactory: (storage: Storage) => new RequestAuthenticator(storage),
    },
  ],
  exports: [RequestAuthenticator],
})
export class AuthModule {}
