/** The rules of self-service password reset, shared by the server and the web app's wording. */

/** How long a reset link works after it was requested. */
export const RESET_TTL_MINUTES = 30;

/** Live links one account may have: further requests are answered alike but send nothing (no mail bombing). */
export const MAX_LIVE_RESET_LINKS = 3;
