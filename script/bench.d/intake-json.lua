-- POST /v1/requests with JSON: a pothole somewhere in a 1 km square of district 5, so that
-- duplicate search sees a realistic, growing neighbourhood rather than one point.
math.randomseed(os.time())
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  local lat = 39.997113 + (math.random() - 0.5) * 0.009
  local lon = -82.992588 + (math.random() - 0.5) * 0.012
  local body = string.format('{"service_code":"pothole","location":{"lat":%.6f,"lon":%.6f},'
    .. '"answers":{"size":"large"},"description":"bench"}', lat, lon)
  return wrk.format(nil, "/v1/requests", nil, body)
end
