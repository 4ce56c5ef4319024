import type { TFunction } from 'i18next';

/** A record's approval state (`flowState`) or an instance's status, in words. */
export function flowStateText(state: string, t: TFunction): string {
  switch (state) {
    case 'running':
      return t('flow.running');
    case 'approved':
      return t('flow.approved');
    case 'rejected':
      return t('flow.rejected');
    case 'withdrawn':
      return t('flow.withdrawn');
    case 'ended':
      return t('flow.ended');
    default:
      return state;
  }
}

/** A task's status in words. */
export function taskStatusText(status: string, t: TFunction): string {
  switch (status) {
    case 'pending':
      return t('task.pending');
    case 'waiting':
      return t('task.waiting');
    case 'approved':
      return t('task.approved');
    case 'rejected':
      return t('task.rejected');
    case 'returned':
      return t('task.returned');
    case 'transferred':
      return t('task.transferred');
    case 'cancelled':
      return t('task.cancelled');
    case 'read':
      return t('task.read');
    default:
      return status;
  }
}
