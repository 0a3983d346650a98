// Client-only app: all learner data lives in the browser (IndexedDB); there is no server.
export const ssr = false;
export const prerender = false;
