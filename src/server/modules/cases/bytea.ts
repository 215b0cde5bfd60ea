import { customType } from 'drizzle-orm/pg-core';

/** Binary envelopes (attachment contents) as `bytea`: the same on PGlite and PostgreSQL. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  fromDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
});
