//! After the draft, over HTTP on SQLite and PostgreSQL: publish with moderation (ALLOW, REVIEW,
//! BLOCK) and the database-kept quota, live edits, closing, the review queue, own-jobs paging,
//! quality reports and the expiry sweep.

mod common;
mod lifecycle_support;

use jobdraft::store::{lifecycle, now_ms, reports};
use lifecycle_support::*;
use serde_json::{json, Value};

const FEE: &str = "Label images. Pay a $50 registration fee to get started.";
const WHATSAPP: &str =
    "Label images of street scenes. Message me on WhatsApp +1 555 123 4567 for details.";

fn job_path(id: &str) -> String {
    format!("/api/public/v1/jobs/{id}")
}

both_databases!(publish_edit_close_round_trip, |srv: &common::TestServer| {
    let token = srv.token("acme", "jobs:write");
    let id = ready_draft(srv, &token, DASHCAM, no_extra());
    let res = publish(srv, &token, &id);
    assert_eq!(res.status, 200, "{}", res.text());
    let body = res.json();
    assert_eq!(body["status"], "OPEN");
    assert_eq!(
        body["moderation"],
        json!({"decision": "ALLOW", "reasons": []})
    );
    assert_eq!(get_public(srv, &job_path(&id)).status, 200);

    // Live edit: the draft PATCH's keys and rules.
    let res = srv.patch_json(
        &job_path(&id),
        &token,
        &json!({"headcount": 3, "jobTitle": "Dashcam boxes"}),
    );
    assert_eq!(res.status, 200, "{}", res.text());
    let body = res.json();
    assert_eq!(body["ok"], true);
    assert_eq!(body["status"], "OPEN");
    assert_eq!(body["moderation"]["decision"], "ALLOW");
    let public = get_public(srv, &job_path(&id)).json();
    assert_eq!(public["title"], "Dashcam boxes");
    assert_eq!(public["headcount"], 3);

    // A bad edit changes nothing.
    let before = draft_status(srv, &token, &id);
    let err = srv
        .patch_json(
            &job_path(&id),
            &token,
            &json!({"headcount": "many", "nope": 1}),
        )
        .assert_error(400, "BAD_REQUEST");
    assert_eq!(err["details"]["issues"].as_array().map(Vec::len), Some(2));
    let err = srv
        .patch_json(&job_path(&id), &token, &json!({"jobTitle": null}))
        .assert_error(400, "BAD_REQUEST");
    assert_eq!(err["details"]["reason"], "not_publish_ready");
    assert_eq!(
        draft_status(srv, &token, &id)["normalizedFields"],
        before["normalizedFields"]
    );

    // Close is idempotent and unlists.
    let res = close(srv, &token, &id);
    assert_eq!(res.status, 200, "{}", res.text());
    assert_eq!(
        res.json(),
        json!({"ok": true, "jobId": id, "status": "ARCHIVED", "alreadyClosed": false})
    );
    assert_eq!(close(srv, &token, &id).json()["alreadyClosed"], true);
    let gone = get_public(srv, &job_path(&id));
    assert_eq!(gone.status, 404);
    assert_eq!(gone.json(), json!({"id": id, "status": "closed"}));
    let err = srv
        .patch_json(&job_path(&id), &token, &json!({"headcount": 4}))
        .assert_error(409, "CONFLICT");
    assert_eq!(err["details"]["requiredStatus"], "OPEN");
    assert_eq!(err["details"]["status"], "ARCHIVED");
    let err = publish(srv, &token, &id).assert_error(409, "CONFLICT");
    assert_eq!(err["details"]["status"], "ARCHIVED");
});

