import type { APIResponse, Route } from '@playwright/test';

/**
 * The real response to a routed request and its body as text, or null when the page it was for has gone (a reload
 * or a navigation disposed the response while it was on its way): the route is then aborted, as nobody waits for it.
 * Reading a disposed response throws inside the route handler, which fails whatever test is running.
 */
export async function fetchRouted(route: Route): Promise<{ response: APIResponse; body: string } | null> {
	try {
		const response = await route.fetch();
		return { response, body: await response.text() };
	} catch {
		await route.abort().catch(() => {});
		return null;
	}
}
