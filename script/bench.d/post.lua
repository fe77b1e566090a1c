-- POSTs the JSON body given after "--" to the URL, e.g. a sign-in.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

function init(args)
  wrk.body = args[1]
end
