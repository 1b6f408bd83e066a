// A stdio-to-HTTP bridge for the MCP conformance suite, which speaks only
// the Streamable HTTP transport: each session (an initialize without a
// session id) starts its own `advisor mcp`, and every message of the
// session is passed through unchanged, both ways, by the SDK's own
// transports.  The bridge adds nothing to the protocol; what the suite
// checks is the server's answers.
import http from "node:http";
import { randomUUID } from "node:crypto";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

// Start the bridge on 127.0.0.1 (a free port) in front of `bin mcp args`
// run with env; resolves to { url, close }.
export async function startBridge(bin, args, env) {
	const sessions = new Map();

	async function openSession() {
		const server = new StdioClientTransport({ command: bin, args: ["mcp", ...args],
			env, stderr: "inherit" });
		const front = new StreamableHTTPServerTransport({
			sessionIdGenerator: () => randomUUID(),
			enableJsonResponse: true,
			onsessioninitialized: (id) => sessions.set(id, { front, server }),
		});
		front.onmessage = (message) => server.send(message);
		server.onmessage = (message) => front.send(message);
		front.onclose = () => {
			if (front.sessionId)
				sessions.delete(front.sessionId);
			server.close();
		};
		await server.start();
		await front.start();
		return front;
	}

	// A POST's body, parsed (undefined if it is not JSON: the transport
	// answers that itself).
	async function body(req) {
		const chunks = [];
		for await (const chunk of req)
			chunks.push(chunk);
		try {
			return JSON.parse(Buffer.concat(chunks).toString("utf8"));
		} catch {
			return undefined;
		}
	}

	const httpServer = http.createServer(async (req, res) => {
		try {
			const id = req.headers["mcp-session-id"];
			const parsed = req.method === "POST" ? await body(req) : undefined;
			if (id && sessions.has(id)) {
				await sessions.get(id).front.handleRequest(req, res, parsed);
			} else if (!id && parsed?.method === "initialize") {
				await (await openSession()).handleRequest(req, res, parsed);
			} else {
				res.writeHead(id ? 404 : 400, { "Content-Type": "application/json" });
				res.end(JSON.stringify({ jsonrpc: "2.0", id: null,
					error: { code: -32000, message: "no such session" } }));
			}
		} catch (e) {
			if (!res.headersSent)
				res.writeHead(500);
			res.end(String(e));
		}
	});
	await new Promise((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
	return {
		url: `http://127.0.0.1:${httpServer.address().port}/mcp`,
		close: async () => {
			for (const { front } of sessions.values())
				await front.close();
			await new Promise((resolve) => httpServer.close(resolve));
		},
	};
}
