import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ImagesProvider } from "./interface.ts";

/** Files under `<DATA_DIR>/uploads`, served by the app at /media/uploads. */
export class LocalDiskImagesProvider implements ImagesProvider {
  readonly kind = "local" as const;
  constructor(readonly directory: string) {}

  async save(image: { bytes: Buffer; extension: string; name?: string }) {
    await mkdir(this.directory, { recursive: true });
    const name = `${randomUUID()}.${image.extension}`;
    await writeFile(path.join(this.directory, name), image.bytes);
    return { url: `/media/uploads/${name}` };
  }
}
