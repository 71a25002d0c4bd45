//! The MCP server handler (rmcp's `ServerHandler`): tools, resources and the prompt, each answered
//! through an [`Api`] with the caller's token, so MCP and HTTP share every rule.

use std::borrow::Cow;
use std::sync::Arc;

use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, GetPromptRequestParams,
    GetPromptResponse, GetPromptResult, ListPromptsResult, ListResourcesResult, ListToolsResult,
    PaginatedRequestParams, ProtocolVersion, ReadResourceRequestParams, ReadResourceResponse,
    ReadResourceResult, ServerConfig,
};
use rmcp::service::{ElicitationMode, RequestContext};
use rmcp::{ErrorData as McpError, RoleServer, ServerHandler};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use super::api::{Api, ApiCall, ApiReply};
use super::tools::{self, BadInput};
use super::{elicit, resources, Caller};

/// One MCP session's handler.
#[derive(Clone)]
pub struct JobdraftMcp {
    api: Arc<dyn Api>,
    /// The token for every call when the transport has no per-request one (stdio).
    fixed_token: Option<String>,
}

fn model<T: DeserializeOwned>(value: Value) -> Result<T, McpError> {
    serde_json::from_value(value).map_err(|e| McpError::internal_error(e.to_string(), None))
}

/// A tool error carrying the API's error envelope (`error`, `code`, `details`, `requestId`).
fn tool_error(envelope: &Value) -> Result<CallToolResult, McpError> {
    model(json!({
        "content": [{"type": "text", "text": envelope.to_string()}],
        "isError": true,
    }))
}

fn tool_result(body: Value) -> Result<CallToolResult, McpError> {
    let text = serde_json::to_string_pretty(&body).unwrap_or_default();
    let structured = if body.is_object() {
        body
    } else {
        json!({"items": body})
    };
    model(json!({
        "content": [{"type": "text", "text": text}],
        "structuredContent": structured,
        "isError": false,
    }))
}

impl JobdraftMcp {
    pub fn new(api: Arc<dyn Api>, fixed_token: Option<String>) -> Self {
        JobdraftMcp { api, fixed_token }
    }

    fn caller(&self, ctx: &RequestContext<RoleServer>) -> Caller {
        ctx.extensions
            .get::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<Caller>().cloned())
            .unwrap_or_else(|| Caller {
                token: self.fixed_token.clone(),
                peer: None,
            })
    }

    async fn send(&self, caller: &Caller, call: ApiCall) -> ApiReply {
        self.api
            .send(call.token(caller.token.clone()).peer(caller.peer))
            .await
    }

    /// The API's capabilities document (the catalog), or `{}` when it cannot be read.
    async fn capabilities(&self, caller: &Caller) -> Value {
        let reply = self
            .send(
                caller,
                ApiCall::new("GET", "/api/public/v1/job-drafts/capabilities"),
            )
            .await;
        if reply.is_success() {
            reply.body
        } else {
            json!({})
        }
    }
}

impl ServerHandler for JobdraftMcp {
    fn get_info(&self) -> ServerConfig {
        serde_json::from_value(json!({
            "protocolVersion": ProtocolVersion::V_2025_11_25,
            "capabilities": {"tools": {}, "resources": {}, "prompts": {}},
            "serverInfo": {"name": "jobdraft", "title": "jobdraft", "version": env!("CARGO_PKG_VERSION")},
            "instructions": resources::INSTRUCTIONS,
        }))
        .unwrap_or_else(|_| ServerConfig::default())
    }

    /// Up to 2025-11-25: the last revision with server-to-client requests, which elicitation in
    /// the middle of a tool call needs (2026-07-28 replaces them with input-required results).
    fn supported_protocol_versions(&self) -> Cow<'static, [ProtocolVersion]> {
        Cow::Borrowed(ProtocolVersion::known_up_to(&ProtocolVersion::V_2025_11_25))
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        ctx: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, McpError> {
        let caps = self.capabilities(&self.caller(&ctx)).await;
        model(json!({"tools": tools::definitions(&caps)}))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        ctx: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, McpError> {
        let name = request.name.to_string();
        let args = request.arguments.unwrap_or_default();
        let caller = self.caller(&ctx);
        let call = match tools::api_call(&name, &args) {
            Ok(call) => call,
            Err(BadInput(message)) if tools::is_known(&name) => {
                return Ok(tool_error(&json!({
                    "error": message, "code": "BAD_REQUEST",
                    "details": {"reason": "invalid_tool_input", "tool": name},
                }))?
                .into())
            }
            Err(BadInput(message)) => return Err(McpError::invalid_params(message, None)),
        };
        let reply = self.send(&caller, call).await;
        if !reply.is_success() {
            return Ok(tool_error(&reply.body)?.into());
        }
        let mut body = reply.body;
        let ready = body["validation"]["publishReady"] == json!(true);
        let can_ask = ctx
            .peer
            .supported_elicitation_modes()
            .contains(&ElicitationMode::Form);
        if tools::ELICITING.contains(&name.as_str()) && !ready && can_ask {
            let caps = self.capabilities(&caller).await;
            body = elicit::complete(&ctx.peer, self.api.as_ref(), &caller, &caps, body).await;
        }
        Ok(tool_result(body)?.into())
    }

    async fn list_resources(
        &self,
        _request: Option<PaginatedRequestParams>,
        _ctx: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, McpError> {
        model(json!({"resources": resources::list()}))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        ctx: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, McpError> {
        let caps = self.capabilities(&self.caller(&ctx)).await;
        let text = resources::read(&request.uri, &caps).ok_or_else(|| {
            McpError::resource_not_found(format!("No resource {}.", request.uri), None)
        })?;
        let result: ReadResourceResult = model(json!({"contents": [{
            "uri": request.uri, "mimeType": "application/json", "text": text,
        }]}))?;
        Ok(result.into())
    }

    async fn list_prompts(
        &self,
        _request: Option<PaginatedRequestParams>,
        _ctx: RequestContext<RoleServer>,
    ) -> Result<ListPromptsResult, McpError> {
        model(json!({"prompts": [resources::prompt_definition()]}))
    }

    async fn get_prompt(
        &self,
        request: GetPromptRequestParams,
        _ctx: RequestContext<RoleServer>,
    ) -> Result<GetPromptResponse, McpError> {
        let args = request.arguments.unwrap_or_default();
        let result: GetPromptResult =
            model(resources::prompt(&request.name, &args).ok_or_else(|| {
                McpError::invalid_params(format!("No prompt {}.", request.name), None)
            })?)?;
        Ok(result.into())
    }
}