both_databases!(
    live_edits_need_an_open_job_of_ones_own,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let other = srv.token("rival", "jobs:write");
        let reader = srv.token("acme", "jobs:read");
        let id = ready_draft(srv, &token, DASHCAM, no_extra());
        let err = srv
            .patch_json(&job_path(&id), &token, &json!({"headcount": 2}))
            .assert_error(409, "CONFLICT");
        assert_eq!(err["details"]["requiredStatus"], "OPEN");
        assert_eq!(err["details"]["status"], "DRAFT");
        assert!(
            err["error"]
                .as_str()
                .is_some_and(|m| m.contains(&format!("/api/public/v1/job-drafts/{id}"))),
            "{err}"
        );
        srv.patch_json(&job_path(&id), &other, &json!({"headcount": 2}))
            .assert_error(404, "NOT_FOUND");
        close(srv, &other, &id).assert_error(404, "NOT_FOUND");
        publish(srv, &other, &id).assert_error(404, "NOT_FOUND");
        srv.patch_json(&job_path(&id), &reader, &json!({"headcount": 2}))
            .assert_error(403, "FORBIDDEN");
        close(srv, &reader, &id).assert_error(403, "FORBIDDEN");
        srv.patch_json(&job_path("nope"), &token, &json!({"headcount": 2}))
            .assert_error(404, "NOT_FOUND");
        // Closing a draft archives it without it ever being listed.
        assert_eq!(close(srv, &token, &id).json()["status"], "ARCHIVED");
    }
);

both_databases!(
    moderation_block_on_publish_is_403_and_changes_nothing,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let id = ready_draft(srv, &token, DASHCAM, json!({"jobDescription": FEE}));
        let before = srv.get(&format!("/api/public/v1/job-drafts/{id}"), &token);
        let err = publish(srv, &token, &id).assert_error(403, "FORBIDDEN");
        assert_eq!(err["details"]["reason"], "moderation_blocked");
        let reasons = err["details"]["reasons"].as_array().expect("reasons");
        assert_eq!(reasons[0]["code"], "fee_to_apply");
        assert_eq!(reasons[0]["field"], "jobDescription");
        assert!(reasons[0]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()));
        let after = srv.get(&format!("/api/public/v1/job-drafts/{id}"), &token);
        assert_eq!(after.json()["status"], "DRAFT");
        assert_eq!(
            after.header("ETag"),
            before.header("ETag"),
            "a refused publish changes nothing"
        );
        assert_eq!(get_public(srv, &job_path(&id)).json()["status"], "closed");

        // Staffing agencies are on the list.
        let id = ready_draft(
            srv,
            &token,
            DASHCAM,
            json!({"companyName": "Randstad Digital"}),
        );
        let err = publish(srv, &token, &id).assert_error(403, "FORBIDDEN");
        assert_eq!(err["details"]["reasons"][0]["code"], "staffing_company");
    }
);

both_databases!(
    moderation_block_on_live_edit_keeps_the_edit_and_unpublishes,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let id = live_job(srv, &token, DASHCAM, no_extra());
        let err = srv
            .patch_json(&job_path(&id), &token, &json!({"jobDescription": FEE}))
            .assert_error(409, "CONFLICT");
        assert_eq!(err["details"]["reason"], "moderation_blocked");
        assert_eq!(err["details"]["status"], "DRAFT");
        assert_eq!(err["details"]["jobId"], id.as_str());
        assert_eq!(err["details"]["reasons"][0]["code"], "fee_to_apply");
        let draft = draft_status(srv, &token, &id);
        assert_eq!(draft["status"], "DRAFT");
        assert_eq!(draft["normalizedFields"]["jobDescription"], FEE);
        assert_eq!(get_public(srv, &job_path(&id)).status, 404);
        // Fixed through the draft PATCH, it can be published again.
        let res = srv.patch_json(
            &format!("/api/public/v1/job-drafts/{id}"),
            &token,
            &json!({"jobDescription": DASHCAM}),
        );
        assert_eq!(res.status, 200);
        assert_eq!(publish(srv, &token, &id).json()["status"], "OPEN");
    }
);

