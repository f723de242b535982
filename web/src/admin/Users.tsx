import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { call, errorMessage } from "../api/client.ts";
import { EmptyState, ErrorState, Skeleton } from "../components/States.tsx";
import { useDocumentTitle } from "../lib/hooks.ts";
import { AdminTitle, TableShell, td, th } from "./common.tsx";
import { useAdminUsers, venueKeys } from "../api/queries.ts";

/** Accounts and the door-staff role: search by name or email, grant or remove it. */
export function Users() {
  useDocumentTitle("Users");
  const [typed, setTyped] = useState("");
  const [q, setQ] = useState("");
  const queryClient = useQueryClient();
  const users = useAdminUsers(q);
  const setRole = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: "staff" | "user" }) => call("setStaffRole", { params: { userId }, body: { role } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: venueKeys.users }),
  });

  return (
    <div>
      <AdminTitle first="Users" rest="and staff" />
      <form
        className="mb-6 flex max-w-xl gap-2"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQ(typed.trim());
        }}
      >
        <label htmlFor="user-search" className="sr-only">
          Name or email
        </label>
        <input id="user-search" className="input flex-1" placeholder="Name or email" value={typed} onChange={(e) => setTyped(e.target.value)} />
        <button type="submit" className="btn-primary">
          <Search className="size-4" aria-hidden="true" /> Search
        </button>
      </form>
      <p className="mb-3 text-sm text-zinc-400">{q ? `Accounts matching “${q}”` : "Door staff (search to find anyone else)"}</p>
      {setRole.isError && (
        <p role="alert" className="mb-3 text-sm text-red-300">
          {errorMessage(setRole.error)}
        </p>
      )}
      {users.isPending ? (
        <Skeleton className="h-40 max-w-4xl" />
      ) : users.isError ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} title="Couldn't load users" />
      ) : users.data.length === 0 ? (
        <EmptyState title={q ? "No account matches" : "No door staff yet"}>{q ? "Try part of the name or address." : "Search for an account to grant the role."}</EmptyState>
      ) : (
        <TableShell label="Users">
          <thead>
            <tr>
              <th className={th}>Name</th>
              <th className={th}>Email</th>
              <th className={th}>Role</th>
              <th className={th}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => (
              <tr key={u._id} data-user-email={u.email} className="even:bg-white/[0.02]">
                <td className={`${td} font-medium`}>{u.name}</td>
                <td className={td}>{u.email}</td>
                <td className={td}>{u.isAdmin ? "Admin" : u.role === "staff" ? "Door staff" : "Customer"}</td>
                <td className={td}>
                  {!u.isAdmin && (
                    <button
                      type="button"
                      className={u.role === "staff" ? "btn-ghost text-sm" : "btn-secondary text-sm"}
                      disabled={setRole.isPending}
                      onClick={() => setRole.mutate({ userId: u._id, role: u.role === "staff" ? "user" : "staff" })}
                    >
                      {u.role === "staff" ? "Remove staff role" : "Make door staff"}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </TableShell>
      )}
    </div>
  );
}
