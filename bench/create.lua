-- wrk script: POST a ~2 KB plain-text description to the create endpoint.
-- The token comes from the JOBDRAFT_TOKEN environment variable.
local token = os.getenv("JOBDRAFT_TOKEN") or ""
local text = "We need 10 experienced annotators for bounding boxes on 50,000 dashcam images. " ..
  "Pay is $18/hour. English required. Work runs about six weeks. "
local desc = string.rep(text, 12)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token
wrk.body = '{"rawJobDescription": "' .. desc .. '"}'
