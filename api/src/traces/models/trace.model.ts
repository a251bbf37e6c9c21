import { Field, Float, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql'

@ObjectType()
export class SpanAttribute {
  @Field(() => String)
  key!: string

  @Field(() => String)
  value!: string
}

@ObjectType()
export class TraceSpanEvent {
  @Field(() => String)
  name!: string

  @Field(() => Float, { description: 'Milliseconds after the trace started' })
  offsetMs!: number
}

@ObjectType({ description: 'One span of a trace, in depth-first order with its depth (a waterfall row)' })
export class TraceSpan {
  @Field(() => String)
  spanId!: string

  @Field(() => String, { description: 'Empty for a root' })
  parentSpanId!: string

  @Field(() => Int, { description: '0 for roots (and for spans whose parent was never received)' })
  depth!: number

  @Field(() => String)
  name!: string

  @Field(() => String, { description: 'SERVER, CLIENT, INTERNAL, PRODUCER, CONSUMER' })
  kind!: string

  @Field(() => String)
  serviceName!: string

  @Field(() => GraphQLISODateTime)
  startedAt!: Date

  @Field(() => Float, { description: 'Milliseconds after the trace started' })
  offsetMs!: number

  @Field(() => Float)
  durationMs!: number

  @Field(() => String, { description: 'UNSET, OK or ERROR' })
  statusCode!: string

  @Field(() => String)
  statusMessage!: string

  @Field(() => String, {
    description: 'The MCP method when the span is an MCP call (open it with `call`), else empty',
  })
  mcpMethod!: string

  @Field(() => [SpanAttribute], {
    description:
      'Span attributes, sorted by key. Payload attributes are never here: payloads are on the call.',
  })
  attributes!: SpanAttribute[]

  @Field(() => [TraceSpanEvent])
  events!: TraceSpanEvent[]
}

@ObjectType({ description: 'A trace as its span tree' })
export class Trace {
  @Field(() => String)
  traceId!: string

  @Field(() => GraphQLISODateTime)
  startedAt!: Date

  @Field(() => Float, { description: 'From the first start to the last end' })
  durationMs!: number

  @Field(() => Int, { description: 'Spans received for the trace' })
  spanCount!: number

  @Field(() => Boolean, { description: 'More spans than one answer carries: only the earliest are here' })
  truncated!: boolean

  @Field(() => [TraceSpan], { description: 'Depth first, children by start time' })
  spans!: TraceSpan[]
}
