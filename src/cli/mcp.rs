//! `jobdraft mcp`: the MCP server on stdio, a client of a jobdraft server's HTTP API.

use std::sync::Arc;

use rmcp::ServiceExt;

use super::AnyError;
use crate::mcp::remote::HttpApi;
use crate::mcp::JobdraftMcp;

/// Serves MCP on stdin/stdout until the client closes it; every tool calls `base_url`'s API with
/// `token` (none: only the agent registration tools work).
pub fn mcp_stdio(base_url: &str, token: Option<String>) -> Result<(), AnyError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let api = Arc::new(HttpApi::new(base_url));
        let running = JobdraftMcp::new(api, token)
            .serve(rmcp::transport::stdio())
            .await
            .map_err(|e| format!("MCP on stdio failed to start: {e}"))?;
        running.waiting().await?;
        Ok(())
    })
}
