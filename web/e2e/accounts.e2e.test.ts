import { describe, expect, test } from "vitest";
import { mailedLinkToken } from "../../server/test/support/mail-links.ts";
import { newContext, watchPage } from "./browser.ts";
import { useSite } from "./server.ts";

// As in production by default: an address must be confirmed before booking.
const site = useSite({ seedDemo: false, env: { REQUIRE_EMAIL_VERIFICATION: "true" } });

describe("local accounts by mail", () => {
  test("a new customer confirms the address from the mailed link, then resets a forgotten password and signs in with it", async () => {
    const context = await newContext(site.browser, { baseURL: site.baseURL });
    const page = await context.newPage();
    const { errors } = watchPage(page);
    const email = "dana@example.test";

    await page.goto("/sign-up");
    await page.getByLabel("Name").fill("Dana");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password").fill("12345678");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect.poll(() => page.locator("#password-error").textContent()).toMatch(/at least 10 characters/);
    await page.getByLabel("Password").fill("password123");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect.poll(() => page.locator("#password-error").textContent()).toMatch(/too common or too easy to guess/);
    await page.getByLabel("Password").fill("popcorn in the back row");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL((url) => url.pathname === "/");

    await page.goto(`/verify-email#token=${await mailedLinkToken(site.baseURL, email, "verify-email")}`);
    await expect.poll(() => page.getByRole("status").textContent()).toContain(`${email} is confirmed`);

    // A damaged link is refused with a way out (a new document: a hash change alone reloads nothing).
    await page.goto("/");
    await page.goto("/verify-email#token=damaged");
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/invalid or has expired/);

    // Forgot password, from a signed-out browser.
    const fresh = await newContext(site.browser, { baseURL: site.baseURL });
    const visitor = await fresh.newPage();
    const visitorErrors = watchPage(visitor).errors;
    await visitor.goto("/sign-in");
    await visitor.getByRole("link", { name: "Forgot password?" }).click();
    await visitor.waitForURL(/\/forgot-password$/);
    // The URL changes before the page's code has loaded: until then the sign-in form, with its own
    // Email field, is still on screen.
    await visitor.getByRole("heading", { name: "Forgot your password?" }).waitFor();
    await visitor.getByLabel("Email").fill(email);
    await visitor.getByRole("button", { name: "Send reset link" }).click();
    await expect.poll(() => visitor.getByRole("status").textContent()).toContain("a link to choose a new password is on its way");

    await visitor.goto(`/reset-password#token=${await mailedLinkToken(site.baseURL, email, "reset-password")}`);
    await visitor.getByLabel("New password").fill("a quiet seat near the aisle");
    await visitor.getByRole("button", { name: "Save new password" }).click();
    await expect.poll(() => visitor.getByRole("status").textContent()).toContain("Your password was changed");

    await visitor.getByRole("link", { name: "Sign in" }).last().click();
    await visitor.waitForURL(/\/sign-in/);
    await visitor.getByLabel("Email").fill(email);
    await visitor.getByLabel("Password").fill("a quiet seat near the aisle");
    await visitor.getByRole("button", { name: "Sign in" }).click();
    await visitor.waitForURL((url) => url.pathname === "/");

    // The refused weak password and the damaged link are the only failed requests.
    expect(errors).toEqual(Array(2).fill("console: Failed to load resource: the server responded with a status of 400 (Bad Request)"));
    expect(visitorErrors).toEqual([]);
    await fresh.close();
    await context.close();
  });

  test("the password rules show before the first try, a refusal is told at its field, and the account page changes the password and signs out everywhere", async () => {
    const here = await newContext(site.browser, { baseURL: site.baseURL });
    const page = await here.newPage();
    const email = "eli@example.test";

    await page.goto("/sign-up");
    await expect.poll(() => page.getByTestId("password-rules").textContent()).toMatch(/At least 10 characters.*not made of your name or email address/);
    await page.getByLabel("Name").fill("Eli");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password").fill("password123");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect.poll(() => page.locator("#password-error").textContent()).toMatch(/^Choose a longer or less common password: /);
    await page.getByLabel("Password").fill("popcorn in the back row");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL((url) => url.pathname === "/");

    // Signed in on another device as well.
    const elsewhere = await newContext(site.browser, { baseURL: site.baseURL });
    const other = await elsewhere.newPage();
    await other.goto("/sign-in");
    await other.getByLabel("Email").fill(email);
    await other.getByLabel("Password").fill("popcorn in the back row");
    await other.getByRole("button", { name: "Sign in" }).click();
    await other.waitForURL((url) => url.pathname === "/");

    await page.getByTestId("user-name").click();
    await page.waitForURL(/\/account$/);
    await expect.poll(() => page.getByTestId("password-rules").isVisible()).toBe(true);
    await page.getByLabel("Current password").fill("not my password");
    await page.getByLabel("New password").fill("a row of comfy red seats");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect.poll(() => page.locator("#currentPassword-error").textContent()).toMatch(/^Check your current password: /);
    await page.getByLabel("Current password").fill("popcorn in the back row");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toMatch(/Your password was changed/);

    // The other device's session ended; this one goes on.
    await other.goto("/my-bookings");
    await other.waitForURL(/\/sign-in/);
    await page.goto("/account");
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await page.waitForURL(/\/sign-in/);
    await page.goto("/account");
    await page.waitForURL(/\/sign-in/);
    await elsewhere.close();
    await here.close();
  });
});
