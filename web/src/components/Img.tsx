import { useState } from "react";
import { Film, UserRound } from "lucide-react";

interface ImgProps {
  src: string | null | undefined;
  alt: string;
  className?: string;
  /** What to draw when there is no image or it fails to load. */
  fallback?: "film" | "person";
  eager?: boolean;
}

/** A lazy image that degrades to a neutral placeholder when missing or broken. */
export function Img({ src, alt, className = "", fallback = "film", eager = false }: ImgProps) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  if (!src || failedSrc === src) {
    const Icon = fallback === "person" ? UserRound : Film;
    return (
      <div
        role="img"
        aria-label={alt || undefined}
        aria-hidden={alt ? undefined : true}
        className={`flex items-center justify-center bg-gradient-to-br from-zinc-800 to-zinc-900 text-zinc-400 ${className}`}
      >
        <Icon className="size-1/3 max-h-12 max-w-12" aria-hidden="true" strokeWidth={1.5} />
      </div>
    );
  }
  return (
    <img
      src={src}
      alt={alt}
      loading={eager ? "eager" : "lazy"}
      decoding="async"
      onError={() => setFailedSrc(src)}
      className={`bg-zinc-900 object-cover ${className}`}
    />
  );
}
