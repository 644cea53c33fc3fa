/** The English dictionary mirrors the Chinese one key for key; this type enforces it. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : T[K] extends readonly string[] ? string[] : Shape<T[K]> };
