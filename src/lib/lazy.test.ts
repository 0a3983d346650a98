import { describe, expect, it, vi } from 'vitest';
import { lazy } from './lazy.ts';

describe('lazy', () => {
	it('loads once and shares the result', async () => {
		const load = vi.fn(async () => 'module');
		const get = lazy(load);
		expect(await Promise.all([get(), get()])).toEqual(['module', 'module']);
		expect(await get()).toBe('module');
		expect(load).toHaveBeenCalledTimes(1);
	});

	it('forgets a failed load, so the next call tries again', async () => {
		const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValueOnce('module');
		const get = lazy(load);
		await expect(get()).rejects.toThrow('offline');
		expect(await get()).toBe('module');
		expect(load).toHaveBeenCalledTimes(2);
	});
});
