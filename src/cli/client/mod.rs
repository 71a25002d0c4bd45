//! `jobdraft client …`: OpenTrain's CLI verbs over a jobdraft server's HTTP API (ureq, through
//! `mcp::remote::HttpApi`: GETs retried on 502/503/504, writes only with an idempotency key).
//! `--json` prints the API's JSON as it came; otherwise a short summary.

mod ask;
pub mod credentials;
mod output;

use std::io::Read;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};
use serde_json::{json, Value};

use super::AnyError;
use crate::mcp::api::{ApiCall, ApiReply};
use crate::mcp::remote::HttpApi;
use credentials::Credentials;
pub use output::describe_error;
use output::{list_jobs, print_report, show};

#[derive(Args)]
pub struct ClientArgs {
    /// The jobdraft server (default: the saved one, else http://127.0.0.1:8080).
    #[arg(long = "base-url", env = "JOBDRAFT_BASE_URL", global = true)]
    base_url: Option<String>,
    /// API token (default: the saved one).
    #[arg(long, env = "JOBDRAFT_TOKEN", hide_env_values = true, global = true)]
    token: Option<String>,
    /// Print the API's JSON answer.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: ClientCommand,
}

#[derive(Subcommand)]
enum ClientCommand {
    /// The token's account and scopes.
    Whoami,
    /// Register this agent (an unclaimed account); saves its tokens.
    Register {
        #[arg(long)]
        agent_name: Option<String>,
        #[arg(long)]
        organization: Option<String>,
    },
    /// Ask a person (by e-mail) to claim this agent's account.
    Claim {
        #[arg(long)]
        email: String,
    },
    /// Whether the claim was confirmed; saves the post-claim token when it was.
    ClaimStatus {
        /// Poll until the person confirms (or the claim fails).
        #[arg(long)]
        wait: bool,
    },
    /// Create a draft from a file (or - for stdin).
    Draft {
        file: String,
        /// The file's format (text, opentrain_canonical, schema_org, indeed_xml, hr_xml); text by default.
        #[arg(long)]
        format: Option<String>,
        #[arg(long)]
        profile: Option<String>,
        /// Ask each missing field in the terminal and PATCH until the draft is ready.
        #[arg(long)]
        ask: bool,
        /// Answer the missing fields from a JSON object (field → value) instead of a terminal.
        #[arg(long, value_name = "FILE")]
        answers: Option<PathBuf>,
        /// Publish once ready (with --answers; --ask asks instead).
        #[arg(long)]
        publish: bool,
    },
    /// PATCH a draft: KEY=VALUE pairs (VALUE read as JSON when it parses, else as text).
    Patch { id: String, pairs: Vec<String> },
    /// Publish a ready draft.
    Publish { id: String },
    /// Search open jobs.
    Search {
        query: Option<String>,
        #[arg(long)]
        category: Option<String>,
        #[arg(long)]
        limit: Option<u32>,
    },
    /// Your jobs and drafts.
    Mine {
        #[arg(long)]
        status: Option<String>,
    },
    /// Close a job.
    Close {
        id: String,
        #[arg(long)]
        reason: Option<String>,
    },
}

/// The API at the chosen base URL with the chosen token.
pub struct Client {
    api: HttpApi,
    token: Option<String>,
}

impl Client {
    fn call(
        &self,
        method: &'static str,
        path: &str,
        body: Option<Value>,
        key: Option<String>,
    ) -> ApiReply {
        let mut call = ApiCall::new(method, path)
            .token(self.token.clone())
            .idempotency_key(key);
        call.body = body;
        self.api.send_blocking(&call)
    }
}

