-- wrk script for the wiki benchmark (driven by bench/loadgen.py).
--
-- Arguments after "--": expected status, method, path, and optionally a
-- file of variants, one per line: "<path>\t<Cookie header>\t<form body>",
-- then the URL-encoded start and end of a text.  With variants, request
-- number n (from 0) takes variant n modulo their count, so that each save
-- posts the CSRF token of the session whose cookie it sends, as a browser
-- would, and its body ends with the text with n between its start and end,
-- so that no two saves of a load send the same text (LoadSpec.request in
-- loadgen.py builds the same requests).  At the end one JSON line reports
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
   if args[4] then
      text_start, text_end = args[5] or "", args[6] or ""
      for line in io.lines(args[4]) do
         local path, cookie, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
         table.insert(variants, {path = path, body = body, headers = {
            ["Content-Type"] = "application/x-www-form-urlencoded",
            ["Cookie"] = cookie}})
      end
   else
      fixed = wrk.format(method, args[3])
   end
end

function request()
   local number = sent
   sent = sent + 1
   if fixed then
      return fixed
   end
   local variant = variants[number % #variants + 1]
   return wrk.format(method, variant.path, variant.headers,
                     variant.body .. text_start .. number .. text_end)
end

function response(status, headers, body)
   if status ~= expected then
      unexpected = unexpected + 1
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
