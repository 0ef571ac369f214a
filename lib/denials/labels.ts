/** How a denial no snap can be named for is labelled, in reports, the page and the CLI alike. */
export const UNKNOWN_SNAP = '(unknown snap)';
