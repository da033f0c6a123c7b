/** Picker options (Mantine's Select data) of named records: the id as value, the name as label. */
export const toOptions = (items: readonly { id: string; name: string }[] | undefined) =>
  (items ?? []).map((item) => ({ value: item.id, label: item.name }));
