import { useState } from "react";
import { useSearchParams } from "react-router";
import { Info, X } from "lucide-react";

/** Back on the seat map after Cancel on checkout (`?cancelled=1`): a short word that nothing was paid. */
export function CheckoutCancelledNotice() {
  const [search, setSearch] = useSearchParams();
  const [shown, setShown] = useState(() => search.get("cancelled") === "1");
  if (!shown) return null;
  const dismiss = () => {
    setShown(false);
    const next = new URLSearchParams(search);
    next.delete("cancelled");
    setSearch(next, { replace: true });
  };
  return (
    <div role="status" className="mb-6 flex w-full items-start gap-2 rounded-xl border border-sky-400/40 bg-sky-400/10 px-4 py-3 text-sm text-sky-100">
      <Info className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
      <p className="flex-1">Checkout cancelled: nothing was paid. Your seats are still picked below; proceed when you're ready.</p>
      <button type="button" className="btn-ghost -my-2 px-2" onClick={dismiss} aria-label="Dismiss">
        <X className="size-4" aria-hidden="true" />
      </button>
    </div>
  );
}
