import { notifications } from '@mantine/notifications';
import { errorMessage } from '../../lib/api-client';

/** A short confirmation in the corner. */
export const notifySuccess = (message: string) => notifications.show({ message, color: 'green' });

/** A failure that has no form to show it in. */
export const notifyError = (error: unknown) => notifications.show({ message: errorMessage(error), color: 'red' });
