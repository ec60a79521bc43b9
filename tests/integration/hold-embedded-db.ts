/**
 * A stand-in for `npm start` in the lock tests: opens the embedded database under DATA_DIR the way the site does,
 * writes an account, prints "ready" and keeps the database open until killed.
 */
import { getDbHandle } from "../../db";
import { createUser } from "../../db/queries/users";

const handle = await getDbHandle();
await createUser(handle.db, { email: "holder@example.org", name: "Holder" });
console.log("ready");
setInterval(() => {}, 60_000);
