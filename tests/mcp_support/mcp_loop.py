"""A real MCP client (the official Python SDK) running jobdraft's whole loop.

    python mcp_loop.py http URL TOKEN READ_ONLY_TOKEN
    python mcp_loop.py stdio JOBDRAFT_BIN BASE_URL TOKEN READ_ONLY_TOKEN

Lists the tools (parsed by the SDK's MCP models, schemas checked as JSON Schema), creates a draft
from text, answers the server's elicitations (the first with a bad value), publishes, searches,
reads the resources and the prompt, and tries a write tool with a read-only token. Prints one JSON
object with what it saw; the Rust test (tests/mcp.rs) asserts on it.
"""

import json
import sys
from contextlib import asynccontextmanager

import anyio
import httpx2
import jsonschema
from mcp import ClientSession, types
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client

TEXT = (
    "Bounding box annotation of dashcam images (MCP loop). We need annotators to draw boxes "
    "around cars and pedestrians in 50,000 images."
)


@asynccontextmanager
async def connect(mode, args, token, elicitation_callback=None):
    if mode == "http":
        async with httpx2.AsyncClient(headers={"Authorization": f"Bearer {token}"}, timeout=60) as http:
            async with streamable_http_client(args[0], http_client=http) as streams:
                read, write = streams[0], streams[1]
                async with ClientSession(read, write, elicitation_callback=elicitation_callback) as session:
                    await session.initialize()
                    yield session
    else:
        params = StdioServerParameters(
            command=args[0],
            args=["mcp", "--base-url", args[1]],
            env={"JOBDRAFT_TOKEN": token, "RUST_LOG": "warn"},
        )
        async with stdio_client(params) as streams:
            read, write = streams[0], streams[1]
            async with ClientSession(read, write, elicitation_callback=elicitation_callback) as session:
                await session.initialize()
                yield session


def answer_for(name, prop, bad):
    """A plausible answer for one form property; a bad one (a negative headcount) when asked."""
    kind = prop.get("type")
    if "enum" in prop:
        return prop["enum"][0]
    if kind == "integer":
        return -5 if bad else 3
    if kind == "number":
        return 25.5
    if prop.get("format") == "email":
        return "jobs@example.com"
    if prop.get("format") == "date":
        return "2030-12-31"
    if "comma-separated" in prop.get("description", ""):
        return "alpha, beta"
    return "Answer for " + name


async def main():
    mode = sys.argv[1]
    rest = sys.argv[2:]
    conn_args, token, read_only = rest[:-2], rest[-2], rest[-1]
    seen = {"elicitations": [], "errors": []}

    async def on_elicit(context, params):
        schema = params.requested_schema
        props = schema.get("properties", {}) if isinstance(schema, dict) else schema.model_dump()["properties"]
        first = not seen["elicitations"]
        seen["elicitations"].append({"message": params.message, "fields": sorted(props)})
        content = {k: answer_for(k, v, bad=first and k == "headcount") for k, v in props.items()}
        return types.ElicitResult(action="accept", content=content)

    async with connect(mode, conn_args, token, on_elicit) as session:
        tools = (await session.list_tools()).tools
        seen["tools"] = sorted(t.name for t in tools)
        for tool in tools:
            jsonschema.Draft202012Validator.check_schema(tool.input_schema)
            if tool.output_schema is not None:
                jsonschema.Draft202012Validator.check_schema(tool.output_schema)
        by_name = {t.name: t for t in tools}
        seen["createAnnotations"] = by_name["create_draft"].annotations.model_dump(by_alias=True, exclude_none=True)
        seen["searchReadOnly"] = by_name["search_jobs"].annotations.read_only_hint
        seen["patchEnum"] = by_name["update_draft"].input_schema["properties"]["patch"]["properties"]["paymentType"].get("enum")

        created = await session.call_tool("create_draft", {"text": TEXT})
        report = created.structured_content
        if created.is_error or report is None:
            raise SystemExit("create_draft failed: " + json.dumps(created.model_dump(mode="json")))
        jsonschema.validate(report, by_name["create_draft"].output_schema)
        seen["report"] = {
            "jobId": report["jobId"],
            "publishReady": report["validation"]["publishReady"],
            "elicitation": report.get("elicitation"),
            "normalized": report["normalizedFields"],
        }
        published = await session.call_tool("publish_job", {"jobId": report["jobId"]})
        seen["publish"] = published.structured_content
        found = await session.call_tool("search_jobs", {"q": "dashcam"})
        seen["searchIds"] = [j.get("id") or j.get("jobId") for j in found.structured_content.get("jobs", [])]
        edited = await session.call_tool("update_job", {"jobId": report["jobId"], "patch": {"headcount": 6}})
        after = (await session.call_tool("get_draft", {"jobId": report["jobId"]})).structured_content
        seen["liveEdit"] = {"isError": edited.is_error, "status": (edited.structured_content or {}).get("status"),
                            "headcount": after["normalizedFields"].get("headcount")}
        closed = await session.call_tool("close_job", {"jobId": report["jobId"]})
        seen["closed"] = closed.structured_content
        batch = await session.call_tool("import_batch", {"items": [{"rawJobDescription": TEXT}, {"rawJobDescription": TEXT}]})
        seen["batchSummary"] = (batch.structured_content or {}).get("summary")
        me = await session.call_tool("auth_status", {})
        seen["authScopes"] = (me.structured_content or {}).get("token", {}).get("scopes")
        bad = await session.call_tool("get_draft", {"jobId": "no-such-job"})
        seen["notFound"] = {"isError": bad.is_error, "text": bad.content[0].text}
        resources = await session.list_resources()
        seen["resources"] = sorted(str(r.uri) for r in resources.resources)
        catalog = await session.read_resource(resources.resources[0].uri)
        seen["catalogHasFields"] = "fields" in json.loads(catalog.contents[0].text)
        prompt = await session.get_prompt("post_a_job", {"description": "Label 10 images."})
        seen["promptMentionsCreate"] = "create_draft" in prompt.messages[0].content.text

    async def decline(context, params):
        return types.ElicitResult(action="decline")

    async with connect(mode, conn_args, token, decline) as session:
        declined = await session.call_tool("create_draft", {"text": TEXT})
        seen["declined"] = declined.structured_content.get("elicitation")

    async with connect(mode, conn_args, token) as session:
        plain = (await session.call_tool("create_draft", {"text": TEXT})).structured_content
        seen["withoutElicitation"] = {
            "elicitation": plain.get("elicitation"),
            "prompts": [m.get("prompt") for m in plain["missingFields"]],
        }

    async with connect(mode, conn_args, read_only) as session:
        denied = await session.call_tool("create_draft", {"text": TEXT})
        seen["readOnlyCreate"] = {"isError": denied.is_error, "text": denied.content[0].text}
        listed = await session.call_tool("list_my_jobs", {})
        seen["readOnlyList"] = {"isError": listed.is_error}

    print(json.dumps(seen))


anyio.run(main)
