// `advisor mcp` through the official MCP TypeScript SDK client, as an
// assistant uses it: the server started over stdio, the tools listed and
// each one called, a fact recorded and the advice following it, the
// network file damaged and the old one kept, bad arguments refused as
// tool errors, an unknown tool as a protocol error, and --read-only.
//
// Usage: node client.mjs ADVISOR_BIN DATA_HOME CACHE_HOME
// (DATA_HOME/advisor holds a data folder made by `advisor init`.)
import assert from "node:assert/strict";
import { copyFileSync, writeFileSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { McpError, ErrorCode } from "@modelcontextprotocol/sdk/types.js";

const [bin, dataHome, cacheHome] = process.argv.slice(2);
const asOf = "2026-11-27";
let failures = 0;

async function check(name, fn) {
	try {
		await fn();
		console.log(`ok - ${name}`);
	} catch (e) {
		failures++;
		console.log(`FAIL - ${name}: ${e.stack || e}`);
	}
}

async function connect(args = []) {
	const transport = new StdioClientTransport({
		command: bin,
		args: ["mcp", ...args],
		env: {
			PATH: process.env.PATH,
			HOME: process.env.HOME || "/nonexistent",
			XDG_DATA_HOME: dataHome,
			XDG_CACHE_HOME: cacheHome,
			XDG_CONFIG_HOME: cacheHome,
			LC_ALL: "C.UTF-8",
		},
		stderr: "pipe",
	});
	const client = new Client({ name: "advisor-tests", version: "1.0.0" });
	await client.connect(transport);
	return client;
}

const text = (r) => r.content.filter((c) => c.type === "text").map((c) => c.text).join("\n");

const client = await connect();

await check("initialize agrees on the SDK's protocol version", async () => {
	const info = client.getServerVersion();
	assert.equal(info.name, "advisor");
	assert.ok(client.getServerCapabilities().tools, "no tools capability");
	assert.match(client.getInstructions() ?? "", /LinkedIn invitation/);
});

await check("tools/list has every tool, with schemas and annotations", async () => {
	const { tools } = await client.listTools();
	const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
	assert.deepEqual(Object.keys(byName).sort(),
		["add", "advise", "find", "forget", "outcomes", "path", "plan", "remember", "sent",
			"triage", "tune", "withdrew"]);
	for (const t of tools) {
		assert.equal(t.inputSchema.type, "object", t.name);
		assert.equal(t.inputSchema.additionalProperties, false, t.name);
		assert.equal(t.annotations.openWorldHint, false, t.name);
	}
	assert.deepEqual(byName.advise.inputSchema.required, []);
	assert.equal(byName.advise.inputSchema.properties.name.type, "string");
	assert.deepEqual(byName.path.inputSchema.required, ["person"]);
	assert.equal(byName.advise.inputSchema.properties.explain.type, "boolean");
	assert.deepEqual(byName.advise.inputSchema.properties.direction.enum,
		["incoming", "outgoing"]);
	for (const name of ["advise", "find", "triage", "outcomes", "tune", "plan", "path"])
		assert.equal(byName[name].annotations.readOnlyHint, true, name);
	for (const name of ["add", "remember", "forget", "sent", "withdrew"])
		assert.equal(byName[name].annotations.readOnlyHint, false, name);
	assert.equal(byName.forget.annotations.destructiveHint, true);
	assert.equal(byName.remember.annotations.destructiveHint, false);
});

await check("advise: the verdict, the reasons and the note", async () => {
	const r = await client.callTool({ name: "advise",
		arguments: { person: "Priya", as_of: asOf } });
	assert.equal(r.isError, false, text(r));
	assert.equal(r.structuredContent.person, "priya-natarajan");
	assert.equal(r.structuredContent.verdict, "connect_with_note");
	assert.match(r.structuredContent.note, /PyCon 2019/);
	assert.deepEqual(JSON.parse(r.content[0].text), r.structuredContent);
});

await check("advise with explain: every rule and the what-ifs", async () => {
	const r = await client.callTool({ name: "advise",
		arguments: { person: "dana", as_of: asOf, explain: true,
			intent: ["network"], direction: "outgoing" } });
	assert.equal(r.isError, false, text(r));
	assert.equal(r.structuredContent.verdict, "dont_connect");
	assert.ok(Array.isArray(r.structuredContent.rules), JSON.stringify(r.structuredContent));
});

await check("advise on someone as their profile shows them: not recorded", async () => {
	let r = await client.callTool({ name: "advise", arguments: {
		name: "Noa Levi", headline: "Design Lead at Tessellate", company: "Tessellate",
		url: "https://www.linkedin.com/in/noa-levi-42", as_of: asOf } });
	assert.equal(r.isError, false, text(r));
	assert.equal(r.structuredContent.transient, true);
	assert.equal(r.structuredContent.person, "https://www.linkedin.com/in/noa-levi-42");
	assert.equal(r.structuredContent.verdict, "dont_connect");
	r = await client.callTool({ name: "find", arguments: { text: "noa" } });
	assert.equal(r.isError, true, "asking about someone recorded them");
	// Someone the network has is judged as they are there.
	r = await client.callTool({ name: "advise", arguments: {
		name: "Priya Natarajan", company: "Orbit", as_of: asOf } });
	assert.equal(r.structuredContent.person, "priya-natarajan");
	assert.equal(r.structuredContent.transient, undefined);
	assert.equal(r.structuredContent.verdict, "connect_with_note");
	r = await client.callTool({ name: "advise", arguments: { person: "priya", name: "Priya" } });
	assert.equal(r.isError, true);
	assert.match(text(r), /one person at a time/);
});

await check("find: the people a name matches", async () => {
	const r = await client.callTool({ name: "find", arguments: { text: "chen" } });
	assert.equal(r.isError, false, text(r));
	assert.equal(r.structuredContent.people[0].id, "mei-lin-chen");
});

await check("triage: every pending invitation", async () => {
	const r = await client.callTool({ name: "triage", arguments: { as_of: asOf } });
	assert.equal(r.isError, false, text(r));
	assert.ok(r.structuredContent.invitations.length > 0);
	assert.ok(r.structuredContent.invitations.every((i) => i.verdict));
});

await check("outcomes: what became of the invitations sent", async () => {
	const r = await client.callTool({ name: "outcomes", arguments: { as_of: asOf } });
	assert.equal(r.isError, false, text(r));
	assert.equal(r.structuredContent.as_of, asOf);
	assert.equal(r.structuredContent.groups[0].name, "all");
	assert.equal(r.structuredContent.groups[0].sent, r.structuredContent.outcomes.length);
	assert.deepEqual(JSON.parse(r.content[0].text), r.structuredContent);
});

await check("tune: too few outcomes, said as an answer", async () => {
	const r = await client.callTool({ name: "tune", arguments: { as_of: asOf, min: 1000 } });
	assert.equal(r.isError, false, text(r));
	assert.equal(r.structuredContent.fitted, false);
	assert.equal(r.structuredContent.needed, 1000);
	assert.equal(r.structuredContent.threshold, 3);
	assert.ok(r.structuredContent.rules.some((x) => x.rule === "known" && x.tuned));
	assert.deepEqual(r.structuredContent.changes, []);
	const bad = await client.callTool({ name: "tune", arguments: { penalty: "-1" } });
	assert.equal(bad.isError, true);
	assert.match(text(bad), /--penalty/);
});

await check("plan: the week's invitations within the limits", async () => {
	const r = await client.callTool({ name: "plan", arguments: { as_of: asOf } });
	assert.equal(r.isError, false, text(r));
	assert.equal(r.structuredContent.as_of, asOf);
	assert.equal(r.structuredContent.limits.invitations_a_week, 100);
	assert.ok(Array.isArray(r.structuredContent.invitations));
	const given = await client.callTool({ name: "plan", arguments: {
		as_of: asOf, people: ["dana", "priya"] } });
	assert.equal(given.isError, false, text(given));
	assert.equal(given.structuredContent.candidates, 2);
	assert.deepEqual(JSON.parse(r.content[0].text), r.structuredContent);
});

await check("path: the chains and the mutual connections", async () => {
	const r = await client.callTool({ name: "path", arguments: { person: "priya" } });
	assert.equal(r.isError, false, text(r));
	assert.equal(r.structuredContent.person, "priya-natarajan");
	assert.ok(r.structuredContent.paths.length > 0);
	assert.ok(Array.isArray(r.structuredContent.mutuals));
});

await check("remember: a fact recorded, and the advice follows it", async () => {
	let r = await client.callTool({ name: "advise", arguments: { person: "dana", as_of: asOf } });
	assert.equal(r.structuredContent.verdict, "dont_connect");
	r = await client.callTool({ name: "remember", arguments: {
		person: "Dana Whitfield", type: "met", date: "2019-05",
		context: "PyCon 2019", tone: "cordial" } });
	assert.equal(r.isError, false, text(r));
	assert.match(text(r), /Recorded: you met Dana Whitfield at PyCon 2019/);
	r = await client.callTool({ name: "advise", arguments: { person: "dana", as_of: asOf } });
	assert.equal(r.structuredContent.verdict, "connect_with_note", text(r));
});

await check("forget: the fact removed, and the advice back", async () => {
	let r = await client.callTool({ name: "forget",
		arguments: { person: "dana", type: "met" } });
	assert.equal(r.isError, false, text(r));
	r = await client.callTool({ name: "advise", arguments: { person: "dana", as_of: asOf } });
	assert.equal(r.structuredContent.verdict, "dont_connect");
});

await check("sent: an invitation recorded, the advice says invited; forget takes it back", async () => {
	let r = await client.callTool({ name: "sent", arguments: { person: "dana", note: true } });
	assert.equal(r.isError, false, text(r));
	r = await client.callTool({ name: "advise", arguments: { person: "dana" } });
	assert.equal(r.structuredContent.verdict, "invited", text(r));
	r = await client.callTool({ name: "forget", arguments: { person: "dana", type: "sent" } });
	assert.equal(r.isError, false, text(r));
	r = await client.callTool({ name: "advise", arguments: { person: "dana", as_of: asOf } });
	assert.equal(r.structuredContent.verdict, "dont_connect");
	r = await client.callTool({ name: "withdrew", arguments: { person: "dana" } });
	assert.equal(r.isError, true, "withdrew with no invitation waiting was accepted");
});

await check("add: someone new, then found", async () => {
	let r = await client.callTool({ name: "add", arguments: {
		name: "Noa Levi", company: "Orbit", seniority: "founder",
		followers: 12000, influencer: false } });
	assert.equal(r.isError, false, text(r));
	assert.match(text(r), /noa-levi/);
	r = await client.callTool({ name: "find", arguments: { text: "noa" } });
	assert.equal(r.structuredContent.people[0].id, "noa-levi");
	r = await client.callTool({ name: "add", arguments: { name: "Noa Levi" } });
	assert.equal(r.isError, true, "adding someone twice was accepted");
});

await check("bad arguments are tool errors naming the argument", async () => {
	let r = await client.callTool({ name: "advise", arguments: { person: 7 } });
	assert.equal(r.isError, true);
	assert.match(text(r), /person must be a string/);
	r = await client.callTool({ name: "advise", arguments: {} });
	assert.equal(r.isError, true);
	assert.match(text(r), /give person .* or name/);
	r = await client.callTool({ name: "path", arguments: {} });
	assert.match(text(r), /person is required/);
	r = await client.callTool({ name: "advise", arguments: { person: "priya", mood: "x" } });
	assert.match(text(r), /unknown argument 'mood'/);
	r = await client.callTool({ name: "advise", arguments: { person: "priya", drafts: 9 } });
	assert.match(text(r), /drafts must be a whole number from 1 to 3/);
	r = await client.callTool({ name: "remember", arguments: {
		person: "dana", type: "met", date: "2019", tone: "sunny" } });
	assert.match(text(r), /tone: 'sunny' is not cordial, neutral, awkward or hostile/);
});

await check("the command's own errors, with its messages", async () => {
	let r = await client.callTool({ name: "advise",
		arguments: { person: "priya", intent: ["fly"] } });
	assert.equal(r.isError, true);
	assert.match(text(r), /fly/);
	assert.match(text(r), /reconnect/);
	r = await client.callTool({ name: "advise", arguments: { person: "no such person" } });
	assert.equal(r.isError, true);
	assert.match(text(r), /no person/);
	r = await client.callTool({ name: "remember", arguments: {
		person: "dana", type: "met", date: "2999-01-01" } });
	assert.equal(r.isError, true);
	assert.doesNotMatch(text(r), /^advisor: /m);
});

await check("an unknown tool is a protocol error", async () => {
	await assert.rejects(client.callTool({ name: "invite", arguments: {} }),
		(e) => e instanceof McpError && e.code === ErrorCode.InvalidParams &&
			/unknown tool 'invite'/.test(e.message));
});

await check("a damaged network file: the one loaded before serves", async () => {
	const file = `${dataHome}/advisor/network.json`;
	copyFileSync(file, `${file}.good`);
	writeFileSync(file, "{\"format\": \"advisor-network/1\", \"me\": ");
	const r = await client.callTool({ name: "advise", arguments: { person: "priya", as_of: asOf } });
	copyFileSync(`${file}.good`, file);
	assert.equal(r.isError, false, text(r));
	assert.equal(r.structuredContent.verdict, "connect_with_note");
	assert.match(text(r), /cannot be loaded/);
	const again = await client.callTool({ name: "advise", arguments: { person: "priya", as_of: asOf } });
	assert.doesNotMatch(text(again), /cannot be loaded/);
});

await check("ping", async () => {
	assert.deepEqual(await client.ping(), {});
});

await client.close();

const reader = await connect(["--read-only"]);
await check("--read-only: only the tools that read, and writing refused", async () => {
	const { tools } = await reader.listTools();
	assert.deepEqual(tools.map((t) => t.name).sort(),
		["advise", "find", "outcomes", "path", "plan", "triage", "tune"]);
	const r = await reader.callTool({ name: "remember", arguments: {
		person: "dana", type: "met", date: "2019" } });
	assert.equal(r.isError, true);
	assert.match(text(r), /--read-only/);
	const ok = await reader.callTool({ name: "advise", arguments: { person: "priya", as_of: asOf } });
	assert.equal(ok.isError, false);
});
await reader.close();

if (failures) {
	console.log(`${failures} FAILED`);
	process.exit(1);
}
console.log("mcp client: all passed");
