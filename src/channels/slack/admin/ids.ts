/** Callback, block and action ids of the `/relais-admin` modals. */
export const AdminModal = {
  find: 'relais:admin:find',
  edit: 'relais:admin:edit',
} as const;

export const AdminField = {
  intent: { block: 'intent', action: 'intent_select' },
  title: { block: 'title', action: 'title_input' },
  text: { block: 'text', action: 'text_input' },
  validFrom: { block: 'valid_from', action: 'valid_from_date' },
  reviewBy: { block: 'review_by', action: 'review_by_date' },
  note: { block: 'note', action: 'note_input' },
} as const;
