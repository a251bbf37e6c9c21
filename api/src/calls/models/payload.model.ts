import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql'

/** Why a payload is or is not in the answer: never a bare blank. */
export enum PayloadState {
  SHOWN = 'SHOWN',
  WITHHELD = 'WITHHELD',
  ABSENT = 'ABSENT',
}

registerEnumType(PayloadState, {
  name: 'PayloadState',
  description:
    'SHOWN: the text is here. WITHHELD: stored, but your role (viewer) does not include payloads. ABSENT: nothing stored (capture was off for it, or it expired under the payload retention).',
})

@ObjectType({ description: 'A captured payload (already redacted by the SDK), or why it is not shown' })
export class Payload {
  @Field(() => PayloadState)
  state!: PayloadState

  @Field(() => String, { nullable: true, description: 'The text when SHOWN; null otherwise' })
  text!: string | null

  @Field(() => Int, { description: 'Size the SDK reported before redaction and truncation (0 when unknown)' })
  bytes!: number
}
