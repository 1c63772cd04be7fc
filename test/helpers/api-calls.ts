import type { Emulator } from "../../emulator";
import { calls } from "./emulator";

/** The management API calls (token requests aside) `action` made, with ids masked as {org}, {dom}, {conn}, {lnk}, {res}. */
export async function apiCallsOf(emulator: Emulator, action: () => Promise<unknown>): Promise<string[]> {
  const start = emulator.requestLog.length;
  await action();
  return calls(emulator, start)
    .filter((line) => !line.startsWith("POST /oauth/token"))
    .map((line) => line.replace(/org_\d+/g, "{org}").replace(/dom_\d+/g, "{dom}").replace(/conn_\d+/g, "{conn}").replace(/lnk_\d+/g, "{lnk}").replace(/res_\d+/g, "{res}"));
}
