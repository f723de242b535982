import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Pencil, Plus } from "lucide-react";
import { type SeatLayout, standardCategory } from "@quickshow/contracts";
import { call, errorMessage } from "../../api/client.ts";
import { ErrorState, Skeleton } from "../../components/States.tsx";
import { useDocumentTitle } from "../../lib/hooks.ts";
import { AdminTitle, TableShell, td, th } from "../common.tsx";
import { ScreenEditor } from "./ScreenEditor.tsx";
import { grid } from "./layout-edits.ts";

type Draft = { id: string | null; name: string; layout: SeatLayout; version: number | undefined };

/** Screens of the cinema: their list, and the editor for a new or an existing one. */
export function ScreensPage() {
  useDocumentTitle("Screens");
  const queryClient = useQueryClient();
  const screens = useQuery({ queryKey: ["admin", "screens"], queryFn: ({ signal }) => call("adminScreens", { signal }), select: (d) => d.screens });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [message, setMessage] = useState<{ kind: "error" | "ok"; text: string } | null>(null);

  const open = useMutation({
    mutationFn: (screenId: string) => call("adminScreen", { params: { screenId } }),
    onSuccess: (res) => setDraft({ id: res.screen._id, name: res.screen.name, layout: res.screen.layout, version: res.screen.version }),
    onError: (err) => setMessage({ kind: "error", text: errorMessage(err) }),
  });
  const save = useMutation({
    mutationFn: (d: Draft) =>
      d.id
        ? call("adminUpdateScreen", { params: { screenId: d.id }, body: { name: d.name, layout: d.layout, ...(d.version ? { version: d.version } : {}) } })
        : call("adminCreateScreen", { body: { name: d.name, layout: d.layout } }),
    onSuccess: (res) => {
      setDraft({ id: res.screen._id, name: res.screen.name, layout: res.screen.layout, version: res.screen.version });
      setMessage({ kind: "ok", text: `Saved ${res.screen.name} (${res.screen.capacity} seats). Shows already scheduled keep their seat map.` });
      void queryClient.invalidateQueries({ queryKey: ["admin"] });
    },
    onError: (err) => setMessage({ kind: "error", text: errorMessage(err) }),
  });

  return (
    <div className="max-w-6xl">
      <AdminTitle first="Screens &" rest="Seat maps">
        <button type="button" className="btn-primary" onClick={() => { setMessage(null); setDraft({ id: null, name: "", layout: grid(8, 12, [standardCategory]), version: undefined }); }}>
          <Plus className="size-4" aria-hidden="true" /> New screen
        </button>
      </AdminTitle>
      {screens.isPending ? (
        <Skeleton className="h-32 w-full" />
      ) : screens.isError ? (
        <ErrorState error={screens.error} onRetry={() => void screens.refetch()} />
      ) : (
        <TableShell label="Screens">
          <thead>
            <tr>
              <th className={th}>Screen</th>
              <th className={th}>Seats</th>
              <th className={th}>Categories</th>
              <th className={th}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {screens.data.map((s) => (
              <tr key={s._id}>
                <td className={`${td} font-medium`}>{s.name}</td>
                <td className={td}>{s.capacity}</td>
                <td className={td}>{s.categories.map((c) => c.name).join(", ")}</td>
                <td className={td}>
                  <button type="button" className="btn-ghost text-xs" onClick={() => { setMessage(null); open.mutate(s._id); }}>
                    <Pencil className="size-3.5" aria-hidden="true" /> Edit {s.name}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </TableShell>
      )}

      {draft && (
        <form
          className="mt-10 grid gap-6"
          aria-label={draft.id ? `Edit ${draft.name}` : "New screen"}
          onSubmit={(e) => {
            e.preventDefault();
            setMessage(null);
            save.mutate(draft);
          }}
        >
          <label className="flex max-w-sm flex-col gap-1.5 text-sm font-medium">
            Screen name
            <input className="input" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} required maxLength={60} />
          </label>
          <ScreenEditor layout={draft.layout} onChange={(layout) => setDraft((d) => (d ? { ...d, layout } : d))} />
          {message && (
            <p role={message.kind === "error" ? "alert" : "status"} className={`rounded-lg border px-3 py-2 text-sm ${message.kind === "error" ? "border-red-500/40 bg-red-500/10 text-red-200" : "border-emerald-500/40 bg-emerald-500/10 text-emerald-200"}`}>
              {message.text}
            </p>
          )}
          <div>
            <button type="submit" className="btn-primary px-8 py-3" disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save screen"}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
