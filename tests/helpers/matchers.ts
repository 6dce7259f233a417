// Vitest types its asymmetric matchers (expect.any, expect.stringMatching, ...) as `any`, which the type-aware
// lint will not let flow into typed objects. These are the same matchers, typed as the value they stand in for.
import { expect } from 'vitest'

export const anyNumber = (): number => expect.any(Number) as number
export const anyString = (): string => expect.any(String) as string
export const anyArray = (): unknown[] => expect.any(Array) as unknown[]
export const anything = (): unknown => expect.anything() as unknown
export const stringMatching = (pattern: RegExp): string => expect.stringMatching(pattern) as string
export const stringContaining = (text: string): string => expect.stringContaining(text) as string
export const arrayContaining = <T>(items: T[]): T[] => expect.arrayContaining<unknown>(items) as T[]
export const objectContaining = <T extends object>(object: T): T => expect.objectContaining<unknown>(object) as T
