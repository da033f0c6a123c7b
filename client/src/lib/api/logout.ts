import { api, lazySchema } from '../api-client';

const ok = lazySchema((c) => c.okSchema);

/** `POST /api/auth/logout`: ends this session and clears the cookie. */
export const logout = () => api.post('/api/auth/logout', ok);
