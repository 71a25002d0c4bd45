//! The OpenAPI paths of the pages for people (HTML, so Schemathesis checks them too).

use serde_json::{json, Value};

use crate::domain::public_job::TAG_KINDS;

fn html(description: &str) -> Value {
    json!({"description": description, "content": {"text/html": {"schema": {"type": "string"}}}})
}

fn html_or_error(description: &str) -> Value {
    json!({"description": description, "content": {
        "text/html": {"schema": {"type": "string"}},
        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
}

fn redirect(description: &str) -> Value {
    json!({"description": description, "headers": {"Location": {"schema": {"type": "string"}}}})
}

/// Adds the pages to the OpenAPI document.
pub fn add_openapi_paths(doc: &mut Value) {
    let string = json!({"type": "string"});
    let mut board_params: Vec<Value> = vec![json!({"name": "q", "in": "query", "schema": string})];
    for kind in TAG_KINDS.iter().chain(["cursor"].iter()) {
        board_params.push(json!({"name": kind, "in": "query", "schema": string}));
    }
    let id = json!({"name": "id", "in": "path", "required": true, "schema": string});
    let no_auth = json!([]);
    let paths = json!({
        "/": {"get": {"operationId": "get_board_page", "security": no_auth, "tags": ["pages"],
            "summary": "The public job board (HTML): search box, filters with facet counts, pagination.",
            "parameters": board_params,
            "responses": {"200": html("The board."), "400": html_or_error("A filter value or cursor the search does not know (the board with the reason), or a NUL in the query.")}}},
        "/style.css": {"get": {"operationId": "get_stylesheet", "security": no_auth, "tags": ["pages"],
            "summary": "The pages' one stylesheet (the operator's JOBDRAFT_PAGES_CSS when set).",
            "responses": {"200": {"description": "CSS.", "content": {"text/css": {"schema": {"type": "string"}}}}}}},
        "/job-post": {
            "get": {"operationId": "get_draft_page", "security": no_auth, "tags": ["pages"],
                "summary": "The draft page behind reviewUrl: the draft, its missing fields as a form, values to check with their evidence. Without a token (the bare draftUrl): a form to paste the link. Sets a CSRF cookie.",
                "parameters": [{"name": "jobId", "in": "query", "schema": string}, {"name": "token", "in": "query", "schema": string},
                               {"name": "done", "in": "query", "schema": string}],
                "responses": {"200": html("The draft page, or the way in."), "404": html("The link opens no draft (wrong id or token: the same page).")}},
            "post": {"operationId": "post_draft_page", "security": no_auth, "tags": ["pages"],
                "summary": "The draft page's form (jobId, token, csrf, etag, action=save|publish, f.<updateKey>…): Save is the API's PATCH, Publish the API's publish.",
                "requestBody": {"required": true, "content": {"application/x-www-form-urlencoded": {"schema": {"type": "object", "additionalProperties": {"type": "string"}}}}},
                "responses": {"303": redirect("Saved or published: back to the draft page."),
                    "200": html("Nothing changed: the page again."),
                    "400": html_or_error("The answers were refused, each next to its field; nothing was saved. Or an unreadable body (JSON envelope)."),
                    "403": html("The CSRF token and cookie differ, or moderation blocked the job."),
                    "404": html("The link opens no draft."), "409": html("The job is not a draft any more."),
                    "412": html("The draft changed since the page was opened."),
                    "429": html("The account's publish quota is reached.")}}},
        "/jobs/{id}": {"parameters": [id], "get": {"operationId": "get_job_page_bare", "security": no_auth, "tags": ["pages"],
            "summary": "Sends the visitor to the job's page.",
            "responses": {"301": redirect("The job's page."), "404": html_or_error("No listed job has this id."), "410": html("The job is closed.")}}},
        "/jobs/{id}/{slug}": {"parameters": [id, {"name": "slug", "in": "path", "required": true, "schema": string}],
            "get": {"operationId": "get_job_page", "security": no_auth, "tags": ["pages"],
            "summary": "A listed job's page with its schema.org JobPosting JSON-LD.",
            "responses": {"200": html("The job."), "301": redirect("The canonical slug."), "404": html_or_error("No listed job has this id."), "410": html("The job is closed.")}}},
        "/sitemap.xml": {"get": {"operationId": "get_sitemap", "security": no_auth, "tags": ["pages"],
            "summary": "The board and every listed job's page (at most 50,000).",
            "responses": {"200": {"description": "Sitemap.", "content": {"application/xml": {"schema": {"type": "string"}}}}}}},
        "/robots.txt": {"get": {"operationId": "get_robots", "security": no_auth, "tags": ["pages"],
            "summary": "Crawlers: the board and job pages yes; capability links, the claim page and the API no.",
            "responses": {"200": {"description": "robots.txt.", "content": {"text/plain": {"schema": {"type": "string"}}}}}}},
    });
    if let (Some(target), Value::Object(add)) =
        (doc.get_mut("paths").and_then(Value::as_object_mut), paths)
    {
        for (k, v) in add {
            target.insert(k, v);
        }
    }
}
