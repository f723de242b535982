/** Shared by in-process and spawned test servers so tokens from one work on the other. */
export const testSecret = "test-secret-test-secret-test-secret-0123";
