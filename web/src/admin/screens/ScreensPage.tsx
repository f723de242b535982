import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Pencil, Plus } from "lucide-react";
import { type SeatLayout, standardCategory } from "@quickshow/contracts";
import { call, errorMessage } from "../../api/client.ts";
import { ErrorState, Skeleton } from "../../components/States.tsx";
import { useDocumentTitle } from "../../lib/hooks.ts";
import { AdminTitle, TableShell, td, th } from "../common.tsx";
import { ScreenEditor } from "./ScreenEditor.tsx";
import { grid } from "./layout-edits.ts";
import { keys, useAdminScreens, useCinemas } from "../../api/queries.ts";

type Draft = { id: string | null; name: string; cinema: string; layout: SeatLayout; version: number | undefined };

/** Screens of the cinema: their list, and the editor for a new or an existing one. */
export function ScreensPage() {
  useDocumentTitle("Screens");
  const queryClient = useQueryClient();
  const screens = useAdminScreens();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [message, setMessage] = useState<{ kind: "error" | "ok"; text: string } | null>(null);
  const cinemas = useCinemas();
  const cinemaName = (id: string) => cinemas.data?.find((c) => c._id === id)?.name ?? id;

  const open = useMutation({
    mutationFn: (screenId: string) => call("adminScreen", { params: { screenId } }),
    onSuccess: (res) => setDraft({ id: res.screen._id, name: res.screen.name, cinema: res.screen.cinema, layout: res.screen.layout, version: res.screen.version }),
    onError: (err) => setMessage({ kind: "error", text: errorMessage(err) }),
  });
  const save = useMutation({
    mutationFn: (d: Draft) =>
      d.id
        ? call("adminUpdateScreen", { params: { screenId: d.id }, body: { name: d.name, cinema: d.cinema, layout: d.layout, ...(d.version ? { version: d.version } : {}) } })
        : call("adminCreateScreen", { body: { name: d.name, cinema: d.cinema, layout: d.layout } }),
    onSuccess: (res) => {
      setDraft({ id: res.screen._id, name: res.screen.name, cinema: res.screen.cinema, layout: res.screen.layout, version: res.screen.version });
      setMessage({ kind: "ok", text: `Saved ${res.screen.name} (${res.screen.capacity} seats). Shows already scheduled keep their seat map.` });
      void queryClient.invalidateQueries({ queryKey: ["admin"] });
    },
    onError: (err) => setMessage({ kind: "error", text: errorMessage(err) }),
  });

  return (
    <div className="max-w-6xl">
      <AdminTitle first="Screens &" rest="Seat maps">
        <button type="button" className="btn-primary" onClick={() => { setMessage(null); setDraft({ id: null, name: "", cinema: "main", layout: grid(8, 12, [standardCategory]), version: undefined }); }}>
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
              <th className={th}>Cinema</th>
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
                <td className={td}>{cinemaName(s.cinema)}</td>
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

      <NewCinema />

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
          {cinemas.data && cinemas.data.length > 1 && (
            <label className="flex max-w-sm flex-col gap-1.5 text-sm font-medium">
              Cinema
              <select className="input" value={draft.cinema} onChange={(e) => setDraft({ ...draft, cinema: e.target.value })}>
                {cinemas.data.map((c) => (
                  <option key={c._id} value={c._id}>
                    {c.name} ({c.timeZone})
                  </option>
                ))}
              </select>
            </label>
          )}
          <ScreenEditor key={draft.id ?? "new"} layout={draft.layout} onChange={(layout) => setDraft((d) => (d ? { ...d, layout } : d))} />
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

/** Adds a cinema to the chain; its screens' shows are scheduled and printed in its time zone. */
function NewCinema() {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: "", city: "", address: "", timeZone: "" });
  const add = useMutation({
    mutationFn: () => call("adminCreateCinema", { body: form }),
    onSuccess: () => {
      setForm({ name: "", city: "", address: "", timeZone: "" });
      void queryClient.invalidateQueries({ queryKey: keys.cinemas });
    },
  });
  return (
    <details className="mt-6 max-w-3xl rounded-xl border border-white/10 p-4">
      <summary className="cursor-pointer text-sm font-medium">Add a cinema</summary>
      <form
        className="mt-4 flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        {(["name", "city", "address", "timeZone"] as const).map((field) => (
          <label key={field} className="flex flex-col gap-1 text-xs text-zinc-400">
            {{ name: "Cinema name", city: "City", address: "Address", timeZone: "Time zone (e.g. America/New_York)" }[field]}
            <input className="input w-48" value={form[field]} required={field === "name" || field === "timeZone"} onChange={(e) => setForm({ ...form, [field]: e.target.value })} />
          </label>
        ))}
        <button type="submit" className="btn-secondary" disabled={add.isPending}>
          Add cinema
        </button>
        {add.isError && <p role="alert" className="w-full text-sm text-red-300">{errorMessage(add.error)}</p>}
        {add.isSuccess && <p role="status" className="w-full text-sm text-emerald-300">Added {add.data.cinema.name}.</p>}
      </form>
    </details>
  );
}
