export interface StoredImage {
  url: string;
}

export interface ImagesProvider {
  readonly kind: "local" | "cloudinary";
  /** Stores an already validated image and returns the URL it is served from. */
  save(image: { bytes: Buffer; extension: "png" | "jpg" | "webp" | "gif" }): Promise<StoredImage>;
}
