import { Search } from 'lucide-react';

/** The search box and selects every list page filters with. */

const FIELD = 'rounded-md border border-slate-300 bg-white text-sm dark:border-slate-700 dark:bg-slate-900';

export function SearchInput({ label, value, onChange, placeholder }: { label: string; value: string; onChange: (v: string) => void; placeholder: string }) {
  return (
    <label className="relative flex-1 basis-64">
      <span className="sr-only">{label}</span>
      <Search aria-hidden className="pointer-events-none absolute left-2.5 top-2.5 h-4 w-4 text-slate-400" />
      <input type="search" value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} className={`w-full py-2 pl-8 pr-3 ${FIELD}`} />
    </label>
  );
}

export function FilterSelect<T extends string>({ label, value, onChange, options }: { label: string; value: T; onChange: (v: T) => void; options: readonly (readonly [T, string])[] }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      {label}
      {/* Named by its label alone: wrapped in the label, the options' text would join the name. */}
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as T)} className={`px-2 py-2 ${FIELD}`}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
