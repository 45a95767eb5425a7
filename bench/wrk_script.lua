-- wrk script for the wiki benchmark (driven by bench/loadgen.py).
--
-- Arguments after "--": expected status, method, path, and optionally a
-- file of variants, one per line: "<path>\t<Cookie header>\t<form body>".
-- With variants, requests take them in turn, so that each save posts the
-- CSRF token of the session whose cookie it sends, as a browser would.
-- At the end one JSON line reports the counts and the latency figures (µs);
-- "unexpected" counts responses whose status was not the expected one.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   expected = tonumber(args[1])
   unexpected = 0
   counter = 0
   requests = {}
   local headers = {}
   if args[4] then
      headers["Content-Type"] = "application/x-www-form-urlencoded"
      for line in io.lines(args[4]) do
         local path, cookie, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
         headers["Cookie"] = cookie
         table.insert(requests, wrk.format(args[2], path, headers, body))
      end
   else
      table.insert(requests, wrk.format(args[2], args[3], headers))
   end
end

function request()
   counter = counter + 1
   return requests[counter % #requests + 1]
end

function response(status, headers, body)
   if status ~= expected then
      unexpected = unexpected + 1
   end
end

function done(summary, latency, requests)
   local total_unexpected = 0
   for _, thread in ipairs(threads) do
      total_unexpected = total_unexpected + thread:get("unexpected")
   end
   local errors = summary.errors
   io.write(string.format(
      '{"requests": %d, "duration_us": %d, "connect": %d, "read": %d, ' ..
      '"write": %d, "timeout": %d, "status": %d, "unexpected": %d, ' ..
      '"p50_us": %d, "p99_us": %d, "mean_us": %.1f, "max_us": %d}\n',
      summary.requests, summary.duration, errors.connect, errors.read,
      errors.write, errors.timeout, errors.status, total_unexpected,
      latency:percentile(50), latency:percentile(99), latency.mean,
      latency.max))
end
