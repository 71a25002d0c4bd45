//! MCP (DESIGN.md §13): the API as MCP tools, resources and a prompt, on rmcp (the official
//! Rust SDK). Served over Streamable HTTP at `/mcp` (in-process, see `local`) and over stdio by
//! `jobdraft mcp` (a client of the HTTP API, see `remote`); both answer through the API's own
//! handlers.

pub mod api;
pub(crate) mod elicit;
pub mod local;
pub mod remote;
mod resources;
mod schema;
mod server;
mod tools;

pub use server::JobdraftMcp;

/// Who is calling, as the `/mcp` endpoint learned it: handed to the handler in the request's
/// extensions.
#[derive(Debug, Clone)]
pub struct Caller {
    pub token: Option<String>,
    pub peer: Option<std::net::SocketAddr>,
}
