type Data = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy of `data` without the field at a dotted path (`person.bsn`); absent paths change nothing. */
export function withoutPath(data: Data, path: string): Record<string, unknown> {
  const [field = '', ...rest] = path.split('.');
  const value = data[field];
  if (rest.length > 0) {
    return isObject(value) ? { ...data, [field]: withoutPath(value, rest.join('.')) } : { ...data };
  }
  const { [field]: _omitted, ...others } = data;
  return others;
}
