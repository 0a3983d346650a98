// Client-only app: all learner data lives in the browser (IndexedDB); there is no server.
export const ssr = false;
// Every page is emitted as its own HTML shell at build time: the shell names the page's own code
// (modulepreload), so a first visit fetches it at once instead of discovering it after the router starts.
export const prerender = true;
