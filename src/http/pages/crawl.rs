//! `/sitemap.xml` (every listed job's page) and `/robots.txt` (the board and job pages open to
//! crawlers; capability links, the API and the claim page not).

use actix_web::http::header;
use actix_web::{web, HttpResponse};

use crate::domain::job_posting::page_slug;
use crate::http::{iso, ApiError, AppState};
use crate::store::{now_ms, sitemap};

/// Escapes text for XML content.
fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// GET /sitemap.xml
pub async fn get_sitemap(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let now = now_ms();
    let entries = state
        .db(move |conn| Ok(sitemap::listed(conn, now)?))
        .await?;
    let base = state.public_base();
    let mut out = String::with_capacity(200 + entries.len() * 160);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    out.push_str(&format!("<url><loc>{}/</loc></url>\n", xml(&base)));
    for (id, title, updated_at) in entries {
        out.push_str(&format!(
            "<url><loc>{}</loc><lastmod>{}</lastmod></url>\n",
            xml(&format!("{base}/jobs/{id}/{}", page_slug(&title))),
            iso(updated_at)
        ));
    }
    out.push_str("</urlset>\n");
    Ok(HttpResponse::Ok()
        .content_type("application/xml; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .body(out))
}

/// GET /robots.txt
pub async fn get_robots(state: web::Data<AppState>) -> HttpResponse {
    let body = format!(
        "User-agent: *\nAllow: /$\nAllow: /jobs/\nAllow: /style.css\nDisallow: /job-post\n\
         Disallow: /claim\nDisallow: /api/\n\nSitemap: {}/sitemap.xml\n",
        state.public_base()
    );
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(body)
}
