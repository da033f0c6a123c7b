/** A reset or confirmation token as the server makes them (base64url); anything else is a link broken on its way. */
export const isWellFormedLinkToken = (token: string) => /^[\w-]{20,200}$/.test(token);
