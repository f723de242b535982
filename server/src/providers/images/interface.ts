export interface StoredImage {
  url: string;
}

export interface ImagesProvider {
  readonly kind: "local" | "cloudinary";
  /**
   * Stores an already validated image and returns the URL it is served from. `name` is a hint
   * for the stored name (e.g. movie-653-poster); providers keep names unique.
   */
  save(image: { bytes: Buffer; extension: "png" | "jpg" | "webp" | "gif"; name?: string }): Promise<StoredImage>;
}
