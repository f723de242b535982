import { randomBytes } from "node:crypto";
import type { Config } from "../../config.ts";
import type { ImagesProvider, StoredImage } from "./interface.ts";

type CloudinaryConfig = NonNullable<Config["cloudinary"]>;

/** Credentials as the SDK's per-call options, from CLOUDINARY_URL (query options included) or the three parts. */
export function cloudinaryCredentials(config: CloudinaryConfig): Record<string, string> {
  if ("url" in config) {
    const url = new URL(String(config.url));
    return {
      ...Object.fromEntries(url.searchParams),
      cloud_name: url.hostname,
      api_key: decodeURIComponent(url.username),
      api_secret: decodeURIComponent(url.password),
    };
  }
  return { cloud_name: config.cloudName, api_key: config.apiKey, api_secret: config.apiSecret };
}

/**
 * Images on Cloudinary through the official SDK (signed uploads with upload_stream). The SDK is
 * loaded only when Cloudinary is configured, so a zero-key install never pulls it in.
 */
export class CloudinaryImagesProvider implements ImagesProvider {
  readonly kind = "cloudinary" as const;
  private readonly credentials: Record<string, string>;

  constructor(private readonly config: CloudinaryConfig, private readonly timeoutMs = 30_000) {
    this.credentials = cloudinaryCredentials(config);
  }

  async save(image: { bytes: Buffer; extension: string; name?: string }): Promise<StoredImage> {
    const { v2: cloudinary } = await import("cloudinary");
    const publicId = `${(image.name ?? "image").replace(/[^\w-]/g, "-")}-${randomBytes(6).toString("hex")}`;
    const result = await new Promise<{ secure_url?: string; url?: string }>((resolve, reject) => {
      const stream = cloudinary.uploader.upload_stream(
        {
          ...this.credentials,
          resource_type: "image",
          folder: this.config.folder,
          public_id: publicId,
          overwrite: false,
          timeout: this.timeoutMs,
        },
        (error, answer) => (error || !answer ? reject(error ?? new Error("Cloudinary sent no answer")) : resolve(answer)),
      );
      stream.end(image.bytes);
    });
    const url = result.secure_url ?? result.url;
    if (!url) throw new Error("Cloudinary's answer has no URL");
    return { url };
  }
}
