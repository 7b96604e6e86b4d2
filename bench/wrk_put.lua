-- wrk_put.lua - make bench measurement 5: every request is a PUT of the
-- update body in $BODY_FILE (the Authorization header comes from wrk -H).
wrk.method = "PUT"
wrk.headers["Content-Type"] = "application/json"
local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.body = f:read("*a")
f:close()
