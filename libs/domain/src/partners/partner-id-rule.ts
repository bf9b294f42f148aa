/** Lower-case letters, digits and dashes: the id appears in CloudEvents sources and topic names. */
export const PARTNER_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
