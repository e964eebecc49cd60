// Test support: one well-formed SessionRecord, with the fields a test cares about overridden.

import type { SessionRecord } from './types';

export function sessionRecord(over: Partial<SessionRecord> = {}): SessionRecord {
  return {
    app: 'TEAM.com.example.app',
    id: 'a'.repeat(40),
    status: 'accepted',
    email: 'user@example.com',
    deviceDescription: 'iPhone 15',
    deviceId: 'DEV-1',
    os: 'iOS',
    osVersion: '17.4',
    simulator: false,
    language: 'en_US',
    ip: '10.0.0.1',
    appVersion: '1.0',
    mtimeMs: Date.UTC(2025, 0, 2, 3, 4, 5),
    size: 700,
    warnings: [],
    ...over,
  };
}
