// The framework's own ceiling: Express answering a constant JSON body.
import express from "express";

const app = express();
app.get("/hello", (_req, res) => res.json({ success: true, hello: "world" }));
const server = app.listen(Number(process.env.PORT), "127.0.0.1", () => process.send?.("ready"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
