// Static: emitted as its own page at build time (the content still renders on the client).
export const prerender = true;
