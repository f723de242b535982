import type { ReactNode } from "react";

export function AdminTitle({ first, rest, children }: { first: string; rest: string; children?: ReactNode }) {
  return (
    <div className="mb-8 flex flex-wrap items-end justify-between gap-4">
      <h1 className="text-2xl font-semibold">
        {first} <span className="text-primary underline decoration-2 underline-offset-8">{rest}</span>
      </h1>
      {children}
    </div>
  );
}

export function TableShell({ children, label }: { children: ReactNode; label: string }) {
  return (
    <div className="max-w-5xl overflow-x-auto rounded-xl border border-white/10">
      <table className="w-full min-w-[640px] border-collapse text-left text-sm" aria-label={label}>
        {children}
      </table>
    </div>
  );
}

export const th = "bg-primary/15 px-4 py-3 font-medium text-zinc-200";
export const td = "border-t border-white/5 px-4 py-3 align-top";
