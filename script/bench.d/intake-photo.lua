-- POST /v1/requests as multipart: the JSON report and one ~1 MB JPEG (BENCH_PHOTO).
math.randomseed(os.time())
local f = assert(io.open(os.getenv("BENCH_PHOTO"), "rb"))
local photo = f:read("*a")
f:close()
local boundary = "curbside-bench-boundary"
wrk.method = "POST"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
request = function()
  local lat = 39.997113 + (math.random() - 0.5) * 0.009
  local lon = -82.992588 + (math.random() - 0.5) * 0.012
  local report = string.format('{"service_code":"pothole","location":{"lat":%.6f,"lon":%.6f},'
    .. '"answers":{"size":"large"},"description":"bench"}', lat, lon)
  local body = "--" .. boundary .. "\r\n"
    .. 'Content-Disposition: form-data; name="report"\r\nContent-Type: application/json\r\n\r\n'
    .. report .. "\r\n--" .. boundary .. "\r\n"
    .. 'Content-Disposition: form-data; name="photos"; filename="bench.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'
    .. photo .. "\r\n--" .. boundary .. "--\r\n"
  return wrk.format(nil, "/v1/requests", nil, body)
end
