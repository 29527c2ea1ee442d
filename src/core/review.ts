/** Tasks read with less confidence than this are put before a person in the import preview (kept free of zod: the web app imports it). */
export const REVIEW_BELOW = 0.6;
