import { settingsSchema, type UpdateSettingsBody } from '@helpdesk/contract';
import { publicSettingsKey } from '../../../lib/api/get-public-settings';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { adminKeys } from './keys';

/** `PATCH /api/settings`: only the settings that changed. */
export const updateSettings = (body: UpdateSettingsBody) => api.patch('/api/settings', settingsSchema, body);

// The helpdesk's name and self-signup are public settings too.
export const useUpdateSettings = () => useRefreshingMutation(updateSettings, [adminKeys.settings, publicSettingsKey]);
