export interface FieldErrors {
  movie?: string;
  price?: string;
  times?: string;
  form?: string;
}

/** A field's problem, next to it; the field points at it with aria-describedby. */
export function FieldError({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-sm text-red-300">
      {text}
    </p>
  );
}
