import { describe, expect, it, vi } from 'vitest';
import { beforeFirstRender, markRendered, settledWithin } from './first-screen.ts';

describe('settledWithin', () => {
	it('gives the value of a promise that settles in time', async () => {
		expect(await settledWithin(Promise.resolve(7), 50)).toEqual({ value: 7 });
	});

	it('gives the value even when it is undefined, so "not in time" stays distinguishable', async () => {
		expect(await settledWithin(Promise.resolve(undefined), 50)).toEqual({ value: undefined });
	});

	it('gives up after the wait, and the promise still settles for whoever awaits it', async () => {
		vi.useFakeTimers();
		try {
			let resolve!: (v: string) => void;
			const slow = new Promise<string>((r) => (resolve = r));
			const waited = settledWithin(slow, 100);
			await vi.advanceTimersByTimeAsync(100);
			expect(await waited).toBeUndefined();
			resolve('late');
			expect(await slow).toBe('late');
		} finally {
			vi.useRealTimers();
		}
	});

	it('treats a rejection as "not ready" (the page shows the failure where it awaits the promise)', async () => {
		const failing = Promise.reject(new Error('disk'));
		failing.catch(() => {});
		expect(await settledWithin(failing, 50)).toBeUndefined();
	});
});

describe('beforeFirstRender', () => {
	it('holds until the root layout is on screen, then never again in this visit', () => {
		expect(beforeFirstRender()).toBe(true);
		markRendered();
		expect(beforeFirstRender()).toBe(false);
		markRendered();
		expect(beforeFirstRender()).toBe(false);
	});
});
