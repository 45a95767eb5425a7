-- wrk script for the wiki benchmark (driven by bench/loadgen.py).
--
-- Arguments after "--": expected status, method, path, and optionally a
-- file of variants (or "" for none, then headers "Name: value" that every
-- request sends), one per line: "<path>\t<Cookie header>\t<form body>",
-- with "\t<revision>" after it when a revision field is named, then the
-- URL-encoded start and end of a text, and the name of that field (or "").
-- With variants, request number n (from 0) takes variant n modulo their
-- count, so that each save posts the CSRF token of the session whose
-- cookie it sends, as a browser would, and its body ends with the text
-- with n between its start and end, so that no two saves of a load send
-- the same text.  With a revision field, requests take instead the next
-- variant whose page has no save in flight, and end with the field, whose
-- value is the revision that page is at: the variant's, plus one for each
-- save of it answered with the expected status (the answer's Location
-- names the page).  A page whose save got another answer (an error,
-- counted) gets no more saves in this load.  LoadSpec.request in
-- loadgen.py and PageTurns in pyloadgen.py build the same requests.  At the end one JSON line reports
-- the counts and the latency figures (µs); "unexpected" counts responses
-- whose status was not the expected one, "sent" the requests made.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   expected = tonumber(args[1])
   method = args[2]
   unexpected = 0
   sent = 0
   variants = {}
   revision_field = ""
   if args[4] and args[4] ~= "" then
      text_start, text_end = args[5] or "", args[6] or ""
      revision_field = args[7] or ""
      busy, by_title, last = {}, {}, 0
      for line in io.lines(args[4]) do
         local path, cookie, body, revision
         if revision_field ~= "" then
            path, cookie, body, revision =
               line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(%d+)$")
         else
            path, cookie, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
         end
         table.insert(variants, {path = path, body = body,
            revision = tonumber(revision), headers = {
               ["Content-Type"] = "application/x-www-form-urlencoded",
               ["Cookie"] = cookie}})
         by_title[path:match("[^/]*$")] = #variants
      end
   else
      local headers = {}
      for index = 5, #args do
         local name, value = args[index]:match("^([^:]+): (.*)$")
         headers[name] = value
      end
      fixed = wrk.format(method, args[3], headers)
   end
end

function request()
   local number = sent
   sent = sent + 1
   if fixed then
      return fixed
   end
   local index = number % #variants + 1
   if revision_field ~= "" then
      index = next_idle()
   end
   local variant = variants[index]
   local body = variant.body .. text_start .. number .. text_end
   if revision_field ~= "" then
      body = body .. "&" .. revision_field .. "=" .. variant.revision
   end
   return wrk.format(method, variant.path, variant.headers, body)
end

-- The next variant in turn whose page has no save in flight (or the next
-- one, if all have), now in flight.
function next_idle()
   local count = #variants
   local index = last % count + 1
   for step = 1, count do
      local candidate = (last + step - 1) % count + 1
      if not busy[candidate] then
         index = candidate
         break
      end
   end
   last = index
   busy[index] = true
   return index
end

function response(status, headers, body)
   if status ~= expected then
      unexpected = unexpected + 1
   elseif revision_field ~= "" then
      local index = by_title[(headers["Location"] or ""):match("[^/]*$")]
      if index then
         busy[index] = nil
         variants[index].revision = variants[index].revision + 1
      end
   end
end

function done(summary, latency, requests)
   local total_unexpected, total_sent = 0, 0
   for _, thread in ipairs(threads) do
      total_unexpected = total_unexpected + thread:get("unexpected")
      total_sent = total_sent + thread:get("sent")
   end
   local errors = summary.errors
   io.write(string.format(
      '{"requests": %d, "sent": %d, "duration_us": %d, "connect": %d, ' ..
      '"read": %d, "write": %d, "timeout": %d, "status": %d, ' ..
      '"unexpected": %d, "p50_us": %d, "p99_us": %d, "mean_us": %.1f, ' ..
      '"max_us": %d}\n',
      summary.requests, total_sent, summary.duration, errors.connect,
      errors.read, errors.write, errors.timeout, errors.status,
      total_unexpected, latency:percentile(50), latency:percentile(99),
      latency.mean, latency.max))
end