both_databases!(
    moderation_review_queues_until_a_human_decides,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let id = ready_draft(srv, &token, DASHCAM, json!({"jobDescription": WHATSAPP}));
        let res = publish(srv, &token, &id);
        assert_eq!(res.status, 202, "{}", res.text());
        let body = res.json();
        assert_eq!(body["status"], "PENDING_APPROVAL");
        assert_eq!(body["moderation"]["decision"], "REVIEW");
        assert_eq!(
            body["moderation"]["reasons"][0]["code"],
            "contact_in_description"
        );
        assert_eq!(publish(srv, &token, &id).json()["alreadyPublished"], true);
        assert_eq!(
            get_public(srv, &job_path(&id)).json(),
            json!({"id": id, "status": "closed"})
        );
        srv.patch_json(&job_path(&id), &token, &json!({"headcount": 2}))
            .assert_error(409, "CONFLICT");

        let mut conn = srv.store.conn().expect("conn");
        let queue = lifecycle::pending_reviews(&mut conn).expect("queue");
        assert_eq!(queue.len(), 1);
        assert_eq!(queue[0].1.id, id);
        assert!(queue[0].0.reasons.contains("contact_in_description"));
        match lifecycle::resolve(&mut conn, &id, true, None, now_ms()).expect("approve") {
            lifecycle::Resolved::Done(d) => assert_eq!(d.status.as_str(), "OPEN"),
            other => panic!("{other:?}"),
        }
        assert!(lifecycle::pending_reviews(&mut conn)
            .expect("queue")
            .is_empty());
        assert_eq!(get_public(srv, &job_path(&id)).status, 200);

        // Rejected: back to DRAFT with the reason recorded.
        let id2 = ready_draft(srv, &token, DASHCAM, json!({"jobDescription": WHATSAPP}));
        assert_eq!(publish(srv, &token, &id2).status, 202);
        assert!(matches!(
            lifecycle::resolve(
                &mut conn,
                &id2,
                false,
                Some("off-platform contact"),
                now_ms()
            ),
            Ok(lifecycle::Resolved::Done(_))
        ));
        assert_eq!(draft_status(srv, &token, &id2)["status"], "DRAFT");
        assert!(matches!(
            lifecycle::resolve(&mut conn, &id2, true, None, now_ms()),
            Ok(lifecycle::Resolved::NotPending(_))
        ));

        // A live edit that needs review takes the job off the board until approved.
        let id3 = live_job(srv, &token, DASHCAM, no_extra());
        let res = srv.patch_json(
            &job_path(&id3),
            &token,
            &json!({"jobDescription": WHATSAPP}),
        );
        assert_eq!(res.status, 200, "{}", res.text());
        assert_eq!(res.json()["status"], "PENDING_APPROVAL");
        assert_eq!(res.json()["moderation"]["decision"], "REVIEW");
        assert_eq!(get_public(srv, &job_path(&id3)).status, 404);
    }
);

both_databases_with!(
    publish_quota_is_per_account_and_kept_in_the_database,
    |c: &mut jobdraft::config::Config| c.publish_quota = 2,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let second = srv.token("acme", "jobs:write");
        let other = srv.token("rival", "jobs:write");
        let ids: Vec<String> = (0..3)
            .map(|_| ready_draft(srv, &token, DASHCAM, no_extra()))
            .collect();
        assert_eq!(publish(srv, &token, &ids[0]).status, 200);
        assert_eq!(
            publish(srv, &second, &ids[1]).status,
            200,
            "the quota is per account, any token"
        );
        assert_eq!(
            publish(srv, &token, &ids[0]).json()["alreadyPublished"],
            true,
            "replays are free"
        );
        let res = publish(srv, &token, &ids[2]);
        let err = res.assert_error(429, "RATE_LIMITED");
        assert_eq!(err["details"]["limit"], 2);
        assert_eq!(err["details"]["windowHours"], 24);
        let retry: u64 = res
            .header("Retry-After")
            .and_then(|v| v.parse().ok())
            .expect("Retry-After");
        assert!((1..=86_400).contains(&retry));
        assert_eq!(draft_status(srv, &token, &ids[2])["status"], "DRAFT");
        // A second replica on the same database sees the same count.
        let replica = second_replica(srv, |c| c.publish_quota = 2);
        let auth = format!("Bearer {token}");
        let path = format!("/api/public/v1/jobs/{}/publish", ids[2]);
        let res = common::http_request(replica, "POST", &path, &[("Authorization", &auth)], b"");
        res.assert_error(429, "RATE_LIMITED");
        let theirs = ready_draft(srv, &other, DASHCAM, no_extra());
        assert_eq!(publish(srv, &other, &theirs).status, 200);
    }
);

