// The MCP conformance suite (@modelcontextprotocol/conformance) against
// `advisor mcp`, through bridge.mjs, since the suite speaks only HTTP: the
// scenarios that apply to a server of tools that offers no resources,
// prompts, logging or completions, and whose tools are its own (the
// others call the suite's own test tools by name).
//
// Usage: node conformance.mjs ADVISOR_BIN DATA_HOME CACHE_HOME
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startBridge } from "./bridge.mjs";

const [bin, dataHome, cacheHome] = process.argv.slice(2);
const scenarios = ["server-initialize", "ping", "tools-list"];
const suite = fileURLToPath(new URL(
	"./node_modules/@modelcontextprotocol/conformance/dist/index.js", import.meta.url));
const run = promisify(execFile);

const bridge = await startBridge(bin, [], {
	PATH: process.env.PATH,
	HOME: process.env.HOME || "/nonexistent",
	XDG_DATA_HOME: dataHome,
	XDG_CACHE_HOME: cacheHome,
	XDG_CONFIG_HOME: cacheHome,
	LC_ALL: "C.UTF-8",
});
let failures = 0;
for (const scenario of scenarios) {
	try {
		// The suite writes its results/ folder where it runs.
		const { stdout } = await run(process.execPath,
			[suite, "server", "--url", bridge.url, "--scenario", scenario],
			{ cwd: cacheHome, env: { ...process.env, NO_COLOR: "1" } });
		const summary = stdout.split("\n").find((l) => l.startsWith("Passed:"));
		console.log(`ok - ${scenario}: ${summary}`);
	} catch (e) {
		failures++;
		console.log(`FAIL - ${scenario}:\n${e.stdout || ""}${e.stderr || e}`);
	}
}
await bridge.close();
if (failures) {
	console.log(`${failures} FAILED`);
	process.exit(1);
}
console.log("mcp conformance: all passed");
