import { describe, expect, it } from 'vitest';
import { formatBytes } from './bytes.ts';

describe('formatBytes', () => {
	it('picks a unit people read', () => {
		expect(formatBytes(512, 'en')).toBe('512 byte');
		expect(formatBytes(28_400_000, 'en')).toBe('28 MB');
		expect(formatBytes(1_250_000, 'en')).toBe('1.3 MB');
		expect(formatBytes(2_000_000_000, 'zh-TW')).toMatch(/^2\s?GB$/);
	});
});