fn query(pairs: &[(&str, Option<String>)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={}", encode(v))))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn create_body(
    text: String,
    format: Option<&str>,
    profile: Option<String>,
) -> Result<Value, AnyError> {
    let mut body = match format.unwrap_or("text") {
        "text" => json!({"rawJobDescription": text}),
        f @ ("opentrain_canonical" | "canonical") => {
            json!({"format": f, "job": serde_json::from_str::<Value>(&text)?})
        }
        f @ "schema_org" => json!({"format": f, "jsonLd": serde_json::from_str::<Value>(&text)?}),
        f => json!({"format": f, "xml": text}),
    };
    if let Some(p) = profile {
        body["profile"] = json!(p);
    }
    Ok(body)
}

pub fn run(args: ClientArgs) -> Result<(), AnyError> {
    let mut saved = Credentials::load()?;
    let base_url = args
        .base_url
        .clone()
        .or_else(|| saved.base_url.clone())
        .unwrap_or_else(|| "http://127.0.0.1:8080".into());
    let client = Client {
        api: HttpApi::new(&base_url),
        token: args.token.clone().or_else(|| saved.api_token.clone()),
    };
    let json_out = args.json;
    match args.command {
        ClientCommand::Whoami => {
            show(
                client.call("GET", "/api/public/v1/auth/me", None, None),
                json_out,
                |b| println!("{}", serde_json::to_string_pretty(b).unwrap_or_default()),
            )?;
        }
        ClientCommand::Register {
            agent_name,
            organization,
        } => {
            let mut body = json!({});
            if let Some(n) = agent_name {
                body["agent_name"] = json!(n);
            }
            if let Some(o) = organization {
                body["organization_name"] = json!(o);
            }
            let reply = show(
                client.call("POST", "/api/agent/identity", Some(body), None),
                json_out,
                |b| {
                    println!(
                        "registered account {}; tokens saved to {}",
                        b["account"]["id"].as_str().unwrap_or("?"),
                        credentials::path().display()
                    )
                },
            )?;
            saved.api_token = reply["access_token"].as_str().map(str::to_string);
            saved.claim_token = reply["claim_token"].as_str().map(str::to_string);
            saved.base_url = Some(base_url);
            saved.save()?;
        }
        ClientCommand::Claim { email } => {
            let claim_token = saved
                .claim_token
                .clone()
                .ok_or("no claim token saved: run `jobdraft client register` first")?;
            let body = json!({"claim_token": claim_token, "email": email});
            show(
                client.call("POST", "/api/agent/identity/claim", Some(body), None),
                json_out,
                |b| {
                    println!(
                        "ask {email} to open {} and enter code {}",
                        b["verification_uri"].as_str().unwrap_or("?"),
                        b["user_code"].as_str().unwrap_or("?")
                    )
                },
            )?;
        }
        ClientCommand::ClaimStatus { wait } => {
            let claim_token = saved
                .claim_token
                .clone()
                .ok_or("no claim token saved: run `jobdraft client register` first")?;
            let body =
                json!({"grant_type": crate::domain::claim::GRANT_TYPE, "claim_token": claim_token});
            let mut interval = Duration::from_secs(crate::domain::claim::POLL_INTERVAL_SECS as u64);
            let reply = loop {
                let reply = client.call("POST", "/api/agent/oauth/token", Some(body.clone()), None);
                match reply.body["error"].as_str() {
                    Some("authorization_pending") if wait => {}
                    Some("slow_down") if wait => interval += Duration::from_secs(5),
                    _ => break reply,
                }
                std::thread::sleep(interval);
            };
            let body = show(reply, json_out, |_| {
                println!("claimed; the post-claim token is saved")
            })?;
            saved.api_token = body["access_token"].as_str().map(str::to_string);
            saved.claim_token = None;
            saved.save()?;
        }
        ClientCommand::Draft {
            file,
            format,
            profile,
            ask,
            answers,
            publish,
        } => {
            let mut text = String::new();
            if file == "-" {
                std::io::stdin().read_to_string(&mut text)?;
            } else {
                text = std::fs::read_to_string(&file)?;
            }
            let body = create_body(text, format.as_deref(), profile)?;
            // The key makes the create safe to retry.
            let key = Some(format!("cli-{}", uuid::Uuid::now_v7().simple()));
            let created = client.call("POST", "/api/public/v1/job-drafts", Some(body), key);
            if !(ask || answers.is_some()) {
                show(created, json_out, print_report)?;
                return Ok(());
            }
            let report = show(created, false, |_| {})?;
            let catalog = client
                .call("GET", "/api/public/v1/job-drafts/capabilities", None, None)
                .body;
            let stdin = std::io::stdin();
            let mut input = stdin.lock();
            let mut stderr = std::io::stderr();
            let mut source = match answers {
                Some(path) => ask::Answers::File(
                    serde_json::from_str::<Value>(&std::fs::read_to_string(&path)?)?
                        .as_object()
                        .cloned()
                        .ok_or("the answers file must be a JSON object (field → value)")?,
                ),
                None => ask::Answers::Terminal {
                    input: &mut input,
                    prompts: &mut stderr,
                },
            };
            let report = ask::complete(&client, &catalog, report, &mut source)?;
            let id = report["jobId"].as_str().unwrap_or_default().to_string();
            if publish || source.confirm_publish()? {
                show(
                    client.call(
                        "POST",
                        &format!("/api/public/v1/jobs/{id}/publish"),
                        None,
                        None,
                    ),
                    json_out,
                    |b| {
                        println!(
                            "published {id}: {} {}",
                            b["status"].as_str().unwrap_or("?"),
                            b["jobUrl"].as_str().unwrap_or_default()
                        )
                    },
                )?;
            } else if json_out {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                print_report(&report);
            }
        }
        ClientCommand::Patch { id, pairs } => {
            let mut patch = serde_json::Map::new();
            for pair in pairs {
                let (k, v) = pair
                    .split_once('=')
                    .ok_or_else(|| format!("{pair:?} is not KEY=VALUE"))?;
                patch.insert(
                    k.to_string(),
                    serde_json::from_str(v).unwrap_or_else(|_| json!(v)),
                );
            }
            show(
                client.call(
                    "PATCH",
                    &format!("/api/public/v1/job-drafts/{}", encode(&id)),
                    Some(Value::Object(patch)),
                    None,
                ),
                json_out,
                print_report,
            )?;
        }
        ClientCommand::Publish { id } => {
            show(
                client.call(
                    "POST",
                    &format!("/api/public/v1/jobs/{}/publish", encode(&id)),
                    None,
                    None,
                ),
                json_out,
                |b| {
                    println!(
                        "{} {} {}",
                        b["jobId"].as_str().unwrap_or("?"),
                        b["status"].as_str().unwrap_or("?"),
                        b["jobUrl"].as_str().unwrap_or_default()
                    )
                },
            )?;
        }
        ClientCommand::Search {
            query: q,
            category,
            limit,
        } => {
            let path = format!(
                "/api/public/v1/jobs{}",
                query(&[
                    ("q", q),
                    ("category", category),
                    ("limit", limit.map(|l| l.to_string()))
                ])
            );
            show(client.call("GET", &path, None, None), json_out, list_jobs)?;
        }
        ClientCommand::Mine { status } => {
            let path = format!("/api/public/v1/jobs/mine{}", query(&[("status", status)]));
            show(client.call("GET", &path, None, None), json_out, list_jobs)?;
        }
        ClientCommand::Close { id, reason } => {
            let body = reason.map_or(json!({}), |r| json!({"reason": r}));
            show(
                client.call(
                    "POST",
                    &format!("/api/public/v1/jobs/{}/close", encode(&id)),
                    Some(body),
                    None,
                ),
                json_out,
                |b| {
                    println!(
                        "{} {}",
                        b["jobId"].as_str().unwrap_or("?"),
                        b["status"].as_str().unwrap_or("?")
                    )
                },
            )?;
        }
    }
    Ok(())
}
