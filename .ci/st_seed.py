"""Seeds a running jobdraft server for Schemathesis: one draft and one published job, so the
{id} routes are also exercised with ids that exist. Prints the two ids, space-separated."""

import sys

import requests

base, token = sys.argv[1], sys.argv[2]
api = f"{base}/api/public/v1"
auth = {"Authorization": f"Bearer {token}"}


def ready_draft(text):
    res = requests.post(f"{api}/job-drafts", json={"rawJobDescription": text}, headers=auth, timeout=30)
    res.raise_for_status()
    report = res.json()
    for _ in range(6):
        if report["validation"]["publishReady"]:
            return report["jobId"]
        patch = {}
        for missing in report["missingFields"]:
            patch.update(missing["example"])
        res = requests.patch(f"{api}/job-drafts/{report['jobId']}", json=patch, headers=auth, timeout=30)
        res.raise_for_status()
        report = res.json()
    raise SystemExit(f"draft never became publish-ready: {report}")


TEXT = ("We need 10 experienced annotators for bounding boxes on 50,000 dashcam images. "
        "Pay is $18/hour. English required.")
draft = ready_draft(TEXT)
job = ready_draft(TEXT)
res = requests.post(f"{api}/jobs/{job}/publish", headers=auth, timeout=30)
res.raise_for_status()
print(draft, job)
