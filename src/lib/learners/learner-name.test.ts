import { describe, expect, it } from 'vitest';
import { MAX_LEARNER_NAME, nameProblem } from './learner-name.ts';

describe('nameProblem', () => {
	const others = [{ name: 'Ana Lee' }];

	it('accepts a new name, whatever its script', () => {
		expect(nameProblem('Bo', others)).toBeNull();
		expect(nameProblem('陳小明', others)).toBeNull();
	});

	it('rejects blank, too long and already used names (case and spacing ignored)', () => {
		expect(nameProblem('   ', others)).toBe('empty');
		expect(nameProblem('x'.repeat(MAX_LEARNER_NAME + 1), others)).toBe('tooLong');
		expect(nameProblem('x'.repeat(MAX_LEARNER_NAME), others)).toBeNull();
		expect(nameProblem('  ana   LEE ', others)).toBe('taken');
	});
});
