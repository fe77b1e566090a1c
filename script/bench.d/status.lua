-- GET /v1/requests/{trackingNumber}, a random one of BENCH_NUMBERS (a file, one per line).
math.randomseed(os.time())
local numbers = {}
for line in io.lines(os.getenv("BENCH_NUMBERS")) do
  numbers[#numbers + 1] = line
end
request = function()
  return wrk.format("GET", "/v1/requests/" .. numbers[math.random(#numbers)])
end
