//! jobdraft: a self-hostable, description-first job drafting service.
//!
//! The layering is the architecture. [`catalog`] is the field catalog as data. [`domain`] is
//! pure: the draft lifecycle, PATCH semantics, the validator and the report, built on the
//! `jobdraft-parsers` crate — no actix, no Diesel, no IO. [`store`] (Diesel over SQLite or
//! PostgreSQL) and [`http`] (actix-web) are adapters: a handler reads through `store`, decides
//! through `domain` and writes through `store`. [`import`] is the one create path (HTTP create,
//! batch import, `jobdraft import`): it orchestrates `domain` and `store` without knowing HTTP.

pub mod actions;
pub mod catalog;
pub mod cli;
pub mod clock;
pub mod config;
pub mod domain;
pub mod feeds;
pub mod http;
pub mod import;
pub mod logging;
pub mod mcp;
pub mod net;
pub mod store;
pub mod webhooks;
