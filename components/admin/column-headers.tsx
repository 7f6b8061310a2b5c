/** A column of an admin table: its heading, and whether it holds numbers (right-aligned). */
export type Column = string | { label: string; numeric: true };

/** The header row of an admin table: one `<th scope="col">` per column, in one style. */
export function ColumnHeaders({ columns, className = 'px-3 py-2 font-medium' }: { columns: Column[]; className?: string }) {
  return (
    <tr>
      {columns.map((column) => {
        const { label, numeric } = typeof column === 'string' ? { label: column, numeric: false } : column;
        return (
          <th key={label} scope="col" className={`${className} ${numeric ? 'text-right' : 'text-left'}`}>
            {label}
          </th>
        );
      })}
    </tr>
  );
}
