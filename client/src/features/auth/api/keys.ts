export const sessionsKey = ['auth', 'sessions'] as const;
export const tokensKey = ['auth', 'tokens'] as const;
