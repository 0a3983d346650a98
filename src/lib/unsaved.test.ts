import { describe, expect, it } from 'vitest';
import { askBeforeLeaving } from './unsaved.ts';

/** What askBeforeLeaving touches of a BeforeUnloadEvent (Node's Event has no writable returnValue). */
function unloadEvent() {
	const event = {
		prevented: false,
		returnValue: true as unknown,
		preventDefault() {
			event.prevented = true;
		}
	};
	return event;
}

describe('askBeforeLeaving', () => {
	it('asks the browser to confirm leaving while an answer is unsaved', () => {
		const event = unloadEvent();
		askBeforeLeaving(event as unknown as BeforeUnloadEvent, true);
		expect(event.prevented).toBe(true);
		expect(event.returnValue).toBe('');
	});

	it('lets the page go when every answer is stored', () => {
		const event = unloadEvent();
		askBeforeLeaving(event as unknown as BeforeUnloadEvent, false);
		expect(event.prevented).toBe(false);
		expect(event.returnValue).toBe(true);
	});
});
