import { describe, expect, it } from 'vitest';
import { isReplicaUnavailable, lsnValue, UNKNOWN_WRITE_LSN } from './replicas.js';

describe('read replicas: LSNs and failures', () => {
  it('orders LSNs by their two hexadecimal halves', () => {
    expect(lsnValue('0/16B3748')).toBe(0x16b3748n);
    expect(lsnValue('1/0')).toBe(1n << 32n);
    expect((lsnValue('1/0') ?? 0n) > (lsnValue('0/FFFFFFFF') ?? 0n)).toBe(true);
    expect((lsnValue(UNKNOWN_WRITE_LSN) ?? 0n) > (lsnValue('FFFF/0') ?? 0n)).toBe(true);
    for (const bad of ['', '16B3748', '0/16B3748; DROP', 'G/1', '1/2/3']) expect(lsnValue(bad)).toBeUndefined();
  });

  it('tells a replica that cannot serve from a read that failed by itself', () => {
    const pgError = (code: string) => Object.assign(new Error('x'), { code });
    expect(isReplicaUnavailable(pgError('ECONNREFUSED'))).toBe(true);
    expect(isReplicaUnavailable(pgError('57P01'))).toBe(true);
    expect(isReplicaUnavailable(pgError('08006'))).toBe(true);
    // "canceling statement due to conflict with recovery"
    expect(isReplicaUnavailable(pgError('40001'))).toBe(true);
    expect(isReplicaUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isReplicaUnavailable(new Error('failed query', { cause: pgError('57P03') }))).toBe(true);
    expect(isReplicaUnavailable(Object.assign(new AggregateError([pgError('ECONNREFUSED')]), {}))).toBe(true);
    // A statement timeout, a syntax error or a bad value are the read's own: no retry elsewhere.
    expect(isReplicaUnavailable(pgError('57014'))).toBe(false);
    expect(isReplicaUnavailable(pgError('42601'))).toBe(false);
    expect(isReplicaUnavailable(new Error('boom'))).toBe(false);
    expect(isReplicaUnavailable(undefined)).toBe(false);
  });
});
