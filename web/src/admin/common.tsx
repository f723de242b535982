import { type ReactNode, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError, errorMessage } from "../api/client.ts";

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

/**
 * A button for something that cannot be undone (cancelling, refunding): it asks once more, in
 * place, saying what will happen, then runs and refreshes the admin's lists.
 */
export function ConfirmAction({
  label,
  question,
  confirm,
  action,
  insist,
}: {
  label: string;
  question: string;
  confirm: string;
  action: (insisting: boolean) => Promise<unknown>;
  /** A refusal with this code may be overridden on purpose, with this button's words. */
  insist?: { code: string; label: string };
}) {
  const [asking, setAsking] = useState(false);
  const queryClient = useQueryClient();
  const run = useMutation({
    mutationFn: action,
    onSuccess: () => {
      setAsking(false);
      void queryClient.invalidateQueries({ queryKey: ["admin"] });
    },
  });
  const canInsist = insist && run.error instanceof ApiError && run.error.code === insist.code;
  if (!asking) {
    return (
      <button type="button" className="btn-ghost text-xs" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div role="group" aria-label={label} className="flex flex-col gap-1 text-xs">
      <p>{question}</p>
      {run.isError && <p role="alert" className="text-red-300">{errorMessage(run.error)}</p>}
      <div className="flex gap-2">
        <button type="button" className="btn-primary text-xs" disabled={run.isPending} onClick={() => run.mutate(Boolean(canInsist))}>
          {run.isPending ? "Working…" : canInsist ? insist.label : confirm}
        </button>
        <button type="button" className="btn-ghost text-xs" disabled={run.isPending} onClick={() => setAsking(false)}>
          Keep
        </button>
      </div>
    </div>
  );
}