both_databases_with!(
    token_throttle_answers_429,
    |c: &mut jobdraft::config::Config| c.token_rate_per_minute = 3,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:read");
        for _ in 0..3 {
            assert_eq!(srv.get("/api/public/v1/jobs/mine", &token).status, 200);
        }
        let res = srv.get("/api/public/v1/jobs/mine", &token);
        res.assert_error(429, "RATE_LIMITED");
        assert!(res.header("Retry-After").is_some());
        assert_eq!(
            srv.get("/api/public/v1/jobs/mine", &srv.token("acme", "jobs:read"))
                .status,
            200
        );
    }
);

fn mine_page(srv: &common::TestServer, token: &str, query: &str) -> Value {
    let res = srv.get(&format!("/api/public/v1/jobs/mine{query}"), token);
    assert_eq!(res.status, 200, "{}", res.text());
    res.json()
}

both_databases!(
    own_jobs_page_newest_first_without_gaps_under_inserts,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let rival = srv.token("rival", "jobs:write");
        srv.create_text(&rival, DASHCAM);
        let mut ids: Vec<String> = (0..7)
            .map(|_| {
                srv.create_text(&token, DASHCAM)["jobId"]
                    .as_str()
                    .expect("id")
                    .to_string()
            })
            .collect();
        let open = ready_draft(srv, &token, DASHCAM, no_extra());
        assert_eq!(publish(srv, &token, &open).status, 200);
        ids.push(open.clone());
        ids.reverse();

        let first = mine_page(srv, &token, "");
        let all: Vec<&str> = first["jobs"]
            .as_array()
            .expect("jobs")
            .iter()
            .filter_map(|j| j["id"].as_str())
            .collect();
        assert_eq!(
            all,
            ids.iter().map(String::as_str).collect::<Vec<_>>(),
            "newest first, own jobs only"
        );
        assert_eq!(first["nextCursor"], Value::Null);
        let item = &first["jobs"][0];
        for key in [
            "id",
            "title",
            "status",
            "published",
            "acceptingApplicants",
            "createdAt",
            "updatedAt",
            "jobUrl",
        ] {
            assert!(item.get(key).is_some(), "{key} missing: {item}");
        }
        assert_eq!(item["status"], "OPEN");
        assert_eq!(item["published"], true);

        // Page by 3 while new drafts keep arriving: every original job exactly once, in order.
        let mut seen = Vec::new();
        let mut query = "?limit=3".to_string();
        loop {
            let page = mine_page(srv, &token, &query);
            seen.extend(
                page["jobs"]
                    .as_array()
                    .expect("jobs")
                    .iter()
                    .filter_map(|j| j["id"].as_str().map(str::to_string)),
            );
            srv.create_text(&token, DASHCAM);
            match page["nextCursor"].as_str() {
                Some(c) => query = format!("?limit=3&cursor={c}"),
                None => break,
            }
        }
        assert_eq!(seen, ids, "no duplicates, no gaps");

        let only_open = mine_page(srv, &token, "?status=open");
        assert_eq!(only_open["jobs"].as_array().map(Vec::len), Some(1));
        let err = srv
            .get("/api/public/v1/jobs/mine?status=LIVE", &token)
            .assert_error(400, "BAD_REQUEST");
        assert!(err["details"]["supportedStatuses"]
            .as_array()
            .is_some_and(|s| s.contains(&json!("PENDING_APPROVAL"))));
        srv.get("/api/public/v1/jobs/mine?limit=0", &token)
            .assert_error(400, "BAD_REQUEST");
        srv.get("/api/public/v1/jobs/mine?limit=101", &token)
            .assert_error(400, "BAD_REQUEST");
        srv.get("/api/public/v1/jobs/mine?cursor=%21%21", &token)
            .assert_error(400, "BAD_REQUEST");
        srv.request("GET", "/api/public/v1/jobs/mine", &[], b"")
            .assert_error(401, "UNAUTHORIZED");
    }
);

