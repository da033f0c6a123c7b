/** One choice of a picker (Mantine's Select data). */
export interface Option {
  value: string;
  label: string;
}

/** Picker options of named records: the id as value, the name as label. */
export const toOptions = (items: readonly { id: string; name: string }[] | undefined): Option[] =>
  (items ?? []).map((item) => ({ value: item.id, label: item.name }));
