/** CSV read back in tests: the exports' rows as a spreadsheet would see them. */

/** The rows of a CSV text, fields unquoted (enough for what these tests export). */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [[]];
  let field = '';
  let quoted = false;
  const endField = () => {
    rows.at(-1)!.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted) field += c;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push([]);
      i++;
    } else field += c;
  }
  if (rows.at(-1)!.length === 0) rows.pop();
  return rows;
}