both_databases!(
    quality_reports_on_listed_jobs,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let reader = srv.token("someone", "jobs:read");
        let id = live_job(srv, &token, DASHCAM, no_extra());
        let path = format!("/api/public/v1/jobs/{id}/reports");
        let res = srv.post_json(
            &path,
            &reader,
            &json!({"reason": "The pay in the text and the pay field differ."}),
        );
        assert_eq!(res.status, 201, "{}", res.text());
        let body = res.json();
        assert_eq!(body["jobId"], id.as_str());
        assert_eq!(
            body["reason"],
            "The pay in the text and the pay field differ."
        );
        assert!(body["id"].is_string() && body["createdAt"].is_string());
        let auth = format!("Bearer {reader}");
        assert_eq!(
            srv.request("POST", &path, &[("Authorization", &auth)], b"")
                .json()["reason"],
            Value::Null
        );
        srv.post_json(&path, &reader, &json!({"reason": 5}))
            .assert_error(400, "BAD_REQUEST");
        srv.post_json(&path, &reader, &json!({"why": "x"}))
            .assert_error(400, "BAD_REQUEST");
        srv.post_json("/api/public/v1/jobs/nope/reports", &reader, &json!({}))
            .assert_error(404, "NOT_FOUND");
        let draft = srv.create_text(&token, DASHCAM)["jobId"]
            .as_str()
            .expect("id")
            .to_string();
        srv.post_json(
            &format!("/api/public/v1/jobs/{draft}/reports"),
            &reader,
            &json!({}),
        )
        .assert_error(404, "NOT_FOUND");
        srv.request("POST", &path, &[], b"")
            .assert_error(401, "UNAUTHORIZED");
        let mut conn = srv.store.conn().expect("conn");
        assert_eq!(reports::list(&mut conn, 10).expect("list").len(), 2);
    }
);

both_databases!(
    expired_jobs_are_hidden_then_closed_by_the_sweep,
    |srv: &common::TestServer| {
        use diesel::prelude::*;
        use jobdraft::store::schema::{job_search, job_tags};
        let token = srv.token("acme", "jobs:write");
        let id = live_job(srv, &token, DASHCAM, json!({"validThrough": "2099-12-31"}));
        let keep = live_job(srv, &token, DASHCAM, no_extra());
        assert_eq!(
            get_public(srv, &job_path(&id)).json()["validThrough"],
            "2099-12-31"
        );
        let mut conn = srv.store.conn().expect("conn");
        // Pretend the date passed a moment ago: reads must hide it before any sweep runs.
        let past = now_ms() - 1;
        diesel::update(job_search::table.filter(job_search::job_id.eq(&id)))
            .set(job_search::valid_until.eq(past))
            .execute(&mut *conn)
            .expect("age");
        diesel::update(job_tags::table.filter(job_tags::job_id.eq(&id)))
            .set(job_tags::valid_until.eq(past))
            .execute(&mut *conn)
            .expect("age");
        assert_eq!(get_public(srv, &job_path(&id)).json()["status"], "closed");
        let list = get_public(srv, "/api/public/v1/jobs").json();
        let listed: Vec<&str> = list["jobs"]
            .as_array()
            .expect("jobs")
            .iter()
            .filter_map(|j| j["id"].as_str())
            .collect();
        assert_eq!(listed, vec![keep.as_str()]);
        assert_eq!(
            get_public(srv, "/api/public/v1/jobs/facets").json()["totalJobs"],
            1
        );
        let closed = lifecycle::close_expired(&mut conn, now_ms(), 100).expect("sweep");
        assert_eq!(closed, vec![id.clone()]);
        assert_eq!(draft_status(srv, &token, &id)["status"], "ARCHIVED");
        assert!(lifecycle::close_expired(&mut conn, now_ms(), 100)
            .expect("sweep")
            .is_empty());
        assert_eq!(draft_status(srv, &token, &keep)["status"], "OPEN");
    }
);
