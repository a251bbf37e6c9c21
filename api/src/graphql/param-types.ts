import 'reflect-metadata'

/**
 * Declares a resolver method's parameter types, which `@Args` reads from
 * `design:paramtypes`. NB: tsx and vitest (esbuild) emit no decorator metadata, so every
 * resolver method with `@Args` states its parameter types with this, in order.
 */
export function ParamTypes(...types: unknown[]): MethodDecorator {
  return Reflect.metadata('design:paramtypes', types) as MethodDecorator
}
