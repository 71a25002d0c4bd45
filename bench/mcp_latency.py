"""Sequential latency of one draft read: GET /job-drafts/{id} vs the MCP tool get_draft over /mcp.

    target/mcp-venv/bin/python bench/mcp_latency.py http://127.0.0.1:8080 TOKEN JOB_ID
"""
import sys, time, anyio, httpx2
from mcp import ClientSession
from mcp.client.streamable_http import streamable_http_client
url, token, job = sys.argv[1], sys.argv[2], sys.argv[3]
N = 300
async def main():
    h = {"Authorization": f"Bearer {token}"}
    async with httpx2.AsyncClient(headers=h, timeout=60) as http:
        for _ in range(20): await http.get(f"{url}/api/public/v1/job-drafts/{job}")
        t = time.perf_counter()
        for _ in range(N): await http.get(f"{url}/api/public/v1/job-drafts/{job}")
        api = (time.perf_counter() - t) / N
        async with streamable_http_client(f"{url}/mcp", http_client=http) as s:
            async with ClientSession(s[0], s[1]) as session:
                await session.initialize()
                for _ in range(20): await session.call_tool("get_draft", {"jobId": job})
                t = time.perf_counter()
                for _ in range(N): await session.call_tool("get_draft", {"jobId": job})
                mcp = (time.perf_counter() - t) / N
    print(f"GET /job-drafts/{{id}}: {api*1000:.2f} ms/call; MCP get_draft over /mcp: {mcp*1000:.2f} ms/call (N={N}, sequential)")
anyio.run(main)
